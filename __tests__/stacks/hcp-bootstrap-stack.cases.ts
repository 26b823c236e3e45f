import { loadConfig } from "../../config/load-config";
import { environmentNames, namingContext, sharedNames } from "../../config/resource-names";
import { HCP_ENV, synthPlatform, type TerraformJson } from "./platform-fixture";

const ORG = HCP_ENV.TFC_ORGANIZATION;
const PROJECT = HCP_ENV.TFC_PROJECT;
const PREFIX = HCP_ENV.TFC_WORKSPACE_PREFIX;
const REPOSITORY = HCP_ENV.GITHUB_REPOSITORY;
const BOOTSTRAP = "contoso-hcp";

const config = loadConfig(HCP_ENV);
const synth = synthPlatform(config);
const hcp = synth.stacks[BOOTSTRAP];
/** Every stack of the manifest but the bootstrap: each needs a workspace. */
const platformStacks = Object.keys(synth.manifest.stacks).filter((name) => name !== BOOTSTRAP);

const resources = (json: TerraformJson, type: string): Record<string, any>[] =>
  Object.values(json.resource?.[type] ?? {});
/** Terraform reference to a resource's attribute, by the resource's logical id. */
const ref = (type: string, resource: Record<string, any>, attribute: string) =>
  `\${${type}.${resource["//"].metadata.uniqueId}.${attribute}}`;

const workspaces = resources(hcp, "tfe_workspace");
const workspaceOf = (stack: string) => {
  const cloudName = synth.stacks[stack].terraform.cloud.workspaces.name;
  const found = workspaces.filter((workspace) => workspace.name === cloudName);
  expect(found).toHaveLength(1);
  return found[0];
};
const variablesOf = (workspace: Record<string, any>) =>
  resources(hcp, "tfe_variable").filter((v) => v.workspace_id === ref("tfe_workspace", workspace, "id"));
const credentials = resources(hcp, "azurerm_federated_identity_credential");
const deployer = resources(hcp, "azurerm_user_assigned_identity")[0];

test("is synthesized with TFC_ORGANIZATION, and only then", () => {
  expect(synth.manifest.stacks[BOOTSTRAP]).toBeDefined();
  const local = synthPlatform(loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "dev" }));
  expect(Object.keys(local.manifest.stacks)).not.toContain(BOOTSTRAP);
});

test("one workspace per stack of the manifest, named character for character as its cloud block", () => {
  expect(platformStacks.length).toBeGreaterThanOrEqual(5);
  expect(workspaces.map((workspace) => workspace.name).sort()).toEqual(
    platformStacks.map((stack) => synth.stacks[stack].terraform.cloud.workspaces.name).sort(),
  );
  for (const stack of platformStacks) {
    expect(synth.stacks[stack].terraform.cloud.organization).toBe(ORG);
    expect(workspaceOf(stack).name).toBe(`${PREFIX}${stack}`);
    expect(workspaceOf(stack).organization).toBe(ORG);
  }
});

test("the workspaces live in the project, with Terraform >= 1.11 (write-only attributes)", () => {
  const [project] = resources(hcp, "tfe_project");
  expect(project).toMatchObject({ organization: ORG, name: PROJECT });
  for (const workspace of workspaces) {
    expect(workspace.project_id).toBe(ref("tfe_project", project, "id"));
    const [, major, minor] = workspace.terraform_version.match(/^~> (\d+)\.(\d+)$/);
    expect(Number(major) === 1 && Number(minor) >= 11).toBe(true);
  }
});

test("every workspace has its two federated subjects, which name it as its cloud block does", () => {
  for (const stack of platformStacks) {
    const name = synth.stacks[stack].terraform.cloud.workspaces.name;
    const subjects = credentials
      .filter((credential) => credential.issuer === "https://app.terraform.io")
      .map((credential) => credential.subject)
      .filter((subject: string) => subject.includes(`:workspace:${name}:`));
    expect(subjects.sort()).toEqual([
      `organization:${ORG}:project:${PROJECT}:workspace:${name}:run_phase:apply`,
      `organization:${ORG}:project:${PROJECT}:workspace:${name}:run_phase:plan`,
    ]);
  }
});

test("federated credentials trust HCP Terraform and the GitHub environments, for Entra's audience only", () => {
  for (const credential of credentials) {
    expect(credential.audience).toEqual(["api://AzureADTokenExchange"]);
    expect(credential.parent_id).toBe(ref("azurerm_user_assigned_identity", deployer, "id"));
  }
  const github = credentials.filter((c) => c.issuer === "https://token.actions.githubusercontent.com");
  expect(github.map((c) => c.subject).sort()).toEqual(
    Object.keys(config.environments).map((env) => `repo:${REPOSITORY}:environment:${env}`),
  );
  expect(credentials).toHaveLength(platformStacks.length * 2 + github.length);
});

