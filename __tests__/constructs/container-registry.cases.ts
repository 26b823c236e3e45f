import { AppIdentity } from "../../constructs/app-identity";
import {
  ContainerRegistry,
  type ContainerRegistryProps,
  type RegistrySku,
} from "../../constructs/container-registry";
import {
  RG_LOCATION,
  RG_NAME,
  refOf,
  resolved,
  resourceOf,
  resourcesOf,
  synth,
  synthError,
  testStack,
  validationErrors,
} from "./helpers";

const ACR = "azurerm_container_registry";

function registry(props: Partial<ContainerRegistryProps> = {}) {
  const t = testStack();
  const acr = new ContainerRegistry(t.stack, "acr", { name: "crcontoso", resourceGroup: t.rg, ...props });
  return { ...t, acr };
}

describe("ContainerRegistry", () => {
  test("defaults: Standard, admin user and anonymous pull off, resource group's name and location", () => {
    const { stack } = registry();
    const json = synth(stack);
    const acr = resourceOf(json, ACR);
    expect(acr.name).toBe("crcontoso");
    expect(acr.sku).toBe("Standard");
    expect(acr.admin_enabled).toBe(false);
    expect(acr.anonymous_pull_enabled).toBe(false);
    expect(acr.location).toBe(RG_LOCATION);
    expect(acr.resource_group_name).toBe(RG_NAME);
    expect(acr.zone_redundancy_enabled).toBeUndefined();
    expect(acr.georeplications ?? []).toEqual([]);
    expect(acr.retention_policy_in_days).toBeUndefined();
    expect(acr.tags).toBeUndefined();
  });

  test("overrides: location, sku Basic, tags", () => {
    const { stack } = registry({ location: "northeurope", sku: "Basic", tags: { team: "platform" } });
    const acr = resourceOf(synth(stack), ACR);
    expect(acr.location).toBe("northeurope");
    expect(acr.sku).toBe("Basic");
    expect(acr.tags).toEqual({ team: "platform" });
    expect(acr.admin_enabled).toBe(false);
  });

  test("Premium: zone redundancy defaults to false and the Premium-only props are passed through", () => {
    const plain = resourceOf(synth(registry({ sku: "Premium" }).stack), ACR);
    expect(plain.sku).toBe("Premium");
    expect(plain.zone_redundancy_enabled).toBe(false);

    const { stack } = registry({
      sku: "Premium",
      zoneRedundancyEnabled: true,
      georeplicationLocations: ["northeurope", "swedencentral"],
      untaggedRetentionDays: 7,
      tags: { env: "prod" },
    });
    const acr = resourceOf(synth(stack), ACR);
    expect(acr.zone_redundancy_enabled).toBe(true);
    expect(acr.retention_policy_in_days).toBe(7);
    expect(acr.georeplications).toEqual([
      { location: "northeurope", tags: { env: "prod" } },
      { location: "swedencentral", tags: { env: "prod" } },
    ]);
  });

  test("public network access: open by default; an allow-list denies by default; disabled leaves private endpoints", () => {
    expect(resourceOf(synth(registry().stack), ACR)).not.toHaveProperty("network_rule_set");
    const allowList = resourceOf(
      synth(
        registry({ sku: "Premium", publicNetworkAccess: "allowList", allowedAddresses: ["203.0.113.7"] })
          .stack,
      ),
      ACR,
    );
    expect(allowList).toMatchObject({
      public_network_access_enabled: true,
      network_rule_set: [
        { default_action: "Deny", ip_rule: [{ action: "Allow", ip_range: "203.0.113.7/32" }] },
      ],
    });
    const off = resourceOf(synth(registry({ sku: "Premium", publicNetworkAccess: "disabled" }).stack), ACR);
    expect(off.public_network_access_enabled).toBe(false);
    expect(off).not.toHaveProperty("network_rule_set");
  });

  test("network rules are Premium-only", () => {
    expect(validationErrors(registry({ publicNetworkAccess: "allowList" }).stack)).toEqual([
      'ContainerRegistry test/acr: publicNetworkAccess = "allowList" needs sku "Premium" (sku is "Standard"): network rules and private endpoints are Premium-only',
    ]);
  });

  test("exposes id, name and login server as references to the registry", () => {
    const { stack, acr } = registry();
    const json = synth(stack);
    expect(resolved(stack, acr.id)).toBe(refOf(json, ACR, "id"));
    expect(resolved(stack, acr.name)).toBe(refOf(json, ACR, "name"));
    expect(resolved(stack, acr.loginServer)).toBe(refOf(json, ACR, "login_server"));
    expect(acr.resource.terraformResourceType).toBe(ACR);
  });

  test.each([
    [
      "Basic",
      { zoneRedundancyEnabled: true },
      'zoneRedundancyEnabled = true needs sku "Premium" (sku is "Basic")',
    ],
    [
      "Standard",
      { georeplicationLocations: ["northeurope"] },
      'georeplicationLocations = ["northeurope"] needs sku "Premium" (sku is "Standard")',
    ],
    [
      "Standard",
      { untaggedRetentionDays: 7 },
      'untaggedRetentionDays = 7 needs sku "Premium" (sku is "Standard")',
    ],
  ] satisfies Array<[RegistrySku, Partial<ContainerRegistryProps>, string]>)(
    "refuses a Premium-only prop on %s: %j",
    (sku, props, message) => {
      const { stack } = registry({ sku, ...props });
      const error = synthError(stack);
      expect(error).toContain("ContainerRegistry test/acr");
      expect(error).toContain(message);
    },
  );

  test("refuses every Premium-only prop at once on the default sku", () => {
    const { stack } = registry({
      zoneRedundancyEnabled: true,
      georeplicationLocations: ["northeurope"],
      untaggedRetentionDays: 3,
    });
    const errors = validationErrors(stack);
    expect(errors).toHaveLength(3);
    expect(errors.every((e) => e.includes('(sku is "Standard")'))).toBe(true);
  });

  test("zoneRedundancyEnabled = false on Standard is not an error and is not emitted", () => {
    const { stack } = registry({ zoneRedundancyEnabled: false });
    expect(resourceOf(synth(stack), ACR).zone_redundancy_enabled).toBeUndefined();
  });

  test("refuses georeplication to the registry's own (explicit) location", () => {
    const { stack } = registry({
      sku: "Premium",
      location: "westeurope",
      georeplicationLocations: ["northeurope", "westeurope"],
    });
    expect(synthError(stack)).toContain(
      `ContainerRegistry test/acr: georeplicationLocations[1] = "westeurope" must differ from the registry's own location "westeurope"`,
    );
  });

  test("refuses georeplication to the resource group's location when location is defaulted", () => {
    const { stack } = registry({ sku: "Premium", georeplicationLocations: ["westeurope"] });
    expect(synthError(stack)).toContain(
      `georeplicationLocations[0] = "westeurope" must differ from the registry's own location "westeurope"`,
    );
  });

  test("refuses georeplication to the own location spelled as a display name", () => {
    const { stack } = registry({
      sku: "Premium",
      location: "westeurope",
      georeplicationLocations: ["West Europe"],
    });
    expect(synthError(stack)).toContain('georeplicationLocations[0] = "West Europe" must differ');
  });

  describe("grantPull", () => {
    test("assigns AcrPull on the registry to the identity as a ServicePrincipal", () => {
      const { stack, rg, acr } = registry();
      const identity = new AppIdentity(stack, "api-identity", { name: "id-api", resourceGroup: rg });
      const grant = acr.grantPull(identity);
      const json = synth(stack);
      const ra = resourceOf(json, "azurerm_role_assignment");
      expect(ra.role_definition_name).toBe("AcrPull");
      expect(ra.scope).toBe(refOf(json, ACR, "id"));
      expect(ra.principal_id).toBe(refOf(json, "azurerm_user_assigned_identity", "principal_id"));
      expect(ra.principal_type).toBe("ServicePrincipal");
      expect(grant.resource.terraformResourceType).toBe("azurerm_role_assignment");
      expect(grant.role).toBe("AcrPull");
    });

    test("a second grant to the same identity returns the first assignment", () => {
      const { stack, rg, acr } = registry();
      const identity = new AppIdentity(stack, "api-identity", { name: "id-api", resourceGroup: rg });
      const first = acr.grantPull(identity);
      expect(acr.grantPull(identity)).toBe(first);
      expect(Object.keys(resourcesOf(synth(stack), "azurerm_role_assignment"))).toHaveLength(1);
    });

    test("each identity gets its own assignment", () => {
      const { stack, rg, acr } = registry();
      acr.grantPull(new AppIdentity(stack, "a", { name: "id-a", resourceGroup: rg }));
      acr.grantPull(new AppIdentity(stack, "b", { name: "id-b", resourceGroup: rg }));
      const assignments = Object.values(resourcesOf(synth(stack), "azurerm_role_assignment"));
      expect(assignments).toHaveLength(2);
      expect(new Set(assignments.map((a) => a.principal_id)).size).toBe(2);
    });
  });
});
