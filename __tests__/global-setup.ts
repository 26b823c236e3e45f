import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRunning } from "../app/process-running";

/**
 * jest globalSetup: every temporary folder of the run goes into one folder, which
 * global-teardown.ts removes. cdktf's Testing.app() makes one per app (`cdktf.outdir.*`, about
 * 1,000 a run) and never removes them. Workers start after this and inherit TMPDIR; the synth
 * fixture caches in the folder too (TEST_RUN_DIR). The folder is named after this process, so a
 * later run removes it when this one was killed before its teardown (and leaves a running one's).
 */
export default function setup(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^jest-run-(\d+)-/.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid)))
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), `jest-run-${process.pid}-`));
  process.env.TEST_RUN_DIR = dir;
  process.env.TMPDIR = dir;
}
