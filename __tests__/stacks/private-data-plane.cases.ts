import { ConfigError } from "../../config/config-error";
import { loadConfig } from "../../config/load-config";
import { networkProblems } from "../../config/network-rules";
import { configSchema } from "../../config/schema";
import { refTo, resourceAt, resourcesByPath, synthPlatform, type TerraformJson } from "./platform-fixture";
import { loadJson, PRIVATE_PRODUCTION } from "./private-production-fixture";

const ZONES = "azurerm_private_dns_zone";
const LINKS = "azurerm_private_dns_zone_virtual_network_link";
const ENDPOINTS = "azurerm_private_endpoint";

/** `${type.id}` of the resource at `path`, as depends_on lists it. */
const address = (json: TerraformJson, type: string, path: string) =>
  refTo(json, type, path, "id").slice(2, -4);

describe("prod of the embedded default: a private data plane", () => {
  const synth = synthPlatform(loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false" }));
  const prod = synth.stacks["contoso-prod"];
  const dev = synth.stacks["contoso-dev"];

  test("a subnet for private endpoints and one for deploying agents (Microsoft.Web service endpoint)", () => {
    expect(resourceAt(prod, "azurerm_subnet", "network/private-endpoints")).toMatchObject({
      name: "snet-private-endpoints",
      address_prefixes: ["10.20.3.0/24"],
    });
    expect(resourceAt(prod, "azurerm_subnet", "network/agents")).toMatchObject({
      address_prefixes: ["10.20.4.0/24"],
      service_endpoints: ["Microsoft.Web"],
    });
  });

  test.each([
    ["vault-endpoint", "keyVault", "privatelink.vaultcore.azure.net", "vault", "pe-kv-contoso-prod"],
    ["registry-endpoint", "containerRegistry", "privatelink.azurecr.io", "registry", "pe-crcontoso"],
  ])(
    "%s: in the endpoint subnet, its A record in %s's zone %s, linked to the VNet",
    (id, service, zone, subresource, name) => {
      const endpoint = resourceAt(prod, ENDPOINTS, `${id}/endpoint`);
      expect(endpoint).toMatchObject({
        name,
        subnet_id: refTo(prod, "azurerm_subnet", "network/private-endpoints", "id"),
        private_service_connection: { subresource_names: [subresource], is_manual_connection: false },
        private_dns_zone_group: {
          private_dns_zone_ids: [refTo(prod, ZONES, `network/${service}-dns`, "id")],
        },
      });
      expect(resourceAt(prod, ZONES, `network/${service}-dns`).name).toBe(zone);
      expect(resourceAt(prod, LINKS, `network/${service}-dns-link`)).toMatchObject({
        private_dns_zone_name: refTo(prod, ZONES, `network/${service}-dns`, "name"),
        virtual_network_id: refTo(prod, "azurerm_virtual_network", "network/network", "id"),
        registration_enabled: false,
      });
    },
  );

  test("the vault's endpoint targets the vault; the registry's the shared registry, found by name", () => {
    expect(
      resourceAt(prod, ENDPOINTS, "vault-endpoint/endpoint").private_service_connection
        .private_connection_resource_id,
    ).toBe(refTo(prod, "azurerm_key_vault", "vault/vault", "id"));
    const [registryId] = Object.keys(prod.data.azurerm_container_registry);
    expect(prod.data.azurerm_container_registry[registryId]).toMatchObject({
      name: "crcontoso",
      resource_group_name: "rg-contoso-shared",
    });
    expect(
      resourceAt(prod, ENDPOINTS, "registry-endpoint/endpoint").private_service_connection
        .private_connection_resource_id,
    ).toBe(`\${data.azurerm_container_registry.${registryId}.id}`);
  });

  test("the vault has no public endpoint while deployer.addresses is empty (the default): agents come through the private one", () => {
    expect(resourceAt(prod, "azurerm_key_vault", "vault/vault")).toMatchObject({
      public_network_access_enabled: false,
      network_acls: { default_action: "Deny", bypass: "None", ip_rules: [] },
    });
  });

  test("the API pulls over the VNet, after the endpoints and their DNS links exist", () => {
    for (const site of [
      resourceAt(prod, "azurerm_linux_web_app", "api/app"),
      resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging"),
    ]) {
      expect(site.vnet_image_pull_enabled).toBe(true);
      expect(site.depends_on).toEqual(
        expect.arrayContaining([
          address(prod, ENDPOINTS, "vault-endpoint/endpoint"),
          address(prod, LINKS, "network/keyVault-dns-link"),
          address(prod, ENDPOINTS, "registry-endpoint/endpoint"),
          address(prod, LINKS, "network/containerRegistry-dns-link"),
        ]),
      );
    }
  });

  test("staging and every SCM site deny by default and admit the agents subnet; production stays public", () => {
    const agents = refTo(prod, "azurerm_subnet", "network/agents", "id");
    const staging = resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging").site_config;
    expect(staging.ip_restriction_default_action).toBe("Deny");
    expect(staging.ip_restriction).toEqual([
      { name: "allow-subnet-1", priority: 100, action: "Allow", virtual_network_subnet_id: agents },
      // The rollback alerts' availability test of the slot.
      { name: "allow-tag-1", priority: 101, action: "Allow", service_tag: "ApplicationInsightsAvailability" },
    ]);
    for (const site of [
      resourceAt(prod, "azurerm_linux_web_app", "api/app"),
      resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging"),
      resourceAt(prod, "azurerm_linux_web_app", "web/app"),
    ]) {
      expect(site.site_config).toMatchObject({
        scm_ip_restriction_default_action: "Deny",
        scm_ip_restriction: [
          { name: "allow-subnet-1", priority: 100, action: "Allow", virtual_network_subnet_id: agents },
        ],
        scm_use_main_ip_restriction: false,
      });
    }
    const production = resourceAt(prod, "azurerm_linux_web_app", "api/app").site_config;
    expect(production.ip_restriction_default_action).toBeUndefined();
    expect(production.ip_restriction).toBeUndefined();
  });

  test("the front end runs Node 22 LTS", () => {
    expect(resourceAt(prod, "azurerm_linux_web_app", "web/app").site_config.application_stack).toEqual({
      node_version: "22-lts",
    });
    expect(resourceAt(dev, "azurerm_linux_web_app", "web/app").site_config.application_stack).toEqual({
      node_version: "22-lts",
    });
  });

  test("the plan is zone balanced over its two instances", () => {
    expect(resourceAt(prod, "azurerm_service_plan", "plan/plan")).toMatchObject({
      worker_count: 2,
      zone_balancing_enabled: true,
    });
  });

  test("dev stays public: no network, no endpoint, no firewall, no restriction", () => {
    expect(dev.resource[ENDPOINTS]).toBeUndefined();
    expect(resourceAt(dev, "azurerm_key_vault", "vault/vault").network_acls).toBeUndefined();
    for (const site of Object.values(resourcesByPath(dev, "azurerm_linux_web_app"))) {
      expect(Object.keys(site.site_config).filter((key) => key.includes("restriction"))).toEqual([]);
      expect(site.vnet_image_pull_enabled).toBeUndefined();
    }
  });

  test("the shared registry is Premium and keeps its public endpoint for dev (Entra ID credentials only)", () => {
    const registry = resourceAt(
      synth.stacks["contoso-shared"],
      "azurerm_container_registry",
      "registry/registry",
    );
    expect(registry).toMatchObject({ sku: "Premium", admin_enabled: false, anonymous_pull_enabled: false });
    expect(registry.network_rule_set).toBeUndefined();
    expect(registry.public_network_access_enabled).toBeUndefined();
  });
});

describe("a private production with Service Bus, a database and an allow-list of deployers", () => {
  const synth = synthPlatform(loadJson(PRIVATE_PRODUCTION));
  const prod = synth.stacks["shop-prod"];

  test("Service Bus: a private endpoint, no public endpoint, a rule set that denies by default", () => {
    expect(resourceAt(prod, "azurerm_servicebus_namespace", "messaging/namespace")).toMatchObject({
      sku: "Premium",
      public_network_access_enabled: false,
      network_rule_set: {
        default_action: "Deny",
        public_network_access_enabled: false,
        trusted_services_allowed: false,
      },
    });
    expect(resourceAt(prod, ENDPOINTS, "messaging-endpoint/endpoint")).toMatchObject({
      name: "pe-sb-shop-prod",
      private_service_connection: {
        private_connection_resource_id: refTo(
          prod,
          "azurerm_servicebus_namespace",
          "messaging/namespace",
          "id",
        ),
        subresource_names: ["namespace"],
      },
    });
    expect(resourceAt(prod, ZONES, "network/serviceBusNamespace-dns").name).toBe(
      "privatelink.servicebus.windows.net",
    );
    expect(resourceAt(prod, LINKS, "network/serviceBusNamespace-dns-link").virtual_network_id).toBe(
      refTo(prod, "azurerm_virtual_network", "network/network", "id"),
    );
  });

  test("Service Bus sends its logs and metrics to the shared workspace", () => {
    const [workspaceId] = Object.keys(prod.data.azurerm_log_analytics_workspace);
    expect(resourceAt(prod, "azurerm_monitor_diagnostic_setting", "messaging-diagnostics/setting")).toEqual(
      expect.objectContaining({
        target_resource_id: refTo(prod, "azurerm_servicebus_namespace", "messaging/namespace", "id"),
        log_analytics_workspace_id: `\${data.azurerm_log_analytics_workspace.${workspaceId}.id}`,
        enabled_log: [
          { category: "OperationalLogs" },
          { category: "RuntimeAuditLogs" },
          { category: "VNetAndIPFilteringLogs" },
          { category: "DiagnosticErrorLogs" },
        ],
        enabled_metric: [{ category: "AllMetrics" }],
      }),
    );
  });

  test("the vault's public endpoint denies by default and admits the deployer's addresses, as /32 where single", () => {
    expect(resourceAt(prod, "azurerm_key_vault", "vault/vault").public_network_access_enabled).toBe(true);
    expect(resourceAt(prod, "azurerm_key_vault", "vault/vault").network_acls).toEqual({
      default_action: "Deny",
      bypass: "None",
      ip_rules: ["203.0.113.10/32", "198.51.100.0/28"],
    });
  });

  test("staging admits the deployers, the configured addresses, the agents subnet and availability tests", () => {
    const staging = resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging").site_config;
    expect(
      staging.ip_restriction.map((rule: any) => rule.ip_address ?? rule.service_tag ?? "subnet"),
    ).toEqual([
      "203.0.113.10/32",
      "198.51.100.0/28",
      "192.0.2.44/32",
      "subnet",
      "ApplicationInsightsAvailability",
    ]);
  });

  test("the shared registry's public endpoint admits only the deployers", () => {
    expect(
      resourceAt(synth.stacks["shop-shared"], "azurerm_container_registry", "registry/registry"),
    ).toMatchObject({
      public_network_access_enabled: true,
      network_rule_set: [
        {
          default_action: "Deny",
          ip_rule: [
            { action: "Allow", ip_range: "203.0.113.10/32" },
            { action: "Allow", ip_range: "198.51.100.0/28" },
          ],
        },
      ],
    });
  });

  test("productionAllowedAddresses closes the production slot too; restricted: false opens everything", () => {
    const closed = structuredClone(PRIVATE_PRODUCTION);
    Object.assign(closed.environments.prod.access, { productionAllowedAddresses: ["192.0.2.99"] });
    const production = resourceAt(
      synthPlatform(loadJson(closed)).stacks["shop-prod"],
      "azurerm_linux_web_app",
      "api/app",
    ).site_config;
    expect(production.ip_restriction_default_action).toBe("Deny");
    expect(
      production.ip_restriction.map((rule: any) => rule.ip_address ?? rule.service_tag ?? "subnet"),
    ).toEqual([
      "203.0.113.10/32",
      "198.51.100.0/28",
      "192.0.2.44/32",
      "192.0.2.99/32",
      "subnet",
      "ApplicationInsightsAvailability",
    ]);
    const open = structuredClone(PRIVATE_PRODUCTION);
    Object.assign(open.environments.prod.access, { restricted: false });
    const staging = resourceAt(
      synthPlatform(loadJson(open)).stacks["shop-prod"],
      "azurerm_linux_web_app_slot",
      "api/slot-staging",
    );
    expect(Object.keys(staging.site_config).filter((key) => key.includes("restriction"))).toEqual([]);
  });
});

describe("config rules of a private data plane", () => {
  const problems = (raw: unknown) =>
    networkProblems(configSchema.parse(raw)).map(
      (p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.rule}`,
    );

  test("the private production config has none", () => {
    expect(problems(PRIVATE_PRODUCTION)).toEqual([]);
  });

  test("a network needs a Premium registry and, with messaging, a Premium namespace", () => {
    const raw = structuredClone(PRIVATE_PRODUCTION);
    Object.assign(raw.registry, { sku: "Standard", publicNetworkAccess: "enabled" });
    Object.assign(raw.environments.prod.messaging, { sku: "Standard" });
    expect(problems(raw)).toEqual([
      'registry.sku = "Standard": must be "Premium" to have a private endpoint (environments "prod" pull through one in their network)',
      'environments.prod.messaging.sku = "Standard": must be "Premium" to have a private endpoint (the environment has a network, so its apps use one)',
    ]);
  });

  test("a closed registry needs a network in every environment", () => {
    const raw = structuredClone(PRIVATE_PRODUCTION) as any;
    raw.environments.dev = { plan: { sku: "B1" } };
    raw.environments.test = { plan: { sku: "B1" } };
    expect(problems(raw)).toEqual([
      'registry.publicNetworkAccess = "allowList": needs a network in every environment: "dev" and "test" would pull over the closed public endpoint (add environments.<name>.network, or keep "enabled")',
    ]);
  });

  test("addresses are checked where they are written: public IPv4, listed once", () => {
    const raw = structuredClone(PRIVATE_PRODUCTION);
    raw.deployer.addresses = ["10.0.0.1", "203.0.113.10", "203.0.113.10/32"];
    raw.environments.prod.access.allowedAddresses = ["not-an-ip"];
    let error: unknown;
    try {
      loadJson(raw);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(
      (error as ConfigError).problems.map((p) => `${p.field} = ${JSON.stringify(p.value)}: ${p.rule}`),
    ).toEqual([
      'environments.prod.access.allowedAddresses.0 = "not-an-ip": must be an IPv4 address (203.0.113.7) or CIDR block (203.0.113.0/24)',
      'deployer.addresses.0 = "10.0.0.1": must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)',
      'deployer.addresses.2 = "203.0.113.10/32": is listed twice',
    ]);
  });
});
