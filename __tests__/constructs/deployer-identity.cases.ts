import { TerraformStack, Testing } from "cdktf";
import {
  DeployerIdentity,
  delegationCondition,
  federatedCredentialProblems,
} from "../../constructs/deployer-identity";
import { HcpProject } from "../../constructs/hcp-project";
import { HcpWorkspace } from "../../constructs/hcp-workspace";
import { AzResourceGroup, AzurermProvider, TfeProvider } from "../../constructs/providers";

function deployerStack() {
  const stack = new TerraformStack(Testing.app(), "test");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  new TfeProvider(stack, "tfe", {});
  const group = new AzResourceGroup(stack, "deployer-group", { name: "rg-shop-hcp", location: "westeurope" });
  const deployer = new DeployerIdentity(stack, "deployer", {
    name: "id-shop-hcp-deployer",
    resourceGroup: group,
  });
  const project = new HcpProject(stack, "project", { organization: "acme", name: "shop" });
  return { stack, deployer, project };
}

test("the delegation condition is Microsoft's 'constrain roles' example, token for token", () => {
  // learn.microsoft.com: "Examples to delegate Azure role assignment management with conditions", Example: Constrain roles.
  const documented = `(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})
 )
 OR
 (
  @Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {5e467623-bb1f-42f4-a55d-6e525e11384b, a795c7a0-d4a2-40c1-ae25-d81f01202912}
 )
)
AND
(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})
 )
 OR
 (
  @Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {5e467623-bb1f-42f4-a55d-6e525e11384b, a795c7a0-d4a2-40c1-ae25-d81f01202912}
 )
)`;
  const tokens = (text: string) => text.replace(/\s+/g, "");
  expect(
    tokens(
      delegationCondition(["5e467623-bb1f-42f4-a55d-6e525e11384b", "a795c7a0-d4a2-40c1-ae25-d81f01202912"]),
    ),
  ).toBe(tokens(documented));
});

test("Entra's limits: 20 federated credentials per identity, GitHub repositories as owner/name", () => {
  expect(federatedCredentialProblems(20, ["acme/shop"])).toEqual([]);
  expect(federatedCredentialProblems(21, ["acme", "acme/shop"])).toEqual([
    {
      prop: ["federatedCredentials"],
      value: 21,
      rule: "exceeds the 20 federated identity credentials a user-assigned identity can hold",
    },
    { prop: ["repository"], value: "acme", rule: 'must be a GitHub repository as "owner/name"' },
  ]);
});

test("a workspace is trusted for its plan and apply phases, credentials written one after another", () => {
  const { stack, deployer, project } = deployerStack();
  deployer.trustHcpWorkspace(new HcpWorkspace(stack, "ws", { project, name: "shop-prod" }));
  deployer.trustGitHubEnvironment("acme/shop", "prod");
  const json = JSON.parse(Testing.synth(stack, true));
  // In creation order (the JSON sorts its keys).
  const credentials = deployer.federatedCredentials.map((credential): [string, any] => {
    const id = stack.getLogicalId(credential);
    return [id, json.resource.azurerm_federated_identity_credential[id]];
  });
  expect(credentials.map(([, c]) => [c.issuer, c.subject, c.audience])).toEqual([
    [
      "https://app.terraform.io",
      "organization:acme:project:shop:workspace:shop-prod:run_phase:plan",
      ["api://AzureADTokenExchange"],
    ],
    [
      "https://app.terraform.io",
      "organization:acme:project:shop:workspace:shop-prod:run_phase:apply",
      ["api://AzureADTokenExchange"],
    ],
    [
      "https://token.actions.githubusercontent.com",
      "repo:acme/shop:environment:prod",
      ["api://AzureADTokenExchange"],
    ],
  ]);
  expect(credentials.map(([, c]) => c.depends_on)).toEqual([
    undefined,
    [`azurerm_federated_identity_credential.${credentials[0][0]}`],
    [`azurerm_federated_identity_credential.${credentials[1][0]}`],
  ]);
});

test("more than 20 credentials, or a bad repository, fail synth naming the identity", () => {
  const { stack, deployer, project } = deployerStack();
  for (let i = 0; i < 10; i++) {
    deployer.trustHcpWorkspace(new HcpWorkspace(stack, `ws-${i}`, { project, name: `shop-${i}` }));
  }
  deployer.trustGitHubEnvironment("shop", "prod");
  expect(() => Testing.synth(stack, true)).toThrow(
    /DeployerIdentity test\/deployer: federatedCredentials = 21 exceeds the 20[\s\S]*DeployerIdentity test\/deployer: repository = "shop" must be a GitHub repository/,
  );
});

test("with no role to delegate, the deployer gets Contributor only", () => {
  const { stack, deployer } = deployerStack();
  const group = new AzResourceGroup(stack, "platform", { name: "rg-shop-prod", location: "westeurope" });
  const grants = deployer.grantDeployTo(group, []);
  expect(grants.map((grant) => grant.role)).toEqual(["Contributor"]);
  const delegated = deployer.grantDeployTo(group, [
    { name: "AcrPull", definitionId: "7f951dda-4ed3-4680-a7ca-43fe172d538d" },
  ]);
  expect(delegated.map((grant) => grant.role)).toEqual([
    "Contributor",
    "Role Based Access Control Administrator",
  ]);
  // The second Contributor grant on the same group is the first one.
  expect(delegated[0]).toBe(grants[0]);
  expect(deployer.grants.all).toHaveLength(2);
});
