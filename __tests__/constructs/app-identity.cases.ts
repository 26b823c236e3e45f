import { AppIdentity } from "../../constructs/app-identity";
import { RG_LOCATION, RG_NAME, refOf, resolved, resourceOf, synth, testStack } from "./helpers";

const UAI = "azurerm_user_assigned_identity";

describe("AppIdentity", () => {
  test("defaults: a user-assigned identity in the resource group's location, no tags", () => {
    const { stack, rg } = testStack();
    new AppIdentity(stack, "identity", { name: "id-contoso-api", resourceGroup: rg });
    expect(resourceOf(synth(stack), UAI)).toEqual({
      name: "id-contoso-api",
      resource_group_name: RG_NAME,
      location: RG_LOCATION,
    });
  });

  test("overrides: location and tags", () => {
    const { stack, rg } = testStack();
    new AppIdentity(stack, "identity", {
      name: "id-x",
      resourceGroup: rg,
      location: "northeurope",
      tags: { app: "contoso" },
    });
    const identity = resourceOf(synth(stack), UAI);
    expect(identity.location).toBe("northeurope");
    expect(identity.tags).toEqual({ app: "contoso" });
  });

  test("exposes id, principal id and client id of the identity, and grants as a ServicePrincipal", () => {
    const { stack, rg } = testStack();
    const identity = new AppIdentity(stack, "identity", { name: "id-x", resourceGroup: rg });
    const json = synth(stack);
    expect(resolved(stack, identity.id)).toBe(refOf(json, UAI, "id"));
    expect(resolved(stack, identity.principalId)).toBe(refOf(json, UAI, "principal_id"));
    expect(resolved(stack, identity.clientId)).toBe(refOf(json, UAI, "client_id"));
    expect(identity.principalType).toBe("ServicePrincipal");
    expect(identity.resource.terraformResourceType).toBe(UAI);
  });
});
