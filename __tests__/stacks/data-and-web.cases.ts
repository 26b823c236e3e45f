import { loadConfig } from "../../config/load-config";
import { baseConfig, loadFrom, problemsOf } from "../config/config-fixtures";
import { refTo, resourceAt, resourcesByPath, synthPlatform } from "./platform-fixture";

describe("PostgreSQL of the embedded default", () => {
  const synth = synthPlatform(loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false" }));
  const prod = synth.stacks["contoso-prod"];
  const server = resourceAt(prod, "azurerm_postgresql_flexible_server", "database/server");

  test("prod: version 16, General Purpose, zone-redundant HA, 35 days of geo-redundant backups", () => {
    expect(server).toMatchObject({
      name: "psql-contoso-prod",
      version: "16",
      sku_name: "GP_Standard_D2s_v3",
      storage_mb: 131072,
      auto_grow_enabled: true,
      backup_retention_days: 35,
      geo_redundant_backup_enabled: true,
      high_availability: { mode: "ZoneRedundant" },
      administrator_password_wo_version: 1,
    });
    expect(server.administrator_password_wo).toBe(
      refTo(prod, "random_password", "database/administrator-password", "result"),
    );
  });

  test("dev: a small Burstable server that may be destroyed", () => {
    const dev = resourceAt(
      synth.stacks["contoso-dev"],
      "azurerm_postgresql_flexible_server",
      "database/server",
    );
    expect(dev).toMatchObject({
      name: "psql-contoso-dev",
      sku_name: "B_Standard_B1ms",
      storage_mb: 32768,
      backup_retention_days: 7,
    });
    expect(dev.high_availability).toBeUndefined();
    expect(dev.lifecycle?.prevent_destroy).not.toBe(true);
  });

  test("TLS is required", () => {
    const settings = Object.values(resourcesByPath(prod, "azurerm_postgresql_flexible_server_configuration"));
    expect(Object.fromEntries(settings.map((s) => [s.name, s.value]))).toMatchObject({
      require_secure_transport: "on",
    });
  });

  test("each slot's DATABASE_URL secret points at its own database, and reaches only that slot", () => {
    const app = resourceAt(prod, "azurerm_linux_web_app", "api/app");
    const staging = resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging");
    for (const [slot, site] of [
      ["production", app],
      ["staging", staging],
    ] as const) {
      expect(
        resourceAt(prod, "azurerm_postgresql_flexible_server_database", `database/database-${slot}`).name,
      ).toBe(`app_${slot}`);
      const secret = resourceAt(prod, "azurerm_key_vault_secret", `database/url-secret-${slot}/secret`);
      expect(secret.value_wo).toContain(
        refTo(prod, "azurerm_postgresql_flexible_server_database", `database/database-${slot}`, "name"),
      );
      expect(secret.value_wo).toMatch(
        new RegExp(
          `^postgresql://app_${slot}:\\$\\{random_password\\.database_login-password-${slot}_\\w+\\.result\\}@.*sslmode=require$`,
        ),
      );
      expect(site.app_settings.DATABASE_URL).toBe(
        `@Microsoft.KeyVault(SecretUri=${refTo(prod, "azurerm_key_vault_secret", `database/url-secret-${slot}/secret`, "versionless_id")})`,
      );
      expect(site.app_settings.DATABASE_CREDENTIALS_VERSION).toBe("1");
    }
  });

  test("dev's access stack opens its public server to the API's outbound addresses only, after dev", () => {
    const access = synth.stacks["contoso-dev-access"];
    const rule = resourceAt(access, "azurerm_postgresql_flexible_server_firewall_rule", "api-access/rule");
    expect(rule.for_each).toMatch(
      /^\$\{toset\(data\.azurerm_linux_web_app\.[\w-]+\.possible_outbound_ip_address_list\)\}$/,
    );
    expect(rule.start_ip_address).toBe("${each.value}");
    expect(rule.end_ip_address).toBe("${each.value}");
    expect(synth.text).not.toContain('"0.0.0.0"');
    expect(synth.manifest.stacks["contoso-dev-access"].dependencies).toContain("contoso-dev");
  });

  test("the generated password is in no output", () => {
    expect(JSON.stringify(prod.output)).not.toContain("random_password");
  });
});

describe("front end", () => {
  const prod = synthPlatform(loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "prod" }))
    .stacks["contoso-prod"];
  const web = resourceAt(prod, "azurerm_linux_web_app", "web/app");

  test("Node 22 LTS with pm2 serving the built SPA, on the environment's plan", () => {
    expect(web).toMatchObject({ name: "app-contoso-prod-web", https_only: true });
    expect(web.service_plan_id).toBe(refTo(prod, "azurerm_service_plan", "plan/plan", "id"));
    expect(web.site_config).toMatchObject({
      application_stack: { node_version: "22-lts" },
      app_command_line: "pm2 serve /home/site/wwwroot/dist --no-daemon --spa",
      minimum_tls_version: "1.2",
      ftps_state: "Disabled",
    });
  });

  test("deployed from a zip packed at synth, by a relative path", () => {
    expect(web.zip_deploy_file).toMatch(/^assets\/[\w-]+\/[0-9A-F]+\/archive\.zip$/);
  });

  test("the API's URL reaches the front end, and the API allows the front end's origin", () => {
    expect(web.app_settings.API_BASE_URL).toBe("https://app-contoso-prod-api.azurewebsites.net");
    const api = resourceAt(prod, "azurerm_linux_web_app", "api/app");
    // The front end's own host name (a reference), not one rebuilt from its name.
    expect(api.site_config.cors).toEqual({
      allowed_origins: [`https://${refTo(prod, "azurerm_linux_web_app", "web/app", "default_hostname")}`],
    });
    expect(prod.output.web_url.value).toBe(
      `https://${refTo(prod, "azurerm_linux_web_app", "web/app", "default_hostname")}`,
    );
  });

  test("web.enabled = false leaves it out, and the API without CORS", () => {
    const config = baseConfig();
    config.web = { enabled: false };
    const shop = synthPlatform(loadFrom(config, { IMAGE_TAG: "v1", IMAGE_BUILD: "false" })).stacks[
      "shop-prod"
    ];
    expect(Object.keys(resourcesByPath(shop, "azurerm_linux_web_app"))).toEqual(["api/app"]);
    expect(resourceAt(shop, "azurerm_linux_web_app", "api/app").site_config.cors).toBeUndefined();
  });
});

