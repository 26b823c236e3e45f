import { AppIdentity } from "../../constructs/app-identity";
import { grantRole } from "../../constructs/grantable";
import { waitForRbac } from "../../constructs/rbac-propagation-wait";
import { resourceOf, resourcesOf, synth, testStack } from "./helpers";

describe("waitForRbac", () => {
  test("a time_sleep that waits `duration`, depends on every grant and is re-triggered by their ids", () => {
    const { stack, rg } = testStack();
    const identity = new AppIdentity(stack, "api", { name: "id-api", resourceGroup: rg });
    const reader = grantRole(identity, rg, rg.id, "Reader");
    const contributor = grantRole(identity, rg, rg.id, "Contributor");
    const sleep = waitForRbac(stack, "wait", [reader, contributor], "90s");
    expect(sleep.terraformResourceType).toBe("time_sleep");
    const json = synth(stack);
    const idOf = (role: string) =>
      Object.entries(resourcesOf(json, "azurerm_role_assignment")).find(
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
});
