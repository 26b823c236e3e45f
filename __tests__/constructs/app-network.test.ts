import { AppNetwork } from "../../constructs/app-network";
import { resourcesOf, synth, synthError, testStack } from "./helpers";

function network(overrides: Partial<ConstructorParameters<typeof AppNetwork>[2]> = {}) {
  const t = testStack();
  new AppNetwork(t.stack, "net", {
    name: "vnet-x",
    resourceGroup: t.rg,
    addressSpace: "10.0.0.0/16",
    appsSubnet: "10.0.1.0/26",
    databaseSubnet: "10.0.2.0/28",
    databaseDnsZone: "psql-x.private.postgres.database.azure.com",
    ...overrides,
  });
  return t.stack;
}

test("a network, two delegated subnets, a DNS zone and its link", () => {
  const json = synth(network());
  expect(Object.keys(resourcesOf(json, "azurerm_subnet"))).toHaveLength(2);
  expect(
    Object.values(resourcesOf(json, "azurerm_subnet"))
      .map((s: any) => s.name)
      .sort(),
  ).toEqual(["snet-apps", "snet-database"]);
  expect(Object.values(resourcesOf(json, "azurerm_private_dns_zone_virtual_network_link"))[0]).toMatchObject({
    registration_enabled: false,
  });
});

test("every address-plan problem and a wrong DNS zone name, at once", () => {
  const message = synthError(
    network({
      addressSpace: "10.0.0.0/16",
      appsSubnet: "10.1.0.0/24",
      databaseSubnet: "bad",
      databaseDnsZone: "db.example.com",
    }),
  );
  expect(message).toContain(
    'AppNetwork test/net: appsSubnet = "10.1.0.0/24" must lie inside addressSpace 10.0.0.0/16',
  );
  expect(message).toContain(
    'AppNetwork test/net: databaseSubnet = "bad" must be an IPv4 CIDR block such as 10.20.1.0/24',
  );
  expect(message).toContain(
    'AppNetwork test/net: databaseDnsZone = "db.example.com" must end with ".postgres.database.azure.com"',
  );
});
