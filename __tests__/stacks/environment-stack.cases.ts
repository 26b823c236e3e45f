import { loadConfig } from "../../config/load-config";
import { baseConfig, loadFrom } from "../config/config-fixtures";
import { refTo, resourceAt, resourcesByPath, synthPlatform } from "./platform-fixture";

describe("prod of the embedded default", () => {
  const synth = synthPlatform(loadConfig({ IMAGE_TAG: "v42" }));
  const prod = synth.stacks["contoso-prod"];
  const app = resourceAt(prod, "azurerm_linux_web_app", "api/app");
  const staging = resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging");
  const identity = (attribute: string, path = "api-identity/identity") =>
    refTo(prod, "azurerm_user_assigned_identity", path, attribute);
  const stagingIdentity = (attribute: string) => identity(attribute, "api-identity-staging/identity");
  const pullIdentity = (attribute: string) => identity(attribute, "api-pull-identity/identity");
  /** A secret's construct path: the API's own under the vault, the database's under the database. */
  const secretPath = (name: string) =>
    name.startsWith("database-url-")
      ? `database/url-secret-${name.slice(13)}/secret`
      : `vault/secret-${name}/secret`;
  const secret = (name: string) =>
    refTo(prod, "azurerm_key_vault_secret", secretPath(name), "versionless_id");

  test("resource group, plan and names derive from app and environment", () => {
    expect(resourceAt(prod, "azurerm_resource_group", "resource-group")).toMatchObject({
      name: "rg-contoso-prod",
      location: "westeurope",
    });
    expect(resourceAt(prod, "azurerm_service_plan", "plan/plan")).toMatchObject({
      name: "asp-contoso-prod",
      sku_name: "P1v3",
      os_type: "Linux",
      worker_count: 2,
    });
    expect(app.name).toBe("app-contoso-prod-api");
    expect(resourceAt(prod, "azurerm_key_vault", "vault/vault").name).toBe("kv-contoso-prod");
    expect(resourceAt(prod, "azurerm_user_assigned_identity", "api-identity/identity").name).toBe(
      "id-contoso-prod-api",
    );
    expect(resourceAt(prod, "azurerm_user_assigned_identity", "api-identity-staging/identity").name).toBe(
      "id-contoso-prod-api-staging",
    );
    expect(resourceAt(prod, "azurerm_user_assigned_identity", "api-pull-identity/identity").name).toBe(
      "id-contoso-prod-pull-api",
    );
  });

  test("every site pulls from the shared registry (found by name) with the pull identity and runs as its own", () => {
    const registry = Object.keys(prod.data.azurerm_container_registry)[0];
    expect(prod.data.azurerm_container_registry[registry]).toMatchObject({
      name: "crcontoso",
      resource_group_name: "rg-contoso-shared",
    });
    expect(app.site_config.application_stack.docker_image_name).toBe("api:v42");
    for (const [site, own] of [
      [app, identity],
      [staging, stagingIdentity],
    ] as const) {
      expect(site.site_config.application_stack.docker_registry_url).toBe(
        `https://\${data.azurerm_container_registry.${registry}.login_server}`,
      );
      expect(site.identity).toEqual({ type: "UserAssigned", identity_ids: [pullIdentity("id"), own("id")] });
      expect(site.key_vault_reference_identity_id).toBe(own("id"));
      expect(site.app_settings.AZURE_CLIENT_ID).toBe(own("client_id"));
      expect(site.site_config.container_registry_use_managed_identity).toBe(true);
      expect(site.site_config.container_registry_managed_identity_client_id).toBe(pullIdentity("client_id"));
    }
  });

  test("each identity holds only what its slot uses: pull identity AcrPull; slot identities their own secrets and component", () => {
    const grantsOf = (principal: string) =>
      Object.values(resourcesByPath(prod, "azurerm_role_assignment"))
        .filter((grant) => grant.principal_id === principal)
        .map((grant) => [grant.role_definition_name, grant.scope])
        .sort();
    const secretScope = (name: string) =>
      refTo(prod, "azurerm_key_vault_secret", secretPath(name), "resource_versionless_id");
    const component = (slot: string) =>
      refTo(prod, "azurerm_application_insights", `api-insights-${slot}/component`, "id");
    expect(grantsOf(pullIdentity("principal_id"))).toEqual([
      [
        "AcrPull",
        `\${data.azurerm_container_registry.${Object.keys(prod.data.azurerm_container_registry)[0]}.id}`,
      ],
    ]);
    expect(grantsOf(identity("principal_id"))).toEqual(
      [
        ["Monitoring Metrics Publisher", component("production")],
        ["Key Vault Secrets User", secretScope("api-key")],
        ["Key Vault Secrets User", secretScope("database-url-production")],
      ].sort(),
    );
    expect(grantsOf(stagingIdentity("principal_id"))).toEqual(
      [
        ["Monitoring Metrics Publisher", component("staging")],
        ["Key Vault Secrets User", secretScope("api-key")],
        ["Key Vault Secrets User", secretScope("database-url-staging")],
      ].sort(),
    );
  });

  test("the staging slot gets the new tag; production's image belongs to swaps", () => {
    expect(staging.site_config.application_stack.docker_image_name).toBe("api:v42");
    expect(app.lifecycle.ignore_changes).toEqual(["site_config[0].application_stack[0].docker_image_name"]);
    expect(staging.lifecycle).toBeUndefined();
  });

  test("sticky settings: APP_ENV and DATABASE_URL differ per slot", () => {
    expect(app.sticky_settings.app_setting_names).toEqual([
      "APP_ENV",
      "DATABASE_URL",
      "APPLICATIONINSIGHTS_CONNECTION_STRING",
      "AZURE_CLIENT_ID",
      "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ]);
    expect(app.app_settings.APP_ENV).toBe("prod");
    expect(staging.app_settings.APP_ENV).toBe("prod-staging");
    expect(app.app_settings.DATABASE_URL).toBe(
      `@Microsoft.KeyVault(SecretUri=${secret("database-url-production")})`,
    );
    expect(staging.app_settings.DATABASE_URL).toBe(
      `@Microsoft.KeyVault(SecretUri=${secret("database-url-staging")})`,
    );
  });

  test("shared settings and secrets travel with the code", () => {
    for (const site of [app, staging]) {
      expect(site.app_settings).toMatchObject({
        LOG_LEVEL: "info",
        API_KEY: `@Microsoft.KeyVault(SecretUri=${secret("api-key")})`,
        WEBSITES_PORT: "8000",
        WEBSITE_SWAP_WARMUP_PING_PATH: "/health",
        WEBSITE_SWAP_WARMUP_PING_STATUSES: "200",
      });
      expect(site.site_config).toMatchObject({
        health_check_path: "/health",
        health_check_eviction_time_in_min: 5,
      });
    }
  });

  test("secret values come from sensitive, ephemeral variables through value_wo", () => {
    expect(Object.keys(prod.variable).sort()).toEqual(["api_key"]);
    for (const variable of Object.values(prod.variable) as any[]) {
      expect(variable).toMatchObject({ type: "string", sensitive: true, ephemeral: true, nullable: false });
    }
    const apiKey = resourceAt(prod, "azurerm_key_vault_secret", "vault/secret-api-key/secret");
    expect(apiKey).toMatchObject({ name: "api-key", value_wo: "${var.api_key}", value_wo_version: 1 });
    expect(apiKey.value).toBeUndefined();
  });

  test("autoscale 2/2/10 (a zone-balanced plan keeps two) with the classic CPU pair on the plan", () => {
    const autoscale = resourceAt(prod, "azurerm_monitor_autoscale_setting", "autoscale/autoscale");
    const planId = refTo(prod, "azurerm_service_plan", "plan/plan", "id");
    expect(autoscale.target_resource_id).toBe(planId);
    expect(autoscale.profile[0].capacity).toEqual({ minimum: 2, default: 2, maximum: 10 });
    expect(
      autoscale.profile[0].rule.map((rule: any) => [
        rule.metric_trigger.metric_name,
        rule.metric_trigger.operator,
        rule.metric_trigger.threshold,
        rule.metric_trigger.time_window,
        rule.scale_action.direction,
        rule.scale_action.value,
      ]),
    ).toEqual([
      ["CpuPercentage", "GreaterThan", 70, "PT5M", "Increase", 2],
      ["CpuPercentage", "LessThan", 30, "PT10M", "Decrease", 1],
    ]);
  });

  test("a purge-protected vault in RBAC mode", () => {
    expect(resourceAt(prod, "azurerm_key_vault", "vault/vault")).toMatchObject({
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
    });
  });

  test("outputs: production and staging URLs", () => {
    expect(prod.output.api_url.value).toBe(
      `https://${refTo(prod, "azurerm_linux_web_app", "api/app", "default_hostname")}`,
    );
    expect(prod.output.api_staging_url.value).toBe(
      `https://${refTo(prod, "azurerm_linux_web_app_slot", "api/slot-staging", "default_hostname")}`,
    );
  });

  test("the API is tagged for the release tool", () => {
    expect(app.tags).toEqual({
      app: "contoso",
      "managed-by": "cdktf",
      environment: "prod",
      "platform-role": "api",
    });
  });
});

describe("dev of the embedded default", () => {
  const dev = synthPlatform(loadConfig({ IMAGE_TAG: "v42" })).stacks["contoso-dev"];
  const app = resourceAt(dev, "azurerm_linux_web_app", "api/app");

  test("no slots, no autoscale, so Terraform deploys the image to production directly", () => {
    expect(dev.resource.azurerm_linux_web_app_slot).toBeUndefined();
    expect(dev.resource.azurerm_monitor_autoscale_setting).toBeUndefined();
    expect(app.lifecycle).toBeUndefined();
    expect(app.site_config.application_stack.docker_image_name).toBe("api:v42");
    expect(dev.output.api_staging_url).toBeUndefined();
  });

  test("environment settings override shared ones; a cheap, purgeable vault", () => {
    expect(app.app_settings.LOG_LEVEL).toBe("debug");
    expect(app.app_settings.APP_ENV).toBe("dev");
    expect(resourceAt(dev, "azurerm_service_plan", "plan/plan")).toMatchObject({
      sku_name: "B1",
      worker_count: 1,
    });
    expect(resourceAt(dev, "azurerm_key_vault", "vault/vault")).toMatchObject({
      purge_protection_enabled: false,
      soft_delete_retention_days: 7,
    });
    expect(Object.keys(dev.variable).sort()).toEqual(["api_key"]);
  });
});

describe("overrides", () => {
  test("NAME_SUFFIX goes on globally unique names only", () => {
    const prod = synthPlatform(loadConfig({ NAME_SUFFIX: "x7k2", ENVIRONMENTS: "prod", IMAGE_TAG: "v1" }))
      .stacks["contoso-prod"];
    expect(resourceAt(prod, "azurerm_linux_web_app", "api/app").name).toBe("app-contoso-prod-api-x7k2");
    expect(resourceAt(prod, "azurerm_key_vault", "vault/vault").name).toBe("kv-contoso-prod-x7k2");
    expect(resourceAt(prod, "azurerm_resource_group", "resource-group").name).toBe("rg-contoso-prod");
  });

  test("access-policy vault, per-slot values, sticky settings, a custom rule and port", () => {
    const config = baseConfig();
    config.api = {
      port: 3000,
      healthCheckPath: "/healthz",
      stickySettings: ["FEATURE_FLAGS"],
      secrets: [{ setting: "TOKEN", name: "token", version: 3 }],
    };
    Object.assign(config.environments.prod, {
      vault: { authorization: "accessPolicy" },
      slotSettings: { production: { FEATURE_FLAGS: "stable" }, staging: { FEATURE_FLAGS: "beta" } },
      autoscale: {
        minimum: 2,
        maximum: 6,
        rules: [
          {
            metric: "MemoryPercentage",
            scaleOutAbove: 85,
            scaleInBelow: 40,
            scaleOutBy: 1,
            cooldown: "PT10M",
          },
        ],
      },
    });
    const prod = synthPlatform(loadFrom(config, { IMAGE_TAG: "v1" })).stacks["shop-prod"];
    const app = resourceAt(prod, "azurerm_linux_web_app", "api/app");

    // Without a database in the config, each slot's DATABASE_URL comes from its own variable.
    expect(Object.keys(prod.variable).sort()).toEqual([
      "database_url_production",
      "database_url_staging",
      "token",
    ]);
    expect(
      resourceAt(prod, "azurerm_key_vault_secret", "vault/secret-database-url-staging/secret").value_wo,
    ).toBe("${var.database_url_staging}");
    const staging = resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging");

    expect(app.sticky_settings.app_setting_names).toContain("FEATURE_FLAGS");
    expect([app.app_settings.FEATURE_FLAGS, staging.app_settings.FEATURE_FLAGS]).toEqual(["stable", "beta"]);
    expect(app.app_settings.WEBSITES_PORT).toBe("3000");
    expect(staging.site_config.health_check_path).toBe("/healthz");
    expect(resourceAt(prod, "azurerm_key_vault_secret", "vault/secret-token/secret").value_wo_version).toBe(
      3,
    );

    expect(resourceAt(prod, "azurerm_key_vault", "vault/vault").rbac_authorization_enabled).toBe(false);
    const policies = Object.values(prod.resource.azurerm_key_vault_access_policy) as any[];
    const vaultId = refTo(prod, "azurerm_key_vault", "vault/vault", "id");
    expect(
      Object.fromEntries(
        policies.map((policy) => [policy.object_id, [policy.key_vault_id, policy.secret_permissions]]),
      ),
    ).toEqual({
      "${data.azurerm_client_config.vault_deployer_current_94CFCA0F.object_id}": [
        vaultId,
        ["Get", "List", "Set", "Delete", "Recover", "Purge"],
      ],
      // Access policies cannot be scoped to a secret: each slot's identity reads the whole vault.
      [refTo(prod, "azurerm_user_assigned_identity", "api-identity/identity", "principal_id")]: [
        vaultId,
        ["Get"],
      ],
      [refTo(prod, "azurerm_user_assigned_identity", "api-identity-staging/identity", "principal_id")]: [
        vaultId,
        ["Get"],
      ],
    });
    const roles = (Object.values(prod.resource.azurerm_role_assignment) as any[]).map(
      (grant) => grant.role_definition_name,
    );
    expect(roles.sort()).toEqual(["AcrPull", "Monitoring Metrics Publisher", "Monitoring Metrics Publisher"]);

    const autoscale = resourceAt(prod, "azurerm_monitor_autoscale_setting", "autoscale/autoscale");
    expect(autoscale.profile[0].capacity).toEqual({ minimum: 2, default: 2, maximum: 6 });
    expect(
      autoscale.profile[0].rule.map((rule: any) => [
        rule.metric_trigger.metric_name,
        rule.scale_action.cooldown,
      ]),
    ).toEqual([
      ["MemoryPercentage", "PT10M"],
      ["MemoryPercentage", "PT10M"],
    ]);
  });
});