describe("Service Bus", () => {
  const config = baseConfig();
  config.environments.prod.messaging = { sku: "Standard", queues: ["orders"] };
  const prod = synthPlatform(loadFrom(config, { IMAGE_TAG: "v1", IMAGE_BUILD: "false" })).stacks["shop-prod"];
  const principal = refTo(prod, "azurerm_user_assigned_identity", "api-identity/identity", "principal_id");
  const namespaceId = refTo(prod, "azurerm_servicebus_namespace", "messaging/namespace", "id");

  test("a namespace without SAS keys, TLS 1.2 set explicitly", () => {
    expect(resourceAt(prod, "azurerm_servicebus_namespace", "messaging/namespace")).toMatchObject({
      name: "sb-shop-prod",
      sku: "Standard",
      local_auth_enabled: false,
      minimum_tls_version: "1.2",
    });
  });

  test("a copy of each queue per slot, named in a sticky setting", () => {
    const queues = Object.values(resourcesByPath(prod, "azurerm_servicebus_queue")).map(
      (queue) => queue.name,
    );
    expect(queues.sort()).toEqual(["orders", "orders-staging"]);
    const app = resourceAt(prod, "azurerm_linux_web_app", "api/app");
    const staging = resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging");
    expect([app.app_settings.SERVICEBUS_QUEUE_ORDERS, staging.app_settings.SERVICEBUS_QUEUE_ORDERS]).toEqual([
      "orders",
      "orders-staging",
    ]);
    expect(app.sticky_settings.app_setting_names).toContain("SERVICEBUS_QUEUE_ORDERS");
  });

  test("each slot's identity sends to and receives from its own queue only; no namespace-wide role", () => {
    const stagingPrincipal = refTo(
      prod,
      "azurerm_user_assigned_identity",
      "api-identity-staging/identity",
      "principal_id",
    );
    const queueId = (path: string) => refTo(prod, "azurerm_servicebus_queue", path, "id");
    const grants = Object.values(resourcesByPath(prod, "azurerm_role_assignment"))
      .filter((grant) => grant.role_definition_name.startsWith("Azure Service Bus"))
      .map((grant) => [grant.role_definition_name, grant.principal_id, grant.scope]);
    expect(grants.sort()).toEqual(
      [
        ["Azure Service Bus Data Receiver", principal, queueId("messaging/queue-orders")],
        ["Azure Service Bus Data Sender", principal, queueId("messaging/queue-orders")],
        ["Azure Service Bus Data Receiver", stagingPrincipal, queueId("messaging/queue-orders-staging")],
        ["Azure Service Bus Data Sender", stagingPrincipal, queueId("messaging/queue-orders-staging")],
      ].sort(),
    );
    expect(grants.filter(([, , scope]) => scope === namespaceId)).toEqual([]);
    const app = resourceAt(prod, "azurerm_linux_web_app", "api/app");
    expect(app.app_settings.SERVICEBUS_NAMESPACE).toMatch(/servicebus_namespace.*endpoint/);
    expect(JSON.stringify(prod)).not.toMatch(/primary_connection_string|primary_key|Endpoint=sb:/);
    expect(prod.resource.azurerm_servicebus_namespace_authorization_rule).toBeUndefined();
  });

  test("each site waits for its identity's Service Bus roles with its other grants", () => {
    const wait = resourceAt(prod, "time_sleep", "api-identity/grants-propagation");
    const senderAddress = Object.entries(prod.resource.azurerm_role_assignment).find(
      ([, grant]: [string, any]) =>
        grant.role_definition_name === "Azure Service Bus Data Sender" && grant.principal_id === principal,
    )?.[0];
    expect(wait.depends_on).toContain(`azurerm_role_assignment.${senderAddress}`);
    const app = resourceAt(prod, "azurerm_linux_web_app", "api/app");
    const waitAddress = refTo(prod, "time_sleep", "api-identity/grants-propagation", "id").slice(2, -4);
    expect(app.depends_on).toContain(waitAddress);
  });
});

