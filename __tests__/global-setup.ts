import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * jest globalSetup: every temporary folder of the run goes into one folder, which
 * global-teardown.ts removes. cdktf's Testing.app() makes one per app (`cdktf.outdir.*`, about
 * 1,000 a run) and never removes them. Workers start after this and inherit TMPDIR; the synth
 * fixture caches in the folder too (TEST_RUN_DIR).
 */
export default function setup(): void {
  const dir = mkdtempSync(join(tmpdir(), "jest-run-"));
  process.env.TEST_RUN_DIR = dir;
  process.env.TMPDIR = dir;
}
