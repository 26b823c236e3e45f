import { rmSync } from "node:fs";

/** jest globalTeardown: removes the run's temporary folder (global-setup.ts). */
export default function teardown(): void {
  const dir = process.env.TEST_RUN_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
