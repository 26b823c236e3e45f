import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { REPO_ROOT } from "../run-entry-point";

// The launcher bundles entry points inside the project; these tests write their own small ones
// into a git-ignored folder of it and remove them, with their bundles, afterwards.
let work: string;
let entry: string;
beforeEach(() => {
  work = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
  entry = `${relative(REPO_ROOT, work)}/entry.ts`;
  writeFileSync(
    join(work, "entry.ts"),
    [
      'import { startMain } from "../app/start-main";',
      'import { value } from "./dep";',
      "startMain(() => {",
      '  const snapshot = process.execArgv.includes("--snapshot-blob");',
      "  console.log(JSON.stringify({ value, snapshot, args: process.argv.slice(2), cwd: process.cwd() }));",
      "});",
    ].join("\n"),
  );
  setValue(1);
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(join(REPO_ROOT, ".build", basename(work)), { recursive: true, force: true });
});

function setValue(value: number) {
  writeFileSync(join(work, "dep.ts"), `export const value = ${value};\n`);
}

/** `sh app/start.sh --snapshot <entry> a b`, as the npm scripts run it; its output parsed. */
function start(env: Record<string, string> = {}) {
  const result = spawnSync("sh", ["app/start.sh", "--snapshot", entry, "a", "b"], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    encoding: "utf8",
  });
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

/** This entry's snapshot files in .build/. */
function snapshots(): string[] {
  return readdirSync(join(REPO_ROOT, ".build", basename(work))).filter((name) => name.endsWith(".blob"));
}

test("bundles on the first run, starts from the snapshot once built, bundles again when a source changes; SYNTH_SNAPSHOT=0 runs the bundle", () => {
  expect(start({ SYNTH_SNAPSHOT: "wait" })).toEqual({
    value: 1,
    snapshot: false,
    args: ["a", "b"],
    cwd: REPO_ROOT,
  });
  expect(snapshots()).toHaveLength(1);
  expect(start()).toEqual({ value: 1, snapshot: true, args: ["a", "b"], cwd: REPO_ROOT });

  // SYNTH_SNAPSHOT=0: the bundle, and no snapshot of the new build.
  setValue(2);
  expect(start({ SYNTH_SNAPSHOT: "0" })).toMatchObject({ value: 2, snapshot: false });
  expect(start({ SYNTH_SNAPSHOT: "0" })).toMatchObject({ value: 2, snapshot: false });
  expect(snapshots()).toHaveLength(1);
});

test("one snapshot per NODE_OPTIONS (V8 refuses other flags); one node cannot load is built again", () => {
  const flags = { NODE_OPTIONS: "--max-old-space-size=300" };
  start({ ...flags, SYNTH_SNAPSHOT: "wait" });
  expect(start(flags)).toMatchObject({ snapshot: true });
  const [built] = snapshots();
  // Pass that snapshot off as the one for no NODE_OPTIONS: node exits 14 on it, as after a node upgrade.
  const folder = join(REPO_ROOT, ".build", basename(work));
  renameSync(join(folder, built), join(folder, built.replace(/\.\d+\.blob$/, ".blob")));

  expect(start({ SYNTH_SNAPSHOT: "wait" })).toMatchObject({ value: 1, snapshot: false });
  expect(start()).toMatchObject({ value: 1, snapshot: true });
});

test("no snapshot when a module reads the environment while loading: the bundle runs, the log says why", () => {
  writeFileSync(join(work, "dep.ts"), "export const value = process.env.PLATFORM_LEVEL ?? 1;\n");
  expect(start({ SYNTH_SNAPSHOT: "wait" })).toMatchObject({ value: 1, snapshot: false });
  expect(snapshots()).toEqual([]);
  const log = readFileSync(join(REPO_ROOT, ".build", basename(work), "entry.snapshot.log"), "utf8");
  expect(log).toContain("modules read PLATFORM_LEVEL while loading");
  expect(start({ PLATFORM_LEVEL: "2", SYNTH_SNAPSHOT: "wait" })).toMatchObject({
    value: "2",
    snapshot: false,
  });
});
