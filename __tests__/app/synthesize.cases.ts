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
import { join } from "node:path";
import { type App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { runByCdktfCli, synthesizeAtomically } from "../../app/synthesize";

describe("app/synthesize", () => {
  let work: string;
  let outdir: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "synthesize-"));
    outdir = join(work, "cdktf.out");
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  /** Synthesizes one stack per name, each with an output. */
  function synth(stacks: string[], options = {}) {
    synthesizeAtomically(
      outdir,
      (app: App) => {
        for (const name of stacks)
          new TerraformOutput(new TerraformStack(app, name), "name", { value: name });
      },
      () => {},
      options,
    );
    return readdirSync(join(outdir, "stacks")).sort();
  }

  /** What `terraform init` (run by cdktf diff/deploy) leaves in a stack folder. */
  function initialize(stack: string) {
    mkdirSync(join(outdir, "stacks", stack, ".terraform", "providers"), { recursive: true });
    writeFileSync(join(outdir, "stacks", stack, ".terraform.lock.hcl"), `# lock of ${stack}\n`);
  }

  test("Terraform's working files of the stacks that remain survive a synth; vanished stacks go", () => {
    expect(synth(["a-dev", "a-shared"])).toEqual(["a-dev", "a-shared"]);
    initialize("a-dev");
    initialize("a-shared");

    expect(synth(["a-prod", "a-shared"])).toEqual(["a-prod", "a-shared"]);
    const shared = join(outdir, "stacks", "a-shared");
    expect(readFileSync(join(shared, ".terraform.lock.hcl"), "utf8")).toBe("# lock of a-shared\n");
    expect(existsSync(join(shared, ".terraform", "providers"))).toBe(true);
    expect(JSON.parse(readFileSync(join(shared, "cdk.tf.json"), "utf8")).output.name.value).toBe("a-shared");
    expect(readdirSync(work)).toEqual(["cdktf.out"]);
  });

  test("for the cdktf CLI, vanished stacks' folders stay: it deletes them itself after the app ran", () => {
    synth(["a-dev", "a-shared"]);
    expect(synth(["a-prod", "a-shared"], { leaveRemovedStacks: true })).toEqual([
      "a-dev",
      "a-prod",
      "a-shared",
    ]);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["a-prod", "a-shared"]);
  });

  test("the cdktf CLI is recognized by the variable it sets for cdktf's synthesizer", () => {
    expect(runByCdktfCli({ CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true" })).toBe(true);
    expect(runByCdktfCli({ CDKTF_OUTDIR: "cdktf.out" })).toBe(false);
  });

  test("folders a killed synth left are removed by the next one; a running synth's are not", () => {
    const finished = spawnSync(process.execPath, ["-e", ""]).pid;
    for (const kind of ["tmp", "old"])
      mkdirSync(join(work, `cdktf.out.${kind}-${finished}`, "stacks"), { recursive: true });
    const running = join(work, `cdktf.out.tmp-${process.ppid}`);
    mkdirSync(running);
    const unrelated = join(work, "cdktf.out.tmp-notes");
    mkdirSync(unrelated);

    synth(["a-shared"]);
    expect(readdirSync(work).sort()).toEqual(
      ["cdktf.out", "cdktf.out.tmp-notes", `cdktf.out.tmp-${process.ppid}`].sort(),
    );
  });

  test("a failing synth removes its own folder and keeps the previous output", () => {
    synth(["a-shared"]);
    expect(() =>
      synthesizeAtomically(
        outdir,
        (app: App) => new TerraformStack(app, "a-broken"),
        () => {
          throw new Error("policy error");
        },
      ),
    ).toThrow("policy error");
    expect(readdirSync(join(outdir, "stacks"))).toEqual(["a-shared"]);
    expect(readdirSync(work)).toEqual(["cdktf.out"]);
  });

  test("cdktf's preparing pass runs only when asked: it is what turns a cross-stack reference into remote state", () => {
    const withCrossStackReference = (app: App) => {
      const shared = new TerraformStack(app, "a-shared");
      const name = new TerraformVariable(shared, "name", { type: "string" });
      new TerraformOutput(new TerraformStack(app, "a-dev"), "name", { value: name.stringValue });
    };
    const dev = () => readFileSync(join(outdir, "stacks", "a-dev", "cdk.tf.json"), "utf8");

    synthesizeAtomically(outdir, withCrossStackReference, () => {}, { preparePass: true });
    expect(dev()).toContain("terraform_remote_state");
    synthesizeAtomically(outdir, withCrossStackReference);
    // Left pointing into the other stack: policy APS040 fails such a synth (the stack defines no var.name).
    expect(JSON.parse(dev()).output.name.value).toBe("${var.name}");
  });
});
