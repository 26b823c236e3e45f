import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { loadConfig } from "../../config/load-config";
import { HcpCloudBackend } from "../../stacks/hcp-cloud-backend";
import { HCP_ENV, synthFiles, synthPlatform } from "./platform-fixture";

describe("local backend (default)", () => {
  const synth = synthPlatform(loadConfig({ IMAGE_TAG: "v1" }));

  test.each(["contoso-shared", "contoso-image", "contoso-dev", "contoso-prod"])(
    "%s keeps state in state/, by a relative path",
    (name) => {
      expect(synth.stacks[name].terraform.backend).toEqual({
        local: { path: `../../../state/${name}.tfstate` },
      });
    },
  );

  test("no absolute path of this machine anywhere", () => {
    expect(synth.text).not.toContain(process.cwd());
    expect(synth.text).not.toMatch(/"\/(work|home|tmp|root|Users)\//);
  });
});

describe("HCP Terraform (TFC_ORGANIZATION)", () => {
  const synth = synthPlatform(loadConfig(HCP_ENV));

  test.each(["contoso-shared", "contoso-image", "contoso-dev", "contoso-prod"])(
    "%s gets its own named workspace",
    (name) => {
      expect(synth.stacks[name].terraform.cloud).toEqual({
        organization: "acme",
        workspaces: { name: `web-${name}` },
      });
      expect(synth.stacks[name].terraform.backend).toBeUndefined();
    },
  );

  test("every stack but the bootstrap gets a cloud block; the bootstrap keeps its state locally", () => {
    const names = Object.keys(synth.manifest.stacks);
    expect(names).toContain("contoso-hcp");
    for (const name of names.filter((n) => n !== "contoso-hcp")) {
      expect(synth.stacks[name].terraform.cloud.workspaces).toEqual({ name: `web-${name}` });
    }
    // No workspace exists before the bootstrap is applied, so its own state cannot live in one.
    expect(synth.stacks["contoso-hcp"].terraform.cloud).toBeUndefined();
    expect(synth.stacks["contoso-hcp"].terraform.backend).toEqual({
      local: { path: "../../../state/contoso-hcp.tfstate" },
    });
  });

  test("without a prefix the workspace is the stack name", () => {
    const plain = synthPlatform(
      loadConfig({ IMAGE_TAG: "v1", TFC_ORGANIZATION: "acme", ENVIRONMENTS: "dev" }),
    );
    expect(plain.stacks["contoso-dev"].terraform.cloud.workspaces).toEqual({ name: "contoso-dev" });
  });
});

describe("the cloud block", () => {
  test("synthesizes without running a program: no terraform binary needed, HCP Terraform runs the workspace's own", () => {
    // cdktf's CloudBackend runs `terraform version` for every stack at every synth, and fails without one.
    // The module object itself (an `import * as` would spy on a copy).
    const childProcess: typeof import("node:child_process") = require("node:child_process");
    const programs = ["execSync", "execFileSync", "spawnSync"].map((name) =>
      jest.spyOn(childProcess, name as "execSync"),
    );
    try {
      // Not the shared synth: that one may have been made before the spies.
      synthFiles(loadConfig({ IMAGE_TAG: "v1", TFC_ORGANIZATION: "acme", ENVIRONMENTS: "dev" }));
      for (const program of programs) expect(program).not.toHaveBeenCalled();
    } finally {
      for (const program of programs) program.mockRestore();
    }
  });

  test("an output of one stack used in another is refused: it would read the other's state", () => {
    const app = Testing.app();
    const backend = (stack: TerraformStack) =>
      new HcpCloudBackend(stack, { organization: "acme", workspace: stack.node.id });
    const from = new TerraformStack(app, "from");
    const to = new TerraformStack(app, "to");
    backend(from);
    backend(to);
    const variable = new TerraformVariable(from, "id", { type: "string" });
    new TerraformOutput(to, "copy", { value: variable.stringValue });
    expect(() => app.synth()).toThrow(
      "a reference from another stack to from would read its state; stacks of this platform look each other's resources up by name",
    );
  });
});
