import { AppNetwork, type AppNetworkProps } from "../../constructs/app-network";
import {
  PRIVATE_LINK_SERVICES,
  PrivateEndpoint,
  privateEndpointSkuProblems,
} from "../../constructs/private-endpoint";
import { SecretVault } from "../../constructs/secret-vault";
import { RG_LOCATION, RG_NAME, refOf, resolved, resourcesOf, synth, testStack, tf } from "./helpers";

const PE = "azurerm_private_endpoint";
const ZONE = "azurerm_private_dns_zone";
const LINK = "azurerm_private_dns_zone_virtual_network_link";

function setUp(network: Partial<AppNetworkProps> = { privateEndpointSubnet: "10.0.3.0/24" }) {
  const t = testStack();
  const net = new AppNetwork(t.stack, "net", {
    name: "vnet-x",
    resourceGroup: t.rg,
    addressSpace: "10.0.0.0/16",
    appsSubnet: "10.0.1.0/24",
    databaseSubnet: "10.0.2.0/24",
    databaseDnsZone: "psql-x.private.postgres.database.azure.com",
    ...network,
  });
  const vault = new SecretVault(t.stack, "kv", { name: "kv-x", resourceGroup: t.rg });
  return { ...t, net, vault };
}

/** The logical id and body of the only resource of `type` whose `attribute` is `value`. */
const where = (json: any, type: string, attribute: string, value: unknown): [string, any] => {
  const found = Object.entries(resourcesOf(json, type)).filter(
    ([, r]: [string, any]) => r[attribute] === value,
  );
  if (found.length !== 1) throw new Error(`${found.length} ${type} with ${attribute} = ${value}`);
  return found[0] as [string, any];
};

test("the service table: sub-resource and privatelink zone per service, Premium where Azure says so", () => {
  expect(PRIVATE_LINK_SERVICES).toEqual({
    keyVault: { subresource: "vault", dnsZone: "privatelink.vaultcore.azure.net" },
    containerRegistry: { subresource: "registry", dnsZone: "privatelink.azurecr.io", sku: "Premium" },
    serviceBusNamespace: {
      subresource: "namespace",
      dnsZone: "privatelink.servicebus.windows.net",
      sku: "Premium",
    },
  });
  expect(privateEndpointSkuProblems("containerRegistry", "Standard")).toEqual([
    { prop: ["sku"], value: "Standard", rule: 'must be "Premium" to have a private endpoint' },
  ]);
  expect(privateEndpointSkuProblems("serviceBusNamespace", "Premium")).toEqual([]);
  expect(privateEndpointSkuProblems("keyVault", "standard")).toEqual([]);
});

test("an endpoint in the private endpoint subnet, its DNS zone group on the service's zone, the zone linked to the network", () => {
  const { stack, rg, net, vault } = setUp();
  const endpoint = new PrivateEndpoint(stack, "vault-endpoint", {
    name: "pe-kv-x",
    resourceGroup: rg,
    network: net,
    service: "keyVault",
    target: vault,
  });
  const json = synth(stack);
  const [peId, pe] = where(json, PE, "name", "pe-kv-x");
  const [zoneId] = where(json, ZONE, "name", "privatelink.vaultcore.azure.net");
  const [linkId, link] = where(json, LINK, "private_dns_zone_name", `\${${ZONE}.${zoneId}.name}`);
  const [subnetId] = where(json, "azurerm_subnet", "name", "snet-private-endpoints");
  expect(pe).toMatchObject({
    name: "pe-kv-x",
    resource_group_name: RG_NAME,
    location: RG_LOCATION,
    subnet_id: `\${azurerm_subnet.${subnetId}.id}`,
    private_service_connection: {
      name: "pe-kv-x",
      private_connection_resource_id: refOf(json, "azurerm_key_vault", "id"),
      subresource_names: ["vault"],
      is_manual_connection: false,
    },
    private_dns_zone_group: { name: "default", private_dns_zone_ids: [`\${${ZONE}.${zoneId}.id}`] },
  });
  expect(link).toMatchObject({
    name: "vnet-x-link",
    virtual_network_id: refOf(json, "azurerm_virtual_network", "id"),
    registration_enabled: false,
  });
  expect(endpoint.ready.map((d) => resolved(stack, d.fqn))).toEqual([
    tf(`${PE}.${peId}`),
    tf(`${LINK}.${linkId}`),
  ]);
});

test("endpoints of one service share the network's zone and link", () => {
  const { stack, rg, net, vault } = setUp();
  const other = new SecretVault(stack, "kv2", { name: "kv-y", resourceGroup: rg });
  for (const [id, target] of [
    ["a", vault],
    ["b", other],
  ] as const)
    new PrivateEndpoint(stack, id, {
      name: `pe-${id}`,
      resourceGroup: rg,
      network: net,
      service: "keyVault",
      target,
    });
  const json = synth(stack);
  expect(Object.keys(resourcesOf(json, PE))).toHaveLength(2);
  expect(
    Object.values(resourcesOf(json, ZONE))
      .map((z: any) => z.name)
      .sort(),
  ).toEqual(["privatelink.vaultcore.azure.net", "psql-x.private.postgres.database.azure.com"]);
});

test("a network without a private endpoint subnet has no place for one: the error says so", () => {
  const { stack, rg, net, vault } = setUp({});
  expect(
    () =>
      new PrivateEndpoint(stack, "vault-endpoint", {
        name: "pe-kv-x",
        resourceGroup: rg,
        network: net,
        service: "keyVault",
        target: vault,
      }),
  ).toThrow(
    "PrivateEndpoint test/vault-endpoint: network test/net has no privateEndpointSubnet; give the network one",
  );
});
