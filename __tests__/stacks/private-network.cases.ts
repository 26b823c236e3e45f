import { loadConfig } from "../../config/load-config";
import { baseConfig, problemsOf } from "../config/config-fixtures";
import { refTo, resourceAt, resourcesByPath, synthPlatform } from "./platform-fixture";

describe("prod's private database (embedded default)", () => {
  const synth = synthPlatform(loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "prod" }));
  const prod = synth.stacks["contoso-prod"];

  test("a virtual network with a subnet for the apps and one delegated to PostgreSQL", () => {
    expect(resourceAt(prod, "azurerm_virtual_network", "network/network")).toMatchObject({
      name: "vnet-contoso-prod",
      address_space: ["10.20.0.0/16"],
    });
    const apps = resourceAt(prod, "azurerm_subnet", "network/apps");
    const database = resourceAt(prod, "azurerm_subnet", "network/database");
    expect([apps.address_prefixes, apps.delegation[0].service_delegation.name]).toEqual([
      ["10.20.1.0/24"],
      "Microsoft.Web/serverFarms",
    ]);
    expect([database.address_prefixes, database.delegation[0].service_delegation.name]).toEqual([
      ["10.20.2.0/24"],
      "Microsoft.DBforPostgreSQL/flexibleServers",
    ]);
  });

  test("the server has no public endpoint: delegated subnet, private DNS zone, created after the zone's link", () => {
    const server = resourceAt(prod, "azurerm_postgresql_flexible_server", "database/server");
    expect(server.public_network_access_enabled).toBe(false);
    expect(server.delegated_subnet_id).toBe(refTo(prod, "azurerm_subnet", "network/database", "id"));
    expect(server.private_dns_zone_id).toBe(
      refTo(prod, "azurerm_private_dns_zone", "network/database-dns", "id"),
    );
    expect(resourceAt(prod, "azurerm_private_dns_zone", "network/database-dns").name).toBe(
      "psql-contoso-prod.private.postgres.database.azure.com",
    );
    const link = resourceAt(
      prod,
      "azurerm_private_dns_zone_virtual_network_link",
      "network/database-dns-link",
    );
    expect(link.virtual_network_id).toBe(refTo(prod, "azurerm_virtual_network", "network/network", "id"));
    const linkId = refTo(
      prod,
      "azurerm_private_dns_zone_virtual_network_link",
      "network/database-dns-link",
      "id",
    );
    expect(server.depends_on).toContain(linkId.slice(2, -4));
  });

  test("the API and its slot route all outbound traffic through the apps subnet", () => {
    const appsSubnet = refTo(prod, "azurerm_subnet", "network/apps", "id");
    for (const site of [
      resourceAt(prod, "azurerm_linux_web_app", "api/app"),
      resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging"),
    ]) {
      expect(site.virtual_network_subnet_id).toBe(appsSubnet);
      expect(site.site_config.vnet_route_all_enabled).toBe(true);
    }
  });

  test("no firewall and no access stack", () => {
    expect(synth.stacks["contoso-prod-access"]).toBeUndefined();
    expect(resourcesByPath(prod, "azurerm_postgresql_flexible_server_firewall_rule")).toEqual({});
  });
});

test("without a network the API has no VNet integration", () => {
  const dev = synthPlatform(loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "dev" }))
    .stacks["contoso-dev"];
  const api = resourceAt(dev, "azurerm_linux_web_app", "api/app");
  expect(api.virtual_network_subnet_id).toBeUndefined();
  expect(api.site_config.vnet_route_all_enabled).toBeUndefined();
  expect(dev.resource.azurerm_virtual_network).toBeUndefined();
});

describe("config errors", () => {
  test("a private database needs a network", () => {
    const config = baseConfig();
    config.environments.prod.database = { network: "private" };
    expect(problemsOf(config)).toEqual([
      'environments.prod.database.network = "private": needs environments.prod.network (the virtual network the database lives in)',
    ]);
  });

  test.each([
    [
      { addressSpace: "10.20.0.0/33" },
      'environments.prod.network.addressSpace = "10.20.0.0/33": must be an IPv4 CIDR block such as 10.20.0.0/16',
    ],
    [
      { appsSubnet: "10.30.1.0/24" },
      'environments.prod.network.appsSubnet = "10.30.1.0/24": must lie inside addressSpace 10.20.0.0/16',
    ],
    [
      { databaseSubnet: "10.20.1.0/25" },
      'environments.prod.network.databaseSubnet = "10.20.1.0/25": overlaps appsSubnet 10.20.1.0/24',
    ],
    [
      { databaseSubnet: "10.20.2.0/29" },
      'environments.prod.network.databaseSubnet = "10.20.2.0/29": must be /28 or larger',
    ],
    [
      { appsSubnet: "10.20.1.5/24" },
      'environments.prod.network.appsSubnet = "10.20.1.5/24": must be an IPv4 CIDR block such as 10.20.1.0/24',
    ],
  ])("network %j", (network, problem) => {
    const config = baseConfig();
    // A network takes the private data plane along: the registry must be Premium (checked apart).
    config.registry = { sku: "Premium" };
    config.environments.prod.network = network;
    expect(problemsOf(config)).toEqual([problem]);
  });
});
