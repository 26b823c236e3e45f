import { AppNetwork, networkLayoutProblems } from "../../constructs/app-network";
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

describe("private endpoints and agents", () => {
  test("a plain subnet for private endpoints, and one for agents with the Microsoft.Web service endpoint", () => {
    const json = synth(network({ privateEndpointSubnet: "10.0.3.0/24", agentsSubnet: "10.0.4.0/27" }));
    const subnets = Object.values(resourcesOf(json, "azurerm_subnet")).map((s: any) => [
      s.name,
      s.address_prefixes,
      s.delegation,
      s.service_endpoints,
    ]);
    expect(subnets).toContainEqual(["snet-private-endpoints", ["10.0.3.0/24"], undefined, undefined]);
    expect(subnets).toContainEqual(["snet-agents", ["10.0.4.0/27"], undefined, ["Microsoft.Web"]]);
  });

  test("without them, no extra subnet and no privatelink zone", () => {
    const json = synth(network());
    expect(Object.keys(resourcesOf(json, "azurerm_subnet"))).toHaveLength(2);
    expect(Object.keys(resourcesOf(json, "azurerm_private_dns_zone"))).toHaveLength(1);
  });

  test("every subnet inside the space, apart from the others, /28 or larger", () => {
    expect(
      networkLayoutProblems({
        addressSpace: "10.0.0.0/16",
        appsSubnet: "10.0.1.0/24",
        databaseSubnet: "10.0.2.0/24",
        privateEndpointSubnet: "10.0.1.128/25",
        agentsSubnet: "10.1.0.0/24",
      }),
    ).toEqual([
      { prop: ["agentsSubnet"], value: "10.1.0.0/24", rule: "must lie inside addressSpace 10.0.0.0/16" },
      { prop: ["privateEndpointSubnet"], value: "10.0.1.128/25", rule: "overlaps appsSubnet 10.0.1.0/24" },
    ]);
    expect(
      networkLayoutProblems({
        addressSpace: "10.0.0.0/16",
        appsSubnet: "10.0.1.0/24",
        databaseSubnet: "10.0.2.0/24",
        agentsSubnet: "10.0.5.0/29",
      }),
    ).toEqual([{ prop: ["agentsSubnet"], value: "10.0.5.0/29", rule: "must be /28 or larger" }]);
  });
});