test("federated credentials are written one at a time (Entra refuses concurrent writes to one identity)", () => {
  const byAddress = new Map(
    credentials.map((c) => [`azurerm_federated_identity_credential.${c["//"].metadata.uniqueId}`, c]),
  );
  const first = credentials.filter((c) => c.depends_on === undefined);
  expect(first).toHaveLength(1);
  // Following depends_on backwards from any credential reaches the first one through all of them.
  const dependedOn = credentials.flatMap((c) => c.depends_on ?? []);
  expect(new Set(dependedOn).size).toBe(credentials.length - 1);
  for (const address of dependedOn) expect(byAddress.has(address)).toBe(true);
});

test("each workspace switches dynamic credentials on for the deployer, without any stored secret", () => {
  for (const stack of platformStacks) {
    const env = Object.fromEntries(
      variablesOf(workspaceOf(stack))
        .filter((v) => v.category === "env")
        .map((v) => [v.key, v.value]),
    );
    expect(env).toEqual({
      TFC_AZURE_PROVIDER_AUTH: "true",
      TFC_AZURE_RUN_CLIENT_ID: ref("azurerm_user_assigned_identity", deployer, "client_id"),
      ARM_SUBSCRIPTION_ID: "${data.azurerm_subscription.subscription.subscription_id}",
      ARM_TENANT_ID: "${data.azurerm_subscription.subscription.tenant_id}",
      ARM_RESOURCE_PROVIDER_REGISTRATIONS: "none",
    });
  }
  expect(synth.text).not.toMatch(/ARM_CLIENT_SECRET|client_secret/);
});

test("each sensitive variable of a stack is a sensitive workspace variable a person fills in", () => {
  let seen = 0;
  for (const stack of platformStacks) {
    const sensitive = Object.entries(synth.stacks[stack].variable ?? {})
      .filter(([, variable]: [string, any]) => variable.sensitive === true)
      .map(([name]) => name);
    const secrets = variablesOf(workspaceOf(stack)).filter((v) => v.category === "terraform");
    expect(secrets.map((v) => v.key).sort()).toEqual(sensitive.sort());
    for (const secret of secrets) {
      expect(secret.sensitive).toBe(true);
      expect(secret).not.toHaveProperty("value");
      expect(secret).not.toHaveProperty("value_wo");
      expect(secret.lifecycle).toEqual({ ignore_changes: ["value"] });
    }
    seen += secrets.length;
  }
  // api_key in both environments, at least.
  expect(seen).toBeGreaterThanOrEqual(2);
  expect(variablesOf(workspaceOf("contoso-prod")).map((v) => v.key)).toContain("api_key");
});

test("auto-apply is off for every stack that serves a production environment", () => {
  const autoApply = Object.fromEntries(platformStacks.map((stack) => [stack, workspaceOf(stack).auto_apply]));
  expect(autoApply).toMatchObject({
    "contoso-shared": false,
    "contoso-image": false,
    "contoso-prod": false,
    "contoso-dev": true,
  });
  for (const [stack, on] of Object.entries(autoApply)) {
    if (stack.startsWith("contoso-prod")) expect(on).toBe(false);
    if (stack.startsWith("contoso-dev")) expect(on).toBe(true);
    expect(workspaceOf(stack).auto_apply_run_trigger).toBe(on);
  }
});

test("run triggers follow the manifest's dependencies exactly", () => {
  const nameOf = new Map(workspaces.map((w) => [ref("tfe_workspace", w, "id"), w.name]));
  const triggers = resources(hcp, "tfe_run_trigger")
    .map((t) => `${nameOf.get(t.sourceable_id)} -> ${nameOf.get(t.workspace_id)}`)
    .sort();
  const dependencies = platformStacks
    .flatMap((stack) =>
      synth.manifest.stacks[stack].dependencies.map(
        (dependency) => `${PREFIX}${dependency} -> ${PREFIX}${stack}`,
      ),
    )
    .sort();
  expect(dependencies.length).toBeGreaterThan(0);
  expect(triggers).toEqual(dependencies);
});

test("no workspace shares its state; image builds and database logins run where they are deployed", () => {
  for (const settings of resources(hcp, "tfe_workspace_settings")) {
    expect(settings.global_remote_state).toBe(false);
    expect(settings).not.toHaveProperty("remote_state_consumer_ids");
  }
  const modeOf = (stack: string) =>
    resources(hcp, "tfe_workspace_settings").find(
      (s) => s.workspace_id === ref("tfe_workspace", workspaceOf(stack), "id"),
    )?.execution_mode;
  // Remote runners have no Docker daemon and no way through the database's firewall or network.
  expect(modeOf("contoso-image")).toBe("local");
  expect(modeOf("contoso-dev-database-roles")).toBe("local");
  expect(modeOf("contoso-prod-database-roles")).toBe("local");
  expect(modeOf("contoso-dev-access")).toBe("remote");
  expect(modeOf("contoso-prod")).toBe("remote");
  expect(modeOf("contoso-shared")).toBe("remote");
});

