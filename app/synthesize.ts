import { existsSync, renameSync, rmSync } from "node:fs";
import { App } from "cdktf";

/**
 * Synthesizes into a fresh sibling folder and swaps it in only when everything succeeded,
 * so a failed run (bad config, a construct's validation, a policy error) leaves an existing
 * `cdktf.out/` exactly as it was, and a reviewer never sees half of a new synth.
 *
 * @param build adds the stacks to the app; what it returns is handed to `finish`
 * @param finish runs on the complete new output before it replaces the old one; throwing discards it
 * @returns what `build` returned
 */
export function synthesizeAtomically<T>(
  outdir: string,
  build: (app: App) => T,
  finish: (newOutdir: string, built: T) => void = () => {},
): T {
  const staging = `${outdir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let built: T;
  try {
    const app = new App({ outdir: staging });
    built = build(app);
    app.synth();
    finish(staging, built);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const previous = `${outdir}.old-${process.pid}`;
  if (existsSync(outdir)) renameSync(outdir, previous);
  renameSync(staging, outdir);
  rmSync(previous, { recursive: true, force: true });
  return built;
}
