import { loadConfig } from "../../config/load-config";
import { synthPlatform } from "./platform-fixture";

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
  const synth = synthPlatform(
    loadConfig({ IMAGE_TAG: "v1", TFC_ORGANIZATION: "acme", TFC_WORKSPACE_PREFIX: "web-" }),
  );

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
