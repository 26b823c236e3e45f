import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { REPO_ROOT, runEntryPoint } from "./run-entry-point";

/** Runs main.ts as `npm run synth` does, into `outdir`, with only the given variables set. */
function synth(outdir: string, env: Record<string, string> = {}) {
  return runEntryPoint("main.ts", [], { CDKTF_OUTDIR: outdir, ...env });
}

/** Every file below `dir`, relative to it, with its content. */
function filesBelow(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = join(entry.parentPath, entry.name);
        return [relative(dir, file), readFileSync(file, "utf8")];
      }),
  );
}

/** The synth of the embedded default over the output of an earlier synth, read by several tests. */
describe("the default synth", () => {
  let work: string;
  let outdir: string;
  let result: ReturnType<typeof synth>;
  beforeAll(() => {
    work = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
    outdir = join(work, "cdktf.out");
    mkdirSync(join(outdir, "stacks", "stale-stack"), { recursive: true });
    // Builds the snapshot of the current sources before it exits, for the last test.
    result = synth(outdir, { SYNTH_SNAPSHOT: "wait" });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("synthesizes every stack of the embedded default", () => {
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const stacks = Object.keys(JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")).stacks).sort();
    expect(stacks).toEqual(
      expect.arrayContaining(["contoso-dev", "contoso-image", "contoso-prod", "contoso-shared"]),
    );
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(stacks);
  });

  test("replaces the previous output whole, and leaves nothing beside it", () => {
    expect(existsSync(join(outdir, "stacks", "stale-stack"))).toBe(false);
    expect(readdirSync(work)).toEqual(["cdktf.out"]);
  });

  test("the policy report lands next to the stacks for the review tool", () => {
    expect(JSON.parse(readFileSync(join(outdir, "policy-report.json"), "utf8"))).toEqual({
      findings: [],
      suppressions: [],
    });
  });

  test("the startup snapshot, without token stack traces or cdktf's preparing pass, writes byte for byte what the bundle writes with them", () => {
    let blob = "";
    // Again if someone saved a source since, so that the snapshot is of the current sources.
    for (let attempt = 0; attempt < 3 && !existsSync(blob); attempt++) {
      if (attempt > 0) expect(synth(join(work, "again"), { SYNTH_SNAPSHOT: "wait" }).status).toBe(0);
      const [id] = readFileSync(join(REPO_ROOT, ".build", "main.inputs"), "utf8").split("\n");
      blob = join(REPO_ROOT, ".build", `main.${id}.blob`);
    }
    const fromSnapshot = spawnSync(process.execPath, ["--snapshot-blob", blob], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? "", CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: join(work, "snapshot") },
      encoding: "utf8",
    });
    expect(fromSnapshot.stderr).toBe("");
    expect(fromSnapshot.status).toBe(0);
    expect(
      synth(join(work, "bundle"), { SYNTH_SNAPSHOT: "0", TOKEN_STACK_TRACES: "1", SYNTH_PREPARE_PASS: "1" })
        .status,
    ).toBe(0);

    const snapshot = filesBelow(join(work, "snapshot"));
    expect(Object.keys(snapshot)).toContain("manifest.json");
    expect(snapshot).toEqual(filesBelow(join(work, "bundle")));
  });
});

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

test("bad input: every problem, exit 1, no stack trace, the previous cdktf.out untouched", () => {
  const outdir = join(work, "cdktf.out");
  mkdirSync(join(outdir, "stacks"), { recursive: true });
  writeFileSync(join(outdir, "manifest.json"), '{"previous": true}');
  writeFileSync(join(outdir, "stacks", "keep.txt"), "from the last good synth");

  const result = synth(outdir, {
    AZURE_LOCATION: "westeuropa",
    IMAGE_TAG: "bad tag!",
    ENVIRONMENTS: "dev,qa",
  });

  expect(result.status).toBe(1);
  expect(result.stderr).toBe(
    [
      "Invalid configuration (3 problems):",
      '  - AZURE_LOCATION (app.location) = "westeuropa": is not an Azure region name; did you mean "westeurope"?',
      '  - IMAGE_TAG (image.tag) = "bad tag!": must match Docker\'s tag grammar [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}',
      '  - ENVIRONMENTS = "dev,qa": must be a comma list of configured environments (dev, prod); unknown: "qa"',
      "",
    ].join("\n"),
  );
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(readFileSync(join(outdir, "manifest.json"), "utf8")).toBe('{"previous": true}');
  expect(readFileSync(join(outdir, "stacks", "keep.txt"), "utf8")).toBe("from the last good synth");
  expect(readdirSync(work)).toEqual(["cdktf.out"]);
});

test("a policy error fails synth with the rule id and the resource path, and writes nothing", () => {
  const outdir = join(work, "cdktf.out");
  const config = join(work, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      app: { name: "shop", location: "northeurope" },
      environments: {
        prod: {
          production: true,
          plan: { sku: "S1", workerCount: 1 },
          monitoring: { emails: ["ops@shop.example"] },
        },
      },
    }),
  );
  const result = synth(outdir, { APP_CONFIG_FILE: config, IMAGE_BUILD: "false", IMAGE_TAG: "v1" });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Policy check failed (1 error)");
  expect(result.stderr).toContain(
    "APS031 at shop-prod/plan/plan: Production plans are Standard or better and run 2+ instances: worker_count is 1",
  );
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(outdir)).toBe(false);
});

test("an output folder outside the project is refused: the JSON would hold this machine's layout", () => {
  const result = synth(join(tmpdir(), "elsewhere", "cdktf.out"));
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("CDKTF_OUTDIR = ");
  expect(result.stderr).toContain("must be a folder inside the project");
  expect(existsSync(join(tmpdir(), "elsewhere"))).toBe(false);
});
