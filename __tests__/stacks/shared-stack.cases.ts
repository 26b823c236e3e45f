import { loadConfig } from "../../config/load-config";
import { baseConfig, loadFrom } from "../config/config-fixtures";
import { resourceAt, synthPlatform } from "./platform-fixture";

describe("shared stack of the embedded default", () => {
  const shared = synthPlatform(loadConfig({ IMAGE_TAG: "v1" })).stacks["contoso-shared"];

  test("one resource group and one registry with secure defaults", () => {
    expect(resourceAt(shared, "azurerm_resource_group", "resource-group")).toMatchObject({
      name: "rg-contoso-shared",
      location: "westeurope",
      tags: { app: "contoso", "managed-by": "cdktf" },
    });
    expect(resourceAt(shared, "azurerm_container_registry", "registry/registry")).toMatchObject({
      name: "crcontoso",
      // Premium: prod reaches it through a private endpoint.
      sku: "Premium",
      admin_enabled: false,
      anonymous_pull_enabled: false,
      location: "${azurerm_resource_group.resource-group.location}",
      resource_group_name: "${azurerm_resource_group.resource-group.name}",
    });
  });

  test("outputs the registry login server", () => {
    expect(shared.output.registry_login_server.value).toMatch(
      /^\$\{azurerm_container_registry\..*\.login_server\}$/,
    );
  });

  test("the azurerm provider takes credentials from the environment, none in the JSON", () => {
    expect(shared.provider.azurerm).toEqual([{ features: [{}] }]);
    expect(shared.terraform.required_providers.azurerm).toEqual({ source: "azurerm", version: "4.55.0" });
  });
});

test("a Premium registry with zone redundancy and a replica", () => {
  const config = baseConfig();
  config.registry = {
    sku: "Premium",
    zoneRedundancy: true,
    georeplicationLocations: ["westeurope"],
    untaggedRetentionDays: 14,
  };
  const shared = synthPlatform(loadFrom(config, { IMAGE_TAG: "v1" })).stacks["shop-shared"];
  expect(resourceAt(shared, "azurerm_container_registry", "registry/registry")).toMatchObject({
    name: "crshop",
    sku: "Premium",
    zone_redundancy_enabled: true,
    georeplications: [{ location: "westeurope" }],
    retention_policy_in_days: 14,
  });
});
