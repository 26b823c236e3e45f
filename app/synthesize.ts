import { existsSync, renameSync, rmSync } from "node:fs";
import { App } from "cdktf";

/**
 * Synthesizes into a fresh sibling folder and swaps it in only when everything succeeded,
 * so a failed run (bad config, a construct's validation) leaves an existing `cdktf.out/`
 * exactly as it was, and a reviewer never sees half of a new synth.
 */
export function synthesizeAtomically(outdir: string, addStacks: (app: App) => void): void {
  const staging = `${outdir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging });
    addStacks(app);
    app.synth();
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const previous = `${outdir}.old-${process.pid}`;
  if (existsSync(outdir)) renameSync(outdir, previous);
  renameSync(staging, outdir);
  rmSync(previous, { recursive: true, force: true });
}
