import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";

export const REPO_ROOT = resolve(__dirname, "..");
const built = new Map<string, string>();

// Registered for each test file that imports this helper: its bundles go when it is done.
afterAll(() => {
  for (const bundle of built.values()) rmSync(bundle, { force: true });
  built.clear();
});

/**
 * Runs a TypeScript entry point (`main.ts`, `tools/review/cli.ts`) the way `npm run synth` runs
 * main.ts: bundled with esbuild, then plain node, from the project root, with only the given
 * environment variables. Bundled once per test process: through tsx each run costs ~0.4 s more.
 */
export function runEntryPoint(entry: string, args: string[], env: Record<string, string>) {
  let bundle = built.get(entry);
  if (!bundle) {
    bundle = join(REPO_ROOT, ".build", `test-${process.pid}-${entry.replace(/[/.]/g, "-")}.js`);
    mkdirSync(join(REPO_ROOT, ".build"), { recursive: true });
    buildSync({
      entryPoints: [join(REPO_ROOT, entry)],
      bundle: true,
      platform: "node",
      packages: "external",
      outfile: bundle,
      logLevel: "warning",
    });
    built.set(entry, bundle);
  }
  const result = spawnSync(process.execPath, [bundle, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
