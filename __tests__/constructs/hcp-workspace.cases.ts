import { TerraformStack, Testing } from "cdktf";
import { HcpProject, hcpProjectProblems } from "../../constructs/hcp-project";
import { HcpWorkspace, hcpWorkspaceProblems } from "../../constructs/hcp-workspace";
import { TfeProvider } from "../../constructs/providers";

function project(organization = "acme", name = "Shop Web") {
  const stack = new TerraformStack(Testing.app(), "test");
  new TfeProvider(stack, "tfe", {});
  return { stack, project: new HcpProject(stack, "project", { organization, name }) };
}

describe("HCP Terraform's name rules", () => {
  test.each(["acme", "Acme_Corp-2"])("organization %j is accepted", (organization) => {
    expect(hcpProjectProblems({ organization })).toEqual([]);
  });

  test.each(["acme corp", "acme.io", ""])("organization %j is refused", (organization) => {
    expect(hcpProjectProblems({ organization })).toEqual([
      {
        prop: ["organization"],
        value: organization,
        rule: "must be letters, digits, '-' and '_' (an HCP Terraform organization name)",
      },
    ]);
  });

  test.each(["abc", "Shop Web", "a".repeat(40), "_x-"])("project %j is accepted", (name) => {
    expect(hcpProjectProblems({ name })).toEqual([]);
  });

  test.each(["ab", "a".repeat(41), " abc", "abc ", "ab/c"])("project %j is refused", (name) => {
    expect(hcpProjectProblems({ name }).map((p) => p.prop)).toEqual([["name"]]);
  });

  test("a workspace name has at most 90 letters, digits, '-' and '_'", () => {
    expect(hcpWorkspaceProblems({ name: "w".repeat(90) })).toEqual([]);
    expect(hcpWorkspaceProblems({ name: "w".repeat(91) })).toEqual([
      {
        prop: ["name"],
        value: "w".repeat(91),
        rule: "must be 1-90 letters, digits, '-' and '_' (an HCP Terraform workspace name; this one has 91 characters)",
      },
    ]);
    expect(hcpWorkspaceProblems({ name: "shop prod" })).toHaveLength(1);
  });
});

describe("HcpWorkspace", () => {
  test("names its run subjects as HCP Terraform writes them", () => {
    const { project: p, stack } = project();
    const workspace = new HcpWorkspace(stack, "ws", { project: p, name: "shop-prod" });
    expect(workspace.runSubject("plan")).toBe(
      "organization:acme:project:Shop Web:workspace:shop-prod:run_phase:plan",
    );
    expect(workspace.runSubject("apply")).toBe(
      "organization:acme:project:Shop Web:workspace:shop-prod:run_phase:apply",
    );
  });

  test("secure defaults: no auto-apply, remote execution set explicitly, no state sharing", () => {
    const { project: p, stack } = project();
    new HcpWorkspace(stack, "ws", { project: p, name: "shop-prod" });
    const json = JSON.parse(Testing.synth(stack, true));
    const [workspace] = Object.values(json.resource.tfe_workspace) as any[];
    expect(workspace).toMatchObject({ name: "shop-prod", auto_apply: false, auto_apply_run_trigger: false });
    expect(Object.values(json.resource.tfe_workspace_settings)).toEqual([
      expect.objectContaining({ execution_mode: "remote", global_remote_state: false }),
    ]);
  });

  test("a secret variable carries no value, now or in later plans", () => {
    const { project: p, stack } = project();
    const workspace = new HcpWorkspace(stack, "ws", { project: p, name: "shop-prod" });
    workspace.addSecretVariable("api_key", "API key");
    const json = JSON.parse(Testing.synth(stack, true));
    const [variable] = Object.values(json.resource.tfe_variable) as any[];
    expect(variable).toMatchObject({
      key: "api_key",
      category: "terraform",
      sensitive: true,
      lifecycle: { ignore_changes: ["value"] },
    });
    expect(variable).not.toHaveProperty("value");
  });

  test("refuses a name HCP Terraform would refuse, naming the prop and the value", () => {
    const { project: p, stack } = project("acme corp", "ab");
    new HcpWorkspace(stack, "ws", { project: p, name: "w".repeat(91) });
    expect(() => Testing.synth(stack, true)).toThrow(
      /HcpProject test\/project: organization = "acme corp" must be letters[\s\S]*HcpProject test\/project: name = "ab" must be 3-40[\s\S]*HcpWorkspace test\/ws: name = "w{91}" must be 1-90/,
    );
  });
});
