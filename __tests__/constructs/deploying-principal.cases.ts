import { DeployingPrincipal } from "../../constructs/deploying-principal";
import { grantRole, type IGrantable } from "../../constructs/grant";
import { dataIdOf, resolved, resourceOf, synth, testStack } from "./helpers";

describe("DeployingPrincipal", () => {
  test("reads the azurerm_client_config data source and exposes its object and tenant ids", () => {
    const { stack } = testStack();
    const deployer = new DeployingPrincipal(stack, "deployer");
    const json = synth(stack);
    const id = dataIdOf(json, "azurerm_client_config");
    expect(json.data.azurerm_client_config[id]).toEqual({});
    expect(resolved(stack, deployer.principalId)).toBe(`\${data.azurerm_client_config.${id}.object_id}`);
    expect(resolved(stack, deployer.tenantId)).toBe(`\${data.azurerm_client_config.${id}.tenant_id}`);
    expect(deployer.resource.terraformResourceType).toBe("azurerm_client_config");
  });

  test("has no principal type (a user or a service principal), so role assignments leave it unset", () => {
    const { stack, rg } = testStack();
    const deployer = new DeployingPrincipal(stack, "deployer");
    expect((deployer as IGrantable).principalType).toBeUndefined();
    grantRole(deployer, rg, rg.id, "Reader");
    const json = synth(stack);
    const assignment = resourceOf(json, "azurerm_role_assignment");
    expect(assignment.principal_type).toBeUndefined();
    expect(assignment.principal_id).toBe(
      `\${data.azurerm_client_config.${dataIdOf(json, "azurerm_client_config")}.object_id}`,
    );
  });
});
