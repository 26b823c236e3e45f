import { Construct } from "constructs";
import { AppIdentity } from "../../constructs/app-identity";
import { ContainerRegistry } from "../../constructs/container-registry";
import { grantRole } from "../../constructs/grant";
import { refOf, resourceOf, resourcesOf, synth, testStack } from "./helpers";

const RA = "azurerm_role_assignment";

describe("grantRole", () => {
  test("creates one role assignment in the grantee's scope with role, scope, principal and description", () => {
    const { stack, rg } = testStack();
    const identity = new AppIdentity(stack, "api", { name: "id-api", resourceGroup: rg });
    const grant = grantRole(identity, rg, rg.id, "Website Contributor");
    expect(grant.resource.node.scope).toBe(identity);
    expect(grant.grantee).toBe(identity);
    expect(grant.role).toBe("Website Contributor");
    expect(identity.grants.all).toEqual([grant]);
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
    expect(identity.grants.all).toHaveLength(3);
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

describe("GrantRecord.inEffect", () => {
  test("one time_sleep per identity that waits `rbacPropagationWait`, depends on every grant and is re-triggered by their ids", () => {
    const { stack, rg } = testStack();
    const identity = new AppIdentity(stack, "api", {
      name: "id-api",
      resourceGroup: rg,
      rbacPropagationWait: "90s",
    });
    grantRole(identity, rg, rg.id, "Reader");
    const wait = identity.grants.inEffect();
    expect(identity.grants.inEffect()).toBe(wait);
    // A grant made after the wait was first asked for is waited for too.
    grantRole(identity, rg, rg.id, "Contributor");
    const json = synth(stack);
    const idOf = (role: string) =>
      Object.entries(resourcesOf(json, RA)).find(
        ([, assignment]) => assignment.role_definition_name === role,
      )?.[0];
    const readerId = idOf("Reader");
    const contributorId = idOf("Contributor");
    expect(readerId).toBeDefined();
    expect(contributorId).toBeDefined();
    expect(resourceOf(json, "time_sleep")).toEqual({
      create_duration: "90s",
      depends_on: [`azurerm_role_assignment.${readerId}`, `azurerm_role_assignment.${contributorId}`],
      triggers: {
        grant_0: `\${azurerm_role_assignment.${readerId}.id}`,
        grant_1: `\${azurerm_role_assignment.${contributorId}.id}`,
      },
    });
  });

  test("the wait defaults to 60s", () => {
    const { stack, rg } = testStack();
    const identity = new AppIdentity(stack, "api", { name: "id-api", resourceGroup: rg });
    grantRole(identity, rg, rg.id, "Reader");
    identity.grants.inEffect();
    expect(resourceOf(synth(stack), "time_sleep").create_duration).toBe("60s");
  });
});
