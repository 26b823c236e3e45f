import { backendProblems } from "../../config/backend-rules";
import type { PlatformConfig } from "../../config/schema";
import { hcpProjectName, platformStackNames, workspaceName } from "../../config/stack-names";
import { baseConfig, loadFrom, problemsOf } from "./config-fixtures";

/** `config` loaded without a backend, then given `backend`: the rules are tested on their own. */
function withBackend(config: Record<string, any>, backend: PlatformConfig["backend"]): PlatformConfig {
  const loaded = loadFrom(config, { IMAGE_TAG: "v1" });
  return { ...loaded, backend: { ...loaded.backend, ...backend } };
}

const lines = (config: PlatformConfig) =>
  backendProblems(config).map((p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.rule}`);

describe("names HCP Terraform would refuse, named by their variable", () => {
  test.each([
    [
      "TFC_ORGANIZATION",
      "acme corp",
      "must be letters, digits, '-' and '_' (an HCP Terraform organization name)",
    ],
    [
      "TFC_PROJECT",
      "ab",
      "must be 3-40 letters, digits, '-', '_' and inner spaces (an HCP Terraform project name)",
    ],
    [
      "TFC_PROJECT",
      " web",
      "must be 3-40 letters, digits, '-', '_' and inner spaces (an HCP Terraform project name)",
    ],
    ["GITHUB_REPOSITORY", "platform", 'must be a GitHub repository as "owner/name"'],
  ])("%s = %j", (variable, value, rule) => {
    const field = {
      TFC_ORGANIZATION: "tfcOrganization",
      TFC_PROJECT: "tfcProject",
      GITHUB_REPOSITORY: "githubRepository",
    }[variable];
    expect(
      problemsOf(baseConfig(), { IMAGE_TAG: "v1", TFC_ORGANIZATION: "acme", [variable]: value }),
    ).toEqual([`${variable} (backend.${field}) = ${JSON.stringify(value)}: ${rule}`]);
  });

  test("valid names pass, a project name with inner spaces included", () => {
    expect(
      problemsOf(baseConfig(), {
        IMAGE_TAG: "v1",
        TFC_ORGANIZATION: "acme_corp-1",
        TFC_PROJECT: "Shop Platform",
        GITHUB_REPOSITORY: "acme-corp/shop.web",
      }),
    ).toEqual([]);
  });
});

describe("backendProblems", () => {
  test("nothing to check without an organization", () => {
    expect(backendProblems(withBackend(baseConfig(), { tfcWorkspacePrefix: "p".repeat(80) }))).toEqual([]);
  });

  test("a prefix that makes a workspace name longer than 90 characters names the prefix", () => {
    const prefix = "p".repeat(81);
    const config = withBackend(baseConfig(), { tfcOrganization: "acme", tfcWorkspacePrefix: prefix });
    // shop-shared (92 characters with the prefix) and shop-image (91) are too long; shop-prod (90) fits.
    expect(lines(config)).toEqual([
      `backend.tfcWorkspacePrefix = "${prefix}": makes workspace "${prefix}shop-shared", which must be 1-90 letters, digits, '-' and '_' (an HCP Terraform workspace name; this one has 92 characters) (2 workspaces in all)`,
    ]);
  });

  test("the longest workspace a prefix allows passes", () => {
    const config = withBackend(baseConfig(), { tfcOrganization: "acme" });
    const longest = Math.max(...platformStackNames(config).map((name) => name.length));
    const prefix = "p".repeat(90 - longest);
    expect(lines({ ...config, backend: { ...config.backend, tfcWorkspacePrefix: prefix } })).toEqual([]);
    expect(workspaceName({ tfcWorkspacePrefix: prefix }, "shop-prod")).toBe(`${prefix}shop-prod`);
  });

  test("the project is TFC_PROJECT, else the app name", () => {
    const config = withBackend(baseConfig(), { tfcOrganization: "acme" });
    expect(hcpProjectName(config)).toBe("shop");
    expect(hcpProjectName({ ...config, backend: { ...config.backend, tfcProject: "Shop Web" } })).toBe(
      "Shop Web",
    );
  });

  test("the default project (the app name) must be a valid project name too", () => {
    const config = withBackend(
      { ...baseConfig(), app: { name: "ab", nameSuffix: "x1", location: "northeurope" } },
      {
        tfcOrganization: "acme",
      },
    );
    expect(lines(config)).toEqual([
      `backend.tfcProject = "ab": must be 3-40 letters, digits, '-', '_' and inner spaces (an HCP Terraform project name); the default is the app name, so set backend.tfcProject`,
    ]);
  });

  test("an environment may not take the bootstrap stack's name", () => {
    const base = baseConfig();
    const config = withBackend(
      { ...base, environments: { hcp: base.environments.prod } },
      { tfcOrganization: "acme" },
    );
    expect(lines(config)).toEqual([
      `environments.hcp = "hcp": makes stack "shop-hcp", the name of the HCP Terraform bootstrap stack; choose another environment name`,
    ]);
  });

  test("more federated credentials than the deployer identity can hold", () => {
    const env = { plan: { sku: "S1" }, database: {} };
    const config = withBackend(
      { ...baseConfig(), environments: { dev: env, test: env, prod: env } },
      { tfcOrganization: "acme", githubRepository: "acme/shop" },
    );
    // shared, image, and per environment: itself, its access stack and its database roles stack.
    expect(lines(config)).toEqual([
      `environments = ["dev","test","prod"]: make 25 federated credentials on the deployer identity (2 for each of 11 workspaces, 1 for each of 3 GitHub environments), which exceeds the 20 federated identity credentials a user-assigned identity can hold`,
    ]);
  });
});