describe("the deployer's roles", () => {
  const context = namingContext(config.app);
  const platformGroups = [
    sharedNames(context).resourceGroup,
    ...Object.keys(config.environments).map((env) => environmentNames(context, env).resourceGroup),
  ];
  const groups = resources(hcp, "azurerm_resource_group");
  const groupRef = (name: string) =>
    ref("azurerm_resource_group", groups.find((g) => g.name === name) ?? {}, "id");
  const assignments = resources(hcp, "azurerm_role_assignment");
  /** Every role the platform's stacks assign, read from their JSON. */
  const platformRoles = [
    ...new Set(
      platformStacks.flatMap((stack) =>
        resources(synth.stacks[stack], "azurerm_role_assignment").map((a) => a.role_definition_name),
      ),
    ),
  ].sort();

  test("the bootstrap creates the platform's resource groups; the stacks only look them up", () => {
    expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(platformGroups));
    for (const stack of platformStacks) {
      for (const group of resources(synth.stacks[stack], "azurerm_resource_group")) {
        expect(platformGroups).not.toContain(group.name);
      }
    }
    const lookedUp = platformStacks.flatMap((stack) =>
      Object.values(synth.stacks[stack].data?.azurerm_resource_group ?? {}).map((d: any) => d.name),
    );
    expect(new Set(lookedUp)).toEqual(new Set(platformGroups));
  });

  test("Contributor and condition-limited RBAC administration on each platform group, nothing wider", () => {
    expect(platformRoles).toEqual(expect.arrayContaining(["AcrPull", "Key Vault Secrets Officer"]));
    const allowed = platformRoles.map((role) => {
      const definition = Object.entries(hcp.data.azurerm_role_definition).find(
        ([, d]: [string, any]) => d.name === role,
      );
      expect(definition).toBeDefined();
      return `\${data.azurerm_role_definition.${definition?.[0]}.role_definition_id}`;
    });
    expect(Object.keys(hcp.data.azurerm_role_definition)).toHaveLength(platformRoles.length);

    for (const group of platformGroups) {
      const onGroup = assignments.filter((a) => a.scope === groupRef(group));
      expect(onGroup.map((a) => a.role_definition_name).sort()).toEqual([
        "Contributor",
        "Role Based Access Control Administrator",
      ]);
      const admin = onGroup.find((a) => a.role_definition_name === "Role Based Access Control Administrator");
      expect(admin?.condition_version).toBe("2.0");
      const ids = `{${allowed.join(", ")}}`;
      expect(admin?.condition).toBe(
        `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${ids})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${ids}))`,
      );
    }
    for (const assignment of assignments) {
      expect(assignment.principal_id).toBe(ref("azurerm_user_assigned_identity", deployer, "principal_id"));
      expect(platformGroups.map(groupRef)).toContain(assignment.scope);
    }
    expect(assignments).toHaveLength(platformGroups.length * 2);
  });

  test("the deployer lives in a group of its own, on which it has no role", () => {
    expect(deployer.resource_group_name).not.toMatch(/contoso-(shared|dev|prod)/);
    const own = groups.find(
      (g) => `\${azurerm_resource_group.${g["//"].metadata.uniqueId}.name}` === deployer.resource_group_name,
    );
    expect(own).toBeDefined();
    expect(platformGroups).not.toContain(own?.name);
  });

  test("the outputs are what the deploy workflow's Azure login needs", () => {
    expect(Object.keys(hcp.output).sort()).toEqual([
      "azure_subscription_id",
      "azure_tenant_id",
      "deployer_client_id",
    ]);
    expect(hcp.output.deployer_client_id.value).toBe(
      ref("azurerm_user_assigned_identity", deployer, "client_id"),
    );
  });
});

test("a workspace name HCP Terraform would refuse fails synth, naming the workspace", () => {
  // Past the config layer (e.g. a stack the config rules do not know), the construct refuses it.
  const config = loadConfig({ IMAGE_TAG: "v1", TFC_ORGANIZATION: ORG, ENVIRONMENTS: "dev" });
  const long = { ...config, backend: { ...config.backend, tfcWorkspacePrefix: "p".repeat(70) } };
  expect(() => synthPlatform(long)).toThrow(
    /HcpWorkspace contoso-hcp\/workspace-contoso-dev-database-roles: name = "p{70}contoso-dev-database-roles" must be 1-90 letters/,
  );
});
