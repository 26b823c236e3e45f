import { Construct } from "constructs";
import { AppIdentity } from "../../constructs/app-identity";
import { ContainerRegistry } from "../../constructs/container-registry";
import { grantRole } from "../../constructs/grantable";
import { refOf, resourceOf, resourcesOf, synth, testStack } from "./helpers";

const RA = "azurerm_role_assignment";

describe("grantRole", () => {
  test("creates one role assignment in the grantee's scope with role, scope, principal and description", () => {
    const { stack, rg } = testStack();
    const identity = new AppIdentity(stack, "api", { name: "id-api", resourceGroup: rg });
    const assignment = grantRole(identity, rg, rg.id, "Website Contributor");
    expect(assignment.node.scope).toBe(identity);
    const json = synth(stack);
    expect(resourceOf(json, RA)).toEqual({
      scope: refOf(json, "azurerm_resource_group", "id"),
      role_definition_name: "Website Contributor",
      principal_id: refOf(json, "azurerm_user_assigned_identity", "principal_id"),
      principal_type: "ServicePrincipal",
      description: "Website Contributor for api, managed by cdktf",
    });
  });

  test("the same role on the same target is granted once; another role or target is a new assignment", () => {
    const { stack, rg } = testStack();
    const identity = new AppIdentity(stack, "api", { name: "id-api", resourceGroup: rg });
    const first = grantRole(identity, rg, rg.id, "Reader");
    expect(grantRole(identity, rg, rg.id, "Reader")).toBe(first);
    const other = new Construct(stack, "other");
    expect(grantRole(identity, other, rg.id, "Reader")).not.toBe(first);
    expect(grantRole(identity, rg, rg.id, "Contributor")).not.toBe(first);
    expect(Object.keys(resourcesOf(synth(stack), RA))).toHaveLength(3);
  });

  test("grants on two targets whose paths differ only by '/' vs '-' are two assignments", () => {
    const { stack, rg } = testStack();
    const identity = new AppIdentity(stack, "api", { name: "id-api", resourceGroup: rg });
    const flat = new ContainerRegistry(stack, "shared-acr", { name: "crone", resourceGroup: rg });
    const nested = new ContainerRegistry(new Construct(stack, "shared"), "acr", {
      name: "crtwo",
      resourceGroup: rg,
    });
    flat.grantPull(identity);
    nested.grantPull(identity);
    const scopes = Object.values(resourcesOf(synth(stack), RA)).map((ra) => ra.scope);
    expect(scopes).toHaveLength(2);
  });
});
