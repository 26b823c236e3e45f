import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..");

/** Entry points that package.json's scripts start from their startup snapshot (`app/start.sh --snapshot`). */
const SNAPSHOT_ENTRIES = new Set(["main.ts"]);

/**
 * Runs a TypeScript entry point (`main.ts`, `tools/review/cli.ts`) the way the npm scripts do:
 * `sh app/start.sh`, which runs its cached esbuild bundle (and main.ts's startup snapshot once
 * built) with plain node, from the project root, with only the given environment variables.
 */
export function runEntryPoint(entry: string, args: string[], env: Record<string, string>) {
  const snapshot = SNAPSHOT_ENTRIES.has(entry) ? ["--snapshot"] : [];
  const result = spawnSync("sh", ["app/start.sh", ...snapshot, entry, ...args], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      CHECKPOINT_DISABLE: "1",
      POLICY_DATE: "2026-11-30",
      ...env,
    },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