describe("config errors for data services", () => {
  test.each([
    [
      { database: { sku: "Standard_B1ms" } },
      /environments.prod.database.sku = "Standard_B1ms": is not a flexible server SKU/,
    ],
    [{ database: { storageMb: 10000 } }, /environments.prod.database.storageMb = 10000: /],
    [
      { database: { highAvailability: true } },
      /environments.prod.database.highAvailability = true: needs a General Purpose or Memory Optimized SKU/,
    ],
    [{ database: { backupRetentionDays: 40 } }, /environments.prod.database.backupRetentionDays = 40: /],
    [
      { messaging: { queues: ["-orders"] } },
      /environments.prod.messaging.queues.0 = "-orders": must be 1-260 letters/,
    ],
    [
      { messaging: { queues: ["Orders", "orders"] } },
      /environments.prod.messaging.queues.1 = "orders": is listed twice/,
    ],
    [
      { messaging: { sku: "Premium", capacity: 3 } },
      /environments.prod.messaging.capacity = 3: must be one of 1, 2, 4, 8, 16 on Premium/,
    ],
    [{ messaging: { capacity: 2 } }, /environments.prod.messaging.capacity = 2: needs sku "Premium"/],
  ])("%j", (change, expected) => {
    const config = baseConfig();
    Object.assign(config.environments.prod, change);
    expect(problemsOf(config)).toEqual([expect.stringMatching(expected)]);
  });
});
