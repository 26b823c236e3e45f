import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { App } from "cdktf";
import { withoutPreparePass } from "./prepare-pass";
import { isRunning } from "./process-running";

/** How the app is synthesized and how the new output replaces the previous one. */
export interface SynthOptions {
  /**
   * Leave the folders of stacks that the new synth no longer has. The cdktf CLI lists
   * `stacks/` before it runs the app and deletes the folders of vanished stacks afterwards,
   * failing (`ENOENT: lstat 'cdktf.out/stacks/<stack>'`) when they are already gone.
   * @default false: the new output replaces the previous one whole
   */
  readonly leaveRemovedStacks?: boolean;
  /**
   * Run cdktf's preparing pass, which only cross-stack references need (`withoutPreparePass`);
   * the output is the same without it.
   * @default false
   */
  readonly preparePass?: boolean;
}

/** Terraform's own files in a stack folder (`terraform init`): they outlive a synth, as with cdktf's in-place writes. */
const TERRAFORM_WORKING_FILES = [".terraform", ".terraform.lock.hcl"];

/**
 * Whether the cdktf CLI runs this app: it sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, which
 * cdktf's own stack synthesizer reads for the same purpose (the CLI prints error annotations itself).
 */
export function runByCdktfCli(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

/**
 * Synthesizes into a fresh sibling folder and swaps it in only when everything succeeded,
 * so a failed run (bad config, a construct's validation, a policy error) leaves an existing
 * `cdktf.out/` exactly as it was, and a reviewer never sees half of a new synth. Terraform's
 * working files (`.terraform/`, the provider lock file) of stacks that remain move into the new
 * output, so `cdktf diff`/`deploy` do not initialize again; sibling folders left by a killed
 * synth are removed. cdktf's preparing pass is skipped unless asked for (`withoutPreparePass`).
 *
 * @param build adds the stacks to the app; what it returns is handed to `finish`
 * @param finish runs on the complete new output before it replaces the old one; throwing discards it
 * @returns what `build` returned
 */
export function synthesizeAtomically<T>(
  outdir: string,
  build: (app: App) => T,
  finish: (newOutdir: string, built: T) => void = () => {},
  options: SynthOptions = {},
): T {
  removeLeftovers(outdir);
  const staging = `${outdir}.tmp-${process.pid}`;
  let built: T;
  try {
    const app = new App({ outdir: staging });
    built = build(app);
    if (!(options.preparePass ?? false)) withoutPreparePass(app);
    app.synth();
    finish(staging, built);
    keepFromPrevious(outdir, staging, options.leaveRemovedStacks ?? false);
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

/** Moves what must survive the swap from the previous output's stack folders into the new one. */
function keepFromPrevious(outdir: string, staging: string, leaveRemovedStacks: boolean): void {
  const stacks = join(outdir, "stacks");
  if (!existsSync(stacks)) return;
  for (const stack of readdirSync(stacks, { withFileTypes: true })) {
    if (!stack.isDirectory()) continue;
    const from = join(stacks, stack.name);
    const to = join(staging, "stacks", stack.name);
    if (!existsSync(to)) {
      if (leaveRemovedStacks) renameSync(from, to);
      continue;
    }
    for (const file of TERRAFORM_WORKING_FILES) {
      if (existsSync(join(from, file)) && !existsSync(join(to, file)))
        renameSync(join(from, file), join(to, file));
    }
  }
}

/** Removes `<outdir>.tmp-<pid>` and `<outdir>.old-<pid>` folders of synths that no longer run (killed midway). */
function removeLeftovers(outdir: string): void {
  const parent = dirname(outdir);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const prefix = [".tmp-", ".old-"]
      .map((kind) => `${basename(outdir)}${kind}`)
      .find((candidate) => name.startsWith(candidate));
    const pid = prefix === undefined ? "" : name.slice(prefix.length);
    if (/^\d+$/.test(pid) && (Number(pid) === process.pid || !isRunning(Number(pid)))) {
      rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}
