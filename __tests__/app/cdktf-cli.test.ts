import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT, runEntryPoint } from "../run-entry-point";

/** What `npx cdktf` runs. */
const CDKTF = join(REPO_ROOT, "node_modules", ".bin", "cdktf");

// The CLI loads for seconds (its own bundle, a layout engine, HCL tools in WebAssembly) before it runs the app.
jest.setTimeout(180_000);

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A synth that builds no image and needs no registry. */
const IMAGE = { IMAGE_BUILD: "false", IMAGE_TAG: "v1" };

/** `npx cdktf synth` into `<work>/cdktf.out`, offline, with a home folder of its own. */
function cdktfSynth(env: Record<string, string>) {
  const home = join(work, "home");
  mkdirSync(home, { recursive: true });
  return spawnSync(CDKTF, ["synth", "--output", relative(REPO_ROOT, join(work, "cdktf.out"))], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: home, CI: "true", CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
  });
}

/** Stacks of the manifest and stack folders on disk: the CLI runs Terraform in each folder. */
function synthesizedStacks() {
  const outdir = join(work, "cdktf.out");
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  return {
    manifest: Object.keys(manifest.stacks).sort(),
    folders: readdirSync(join(outdir, "stacks")).sort(),
  };
}

const cliAvailable = existsSync(CDKTF);
if (!cliAvailable) console.warn(`skipped: the cdktf CLI is not installed at ${CDKTF} (npm ci installs it)`);

// The CLI lists `stacks/` before it runs the app and deletes the folders of vanished stacks
// afterwards: the case to prove is a CLI synth over the output of another stack set. That output
// comes from `npm run synth`'s own start, which is what cdktf.json runs, in a fraction of the
// CLI's two seconds.
(cliAvailable ? test : test.skip)(
  "`cdktf synth` runs the app of cdktf.json and switches stack sets: over dev's output, prod",
  () => {
    const outdir = relative(REPO_ROOT, join(work, "cdktf.out"));
    const dev = runEntryPoint("main.ts", [], { CDKTF_OUTDIR: outdir, ENVIRONMENTS: "dev", ...IMAGE });
    expect({ status: dev.status, stderr: dev.stderr }).toEqual({ status: 0, stderr: "" });
    expect(synthesizedStacks().folders).toContain("contoso-dev");

    const result = cdktfSynth({ ENVIRONMENTS: "prod", ...IMAGE });
    expect({ status: result.status, stderr: result.status === 0 ? "" : result.stderr }).toEqual({
      status: 0,
      stderr: "",
    });
    const { manifest, folders } = synthesizedStacks();
    expect(folders).toEqual(manifest);
    expect(manifest).toContain("contoso-prod");
    expect(manifest).not.toContain("contoso-dev");
  },
);

test("cdktf.json runs the same start as `npm run synth`", () => {
  const app = JSON.parse(readFileSync(join(REPO_ROOT, "cdktf.json"), "utf8")).app;
  const synth = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).scripts.synth;
  expect(synth).toBe(`CHECKPOINT_DISABLE=1 ${app}`);
});
