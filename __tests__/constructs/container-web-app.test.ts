import { AppIdentity } from "../../constructs/app-identity";
import { AppServicePlan } from "../../constructs/app-service-plan";
import { ContainerRegistry } from "../../constructs/container-registry";
import {
  ContainerWebApp,
  type ContainerWebAppProps,
  DEFAULT_STICKY_SETTINGS,
  RESERVED_SETTINGS,
} from "../../constructs/container-web-app";
import type { PlanSku } from "../../constructs/plan-tiers";
import { secretVariable } from "../../constructs/secret-variable";
import { SecretVault } from "../../constructs/secret-vault";
import {
  type Json,
  RG_LOCATION,
  RG_NAME,
  refOf,
  resolved,
  resourceOf,
  resourcesOf,
  resourcesWhere,
  synth,
  synthError,
  testStack,
  validationErrors,
} from "./helpers";

const APP = "azurerm_linux_web_app";
const SLOT = "azurerm_linux_web_app_slot";
const RA = "azurerm_role_assignment";

interface Options extends Partial<Omit<ContainerWebAppProps, "plan">> {
  readonly sku?: PlanSku;
}

/**
 * A web app on a P1v3 plan (or `sku`) with its registry and identity, and a vault created before
 * it, so that options built from the vault (`(vault, t) => ({ appSettings: ... })`) can reference
 * its secrets.
 */
function webApp(options: Options | ((vault: SecretVault, t: ReturnType<typeof testStack>) => Options) = {}) {
  const t = testStack();
  const vault = new SecretVault(t.stack, "kv", { name: "kv-contoso", resourceGroup: t.rg });
  const { sku, ...props } = typeof options === "function" ? options(vault, t) : options;
  const plan = new AppServicePlan(t.stack, "plan", {
    name: "asp-x",
    resourceGroup: t.rg,
    sku: sku ?? "P1v3",
  });
  const registry = new ContainerRegistry(t.stack, "acr", { name: "crcontoso", resourceGroup: t.rg });
  const identity = new AppIdentity(t.stack, "identity", { name: "id-api", resourceGroup: t.rg });
  const app = new ContainerWebApp(t.stack, "api", {
    name: "app-contoso-api",
    resourceGroup: t.rg,
    plan,
    registry,
    identity,
    repository: "api",
    imageTag: "1.0.0",
    ...props,
  });
  return { ...t, plan, registry, identity, vault, app };
}

const STAGING = { name: "staging", imageTag: "1.1.0" };

/** The production app and every slot: what both must carry. */
function appAndSlots(json: Json): Array<[string, Json]> {
  return [["app", resourceOf(json, APP)], ...Object.entries(resourcesOf(json, SLOT))];
}

describe("ContainerWebApp", () => {
  describe("secure defaults on the app and every slot", () => {
    let json: Json;
    beforeAll(() => {
      json = synth(webApp({ slots: [STAGING, { name: "canary" }] }).stack);
    });

    test("there is one app and two slots", () => {
      expect(Object.keys(resourcesOf(json, SLOT))).toHaveLength(2);
      expect(appAndSlots(json)).toHaveLength(3);
    });

    test.each(["app", "slot"])("%s: HTTPS only, no client affinity, no basic publishing auth", (kind) => {
      for (const [, resource] of appAndSlots(json).filter(([id]) => (kind === "app") === (id === "app"))) {
        expect(resource).toMatchObject({
          https_only: true,
          client_affinity_enabled: false,
          ftp_publish_basic_authentication_enabled: false,
          webdeploy_publish_basic_authentication_enabled: false,
        });
      }
    });

    test("site_config: TLS 1.2 (scm too), FTPS disabled, HTTP/2, no remote debugging, always on", () => {
      for (const [, resource] of appAndSlots(json)) {
        expect(resource.site_config).toMatchObject({
          minimum_tls_version: "1.2",
          scm_minimum_tls_version: "1.2",
          ftps_state: "Disabled",
          http2_enabled: true,
          remote_debugging_enabled: false,
          always_on: true,
        });
      }
    });

    test("health check /health with 5 minutes eviction", () => {
      for (const [, resource] of appAndSlots(json)) {
        expect(resource.site_config.health_check_path).toBe("/health");
        expect(resource.site_config.health_check_eviction_time_in_min).toBe(5);
      }
    });

    test("the image is pulled by the user-assigned identity, not with registry credentials", () => {
      const uai = "azurerm_user_assigned_identity";
      for (const [, resource] of appAndSlots(json)) {
        expect(resource.site_config.container_registry_use_managed_identity).toBe(true);
        expect(resource.site_config.container_registry_managed_identity_client_id).toBe(
          refOf(json, uai, "client_id"),
        );
        expect(resource.key_vault_reference_identity_id).toBe(refOf(json, uai, "id"));
        expect(resource.identity).toEqual({ type: "UserAssigned", identity_ids: [refOf(json, uai, "id")] });
        expect(resource.site_config.application_stack.docker_registry_url).toBe(
          `https://${refOf(json, "azurerm_container_registry", "login_server")}`,
        );
        expect(Object.keys(resource.app_settings).filter((name) => name.startsWith("DOCKER_"))).toEqual([]);
      }
    });

    test("default settings: port 8000, no app service storage, swap warm-up on the health path", () => {
      for (const [, resource] of appAndSlots(json)) {
        expect(resource.app_settings).toEqual({
          WEBSITES_PORT: "8000",
          WEBSITES_ENABLE_APP_SERVICE_STORAGE: "false",
          WEBSITE_SWAP_WARMUP_PING_PATH: "/health",
          WEBSITE_SWAP_WARMUP_PING_STATUSES: "200",
        });
      }
    });

    test("sticky_settings only on the parent app, with the default names", () => {
      expect(resourceOf(json, APP).sticky_settings).toEqual({
        app_setting_names: [...DEFAULT_STICKY_SETTINGS],
      });
      expect(DEFAULT_STICKY_SETTINGS).toEqual([
        "APP_ENV",
        "DATABASE_URL",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
      ]);
      for (const slot of Object.values(resourcesOf(json, SLOT)))
        expect(slot).not.toHaveProperty("sticky_settings");
    });
  });

  test("app wiring: name, resource group, location, plan; slots hang off the app by id", () => {
    const { stack, app } = webApp({ slots: [STAGING] });
    const json = synth(stack);
    const resource = resourceOf(json, APP);
    expect(resource).toMatchObject({
      name: "app-contoso-api",
      resource_group_name: RG_NAME,
      location: RG_LOCATION,
      service_plan_id: refOf(json, "azurerm_service_plan", "id"),
    });
    expect(resourceOf(json, SLOT)).toMatchObject({ name: "staging", app_service_id: refOf(json, APP, "id") });
    expect(resolved(stack, app.id)).toBe(refOf(json, APP, "id"));
    expect(resolved(stack, app.name)).toBe(refOf(json, APP, "name"));
    expect(resolved(stack, app.defaultHostname)).toBe(refOf(json, APP, "default_hostname"));
    expect(resolved(stack, app.slotHostname("staging"))).toBe(refOf(json, SLOT, "default_hostname"));
    expect(() => app.slotHostname("canary")).toThrow('ContainerWebApp test/api: no slot named "canary"');
    expect([...app.slots.keys()]).toEqual(["staging"]);
  });

  test("docker_image_name is repository:tag without the registry host; each slot runs its own tag", () => {
    const { stack } = webApp({ slots: [STAGING, { name: "canary" }] });
    const json = synth(stack);
    expect(resourceOf(json, APP).site_config.application_stack.docker_image_name).toBe("api:1.0.0");
    const slotImages = Object.fromEntries(
      Object.values(resourcesOf(json, SLOT)).map((s) => [
        s.name,
        s.site_config.application_stack.docker_image_name,
      ]),
    );
    expect(slotImages).toEqual({ staging: "api:1.1.0", canary: "api:1.0.0" });
  });

  test("with slots, only the production image is under ignore_changes (the release tool swaps it)", () => {
    const json = synth(webApp({ slots: [STAGING] }).stack);
    expect(resourceOf(json, APP).lifecycle).toEqual({
      ignore_changes: ["site_config[0].application_stack[0].docker_image_name"],
    });
    expect(resourceOf(json, SLOT).lifecycle).toBeUndefined();
  });

  test("without slots, Terraform deploys the production image: no ignore_changes", () => {
    const json = synth(webApp().stack);
    expect(resourceOf(json, APP).lifecycle).toBeUndefined();
    expect(resourcesOf(json, SLOT)).toEqual({});
  });

  test("overrides: location, port, health path, eviction, TLS 1.3, always on off, tags", () => {
    const { stack } = webApp({
      location: "northeurope",
      port: 3000,
      healthCheckPath: "/healthz",
      healthCheckEvictionTimeInMin: 2,
      minimumTlsVersion: "1.3",
      alwaysOn: false,
      tags: { app: "contoso" },
      slots: [STAGING],
    });
    const json = synth(stack);
    expect(resourceOf(json, APP).location).toBe("northeurope");
    for (const [, resource] of appAndSlots(json)) {
      expect(resource.tags).toEqual({ app: "contoso" });
      expect(resource.site_config).toMatchObject({
        health_check_path: "/healthz",
        health_check_eviction_time_in_min: 2,
        minimum_tls_version: "1.3",
        scm_minimum_tls_version: "1.3",
        always_on: false,
      });
      expect(resource.app_settings).toMatchObject({
        WEBSITES_PORT: "3000",
        WEBSITE_SWAP_WARMUP_PING_PATH: "/healthz",
        WEBSITE_SWAP_WARMUP_PING_STATUSES: "200",
      });
    }
  });

  test("always on is off by default on the Free tier, and can be forced on elsewhere", () => {
    expect(resourceOf(synth(webApp({ sku: "F1" }).stack), APP).site_config.always_on).toBe(false);
    expect(resourceOf(synth(webApp({ sku: "B1" }).stack), APP).site_config.always_on).toBe(true);
    expect(resourceOf(synth(webApp({ sku: "B1", alwaysOn: true }).stack), APP).site_config.always_on).toBe(
      true,
    );
  });

  test("refuses alwaysOn = true on the Free tier", () => {
    expect(synthError(webApp({ sku: "F1", alwaysOn: true }).stack)).toContain("alwaysOn = true");
  });

  describe("settings", () => {
    test("shared settings go to the app and every slot; per-slot values differ between production and staging", () => {
      const { stack, app } = webApp({
        appSettings: { LOG_LEVEL: "info" },
        productionStickyValues: { APP_ENV: "production", FEATURE_X: "off" },
        stickySettings: ["FEATURE_X"],
        slots: [{ ...STAGING, stickyValues: { APP_ENV: "staging", FEATURE_X: "on", SLOT_ONLY: "1" } }],
      });
      const json = synth(stack);
      const production = resourceOf(json, APP).app_settings;
      const staging = resourceOf(json, SLOT).app_settings;
      expect(production).toMatchObject({ LOG_LEVEL: "info", APP_ENV: "production", FEATURE_X: "off" });
      expect(staging).toMatchObject({
        LOG_LEVEL: "info",
        APP_ENV: "staging",
        FEATURE_X: "on",
        SLOT_ONLY: "1",
      });
      expect(production).not.toHaveProperty("SLOT_ONLY");
      expect(resourceOf(json, APP).sticky_settings.app_setting_names).toEqual([
        "APP_ENV",
        "DATABASE_URL",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "FEATURE_X",
        "SLOT_ONLY",
      ]);
      expect(app.stickySettings).toEqual(resourceOf(json, APP).sticky_settings.app_setting_names);
    });

    test("secret settings become Key Vault references and grant the identity read on that secret's vault", () => {
      const { stack } = webApp((vault, t) => {
        const db = vault.addSecret("db", {
          name: "database-url",
          value: secretVariable(t.stack, "database_url", "db").stringValue,
        });
        const stagingDb = vault.addSecret("db-staging", {
          name: "database-url-staging",
          value: secretVariable(t.stack, "database_url_staging", "db").stringValue,
        });
        const key = vault.addSecret("key", {
          name: "api-key",
          value: secretVariable(t.stack, "api_key", "key").stringValue,
        });
        return {
          appSettings: { API_KEY: key },
          productionStickyValues: { DATABASE_URL: db },
          slots: [{ ...STAGING, stickyValues: { DATABASE_URL: stagingDb } }],
        };
      });
      const json = synth(stack);
      const secretRef = (name: string) => {
        const [id] =
          Object.entries(resourcesOf(json, "azurerm_key_vault_secret")).find(([, s]) => s.name === name) ??
          [];
        return `@Microsoft.KeyVault(SecretUri=\${azurerm_key_vault_secret.${id}.versionless_id})`;
      };
      expect(resourceOf(json, APP).app_settings).toMatchObject({
        API_KEY: secretRef("api-key"),
        DATABASE_URL: secretRef("database-url"),
      });
      expect(resourceOf(json, SLOT).app_settings).toMatchObject({
        API_KEY: secretRef("api-key"),
        DATABASE_URL: secretRef("database-url-staging"),
      });
      expect(JSON.stringify(json)).not.toContain('"value":');
      const readers = resourcesWhere(json, RA, (ra) => ra.role_definition_name === "Key Vault Secrets User");
      expect(readers).toEqual([
        expect.objectContaining({
          scope: refOf(json, "azurerm_key_vault", "id"),
          principal_id: refOf(json, "azurerm_user_assigned_identity", "principal_id"),
          principal_type: "ServicePrincipal",
        }),
      ]);
    });

    test("secrets in two vaults grant read on both vaults", () => {
      const { stack } = webApp((vault, t) => {
        const other = new SecretVault(t.stack, "kv2", { name: "kv-other", resourceGroup: t.rg });
        return {
          appSettings: {
            A: vault.addSecret("a", { name: "a", value: secretVariable(t.stack, "a", "a").stringValue }),
            B: other.addSecret("b", { name: "b", value: secretVariable(t.stack, "b", "b").stringValue }),
          },
        };
      });
      const json = synth(stack);
      const vaultIds = Object.keys(resourcesOf(json, "azurerm_key_vault")).map(
        (id) => `\${azurerm_key_vault.${id}.id}`,
      );
      const readScopes = resourcesWhere(
        json,
        RA,
        (ra) => ra.role_definition_name === "Key Vault Secrets User",
      ).map((ra) => ra.scope);
      expect(readScopes.sort()).toEqual(vaultIds.sort());
    });

    test("app and slots depend on a time_sleep that waits for AcrPull and every Key Vault grant", () => {
      const { stack } = webApp((vault, t) => ({
        appSettings: {
          K: vault.addSecret("k", { name: "k", value: secretVariable(t.stack, "k", "k").stringValue }),
        },
        slots: [STAGING],
        rbacPropagationWait: "2m",
      }));
      const json = synth(stack);
      const [waitId, wait] =
        Object.entries(resourcesOf(json, "time_sleep")).find(([id]) => id.includes("grants-propagation")) ??
        [];
      expect(wait.create_duration).toBe("2m");
      const grantIds = Object.entries(resourcesOf(json, RA))
        .filter(
          ([, ra]) =>
            ra.role_definition_name === "AcrPull" || ra.role_definition_name === "Key Vault Secrets User",
        )
        .map(([id]) => `azurerm_role_assignment.${id}`);
      expect(grantIds).toHaveLength(2);
      expect([...wait.depends_on].sort()).toEqual(grantIds.sort());
      expect(Object.values(wait.triggers).sort()).toEqual(grantIds.map((id) => `\${${id}.id}`).sort());
      for (const [, resource] of appAndSlots(json))
        expect(resource.depends_on).toEqual([`time_sleep.${waitId}`]);
    });

    test("with an access-policy vault, the identity gets a Get/List policy and the wait covers it", () => {
      const t = testStack();
      const vault = new SecretVault(t.stack, "kv", {
        name: "kv-contoso",
        resourceGroup: t.rg,
        authorization: "accessPolicy",
      });
      const secret = vault.addSecret("k", {
        name: "k",
        value: secretVariable(t.stack, "k", "k").stringValue,
      });
      new ContainerWebApp(t.stack, "api", {
        name: "app-contoso-api",
        resourceGroup: t.rg,
        plan: new AppServicePlan(t.stack, "plan", { name: "asp-x", resourceGroup: t.rg }),
        registry: new ContainerRegistry(t.stack, "acr", { name: "crcontoso", resourceGroup: t.rg }),
        identity: new AppIdentity(t.stack, "identity", { name: "id-api", resourceGroup: t.rg }),
        repository: "api",
        imageTag: "1.0.0",
        appSettings: { K: secret },
      });
      const json = synth(t.stack);
      const principal = refOf(json, "azurerm_user_assigned_identity", "principal_id");
      const [policyId, policy] =
        Object.entries(resourcesOf(json, "azurerm_key_vault_access_policy")).find(
          ([, p]) => p.object_id === principal,
        ) ?? [];
      expect(policy.secret_permissions).toEqual(["Get", "List"]);
      expect(resourcesWhere(json, RA, (ra) => ra.role_definition_name === "Key Vault Secrets User")).toEqual(
        [],
      );
      const wait = Object.entries(resourcesOf(json, "time_sleep")).find(([id]) =>
        id.includes("grants-propagation"),
      );
      expect(wait?.[1].depends_on).toContain(`azurerm_key_vault_access_policy.${policyId}`);
    });

    test("AcrPull on the registry is granted to the identity and waited for with the default 60s", () => {
      const json = synth(webApp().stack);
      const pull = resourcesWhere(json, RA, (ra) => ra.role_definition_name === "AcrPull");
      expect(pull).toEqual([
        expect.objectContaining({
          scope: refOf(json, "azurerm_container_registry", "id"),
          principal_id: refOf(json, "azurerm_user_assigned_identity", "principal_id"),
          principal_type: "ServicePrincipal",
        }),
      ]);
      const wait = Object.entries(resourcesOf(json, "time_sleep")).find(([id]) =>
        id.includes("grants-propagation"),
      );
      expect(wait?.[1].create_duration).toBe("60s");
    });
  });

  describe("validation", () => {
    test("a valid app with slots and settings passes", () => {
      const { stack } = webApp({
        appSettings: { LOG_LEVEL: "info" },
        stickySettings: ["FEATURE_X"],
        productionStickyValues: { FEATURE_X: "off" },
        slots: [{ ...STAGING, stickyValues: { FEATURE_X: "on" } }],
      });
      expect(validationErrors(stack)).toEqual([]);
    });

    test.each([0, 65536, 80.5])("refuses port = %d", (port) => {
      expect(synthError(webApp({ port }).stack)).toContain(
        `ContainerWebApp test/api: port = ${port} must be a whole number from 1 to 65535`,
      );
    });

    test("refuses a health check path without a leading slash", () => {
      expect(synthError(webApp({ healthCheckPath: "health" }).stack)).toContain(
        'ContainerWebApp test/api: healthCheckPath = "health" must start with "/"',
      );
    });

    test.each([1, 11, 2.5])("refuses healthCheckEvictionTimeInMin = %d", (eviction) => {
      expect(synthError(webApp({ healthCheckEvictionTimeInMin: eviction }).stack)).toContain(
        `ContainerWebApp test/api: healthCheckEvictionTimeInMin = ${eviction} must be a whole number from 2 to 10`,
      );
    });

    test.each([2, 10])("accepts healthCheckEvictionTimeInMin = %d", (eviction) => {
      expect(validationErrors(webApp({ healthCheckEvictionTimeInMin: eviction }).stack)).toEqual([]);
    });

    test.each(["F1", "B1", "B3"] as const)("refuses slots on %s", (sku) => {
      const error = synthError(webApp({ sku, slots: [STAGING] }).stack);
      expect(error).toContain(
        `ContainerWebApp test/api: slots has 1 slot(s) but plan sku "${sku}" (${sku === "F1" ? "Free" : "Basic"}) allows 0; deployment slots need Standard (S1) or better`,
      );
    });

    test("refuses more slots than the tier allows (Standard: 5)", () => {
      const slots = ["s1", "s2", "s3", "s4", "s5", "s6"].map((name) => ({ name }));
      expect(validationErrors(webApp({ sku: "S1", slots: slots.slice(0, 5) }).stack)).toEqual([]);
      expect(synthError(webApp({ sku: "S1", slots }).stack)).toContain(
        'slots has 6 slot(s) but plan sku "S1" (Standard) allows 5',
      );
    });

    test('refuses a slot named "production"', () => {
      expect(synthError(webApp({ slots: [{ name: "production" }] }).stack)).toContain(
        'ContainerWebApp test/api: slots: "production" is the app itself, not a slot',
      );
    });

    test("refuses a slot listed twice", () => {
      expect(synthError(webApp({ slots: [STAGING, { name: "staging" }] }).stack)).toContain(
        'ContainerWebApp test/api: slots: "staging" is listed twice',
      );
    });

    test.each(["Staging_1", "-staging", "s"])("refuses slot name %j", (name) => {
      expect(synthError(webApp({ slots: [{ name }] }).stack)).toContain(
        `ContainerWebApp test/api: slots: webAppSlot name "${name}"`,
      );
    });

    test.each(Object.entries(RESERVED_SETTINGS))("refuses the reserved setting %s (use %s)", (name, prop) => {
      const error = synthError(webApp({ appSettings: { [name]: "x" } }).stack);
      expect(error).toContain(
        `ContainerWebApp test/api: appSettings.${name} is set by the construct; use ${prop}`,
      );
    });

    test("refuses reserved names in per-slot values too", () => {
      const { stack } = webApp({
        productionStickyValues: { WEBSITES_PORT: "80" },
        slots: [{ ...STAGING, stickyValues: { WEBSITES_PORT: "81" } }],
      });
      const errors = validationErrors(stack);
      expect(errors).toContain(
        "ContainerWebApp test/api: productionStickyValues.WEBSITES_PORT is set by the construct; use port",
      );
      expect(errors).toContain(
        "ContainerWebApp test/api: slots[0].stickyValues.WEBSITES_PORT is set by the construct; use port",
      );
    });

    test.each([
      "DOCKER_REGISTRY_SERVER_URL",
      "DOCKER_REGISTRY_SERVER_USERNAME",
      "DOCKER_REGISTRY_SERVER_PASSWORD",
    ])("refuses %s in app settings and per-slot values", (name) => {
      const { stack } = webApp({
        appSettings: { [name]: "x" },
        slots: [{ ...STAGING, stickyValues: { [name]: "y" } }],
      });
      const errors = validationErrors(stack);
      const message = "registry credentials never go into app settings; the identity pulls the image";
      expect(errors).toContain(`ContainerWebApp test/api: appSettings.${name}: ${message}`);
      expect(errors).toContain(`ContainerWebApp test/api: slots[0].stickyValues.${name}: ${message}`);
    });

    test.each(["1ST", "MY-SETTING", "A.B"])("refuses the setting name %j", (name) => {
      expect(synthError(webApp({ appSettings: { [name]: "x" } }).stack)).toContain(
        `ContainerWebApp test/api: appSettings.${name}: setting names are letters, digits and '_', not starting with a digit`,
      );
    });

    test("refuses a configured sticky name not set on some slot, naming where", () => {
      const { stack } = webApp({
        stickySettings: ["FEATURE_X"],
        productionStickyValues: { FEATURE_X: "off" },
        slots: [{ ...STAGING, stickyValues: { FEATURE_X: "on" } }, { name: "canary" }],
      });
      expect(synthError(stack)).toContain(
        'ContainerWebApp test/api: stickySettings includes "FEATURE_X" but the app does not set it on canary',
      );
    });

    test("refuses a configured sticky name set nowhere, listing production and every slot", () => {
      const { stack } = webApp({ stickySettings: ["FEATURE_X"], slots: [STAGING] });
      expect(synthError(stack)).toContain(
        'stickySettings includes "FEATURE_X" but the app does not set it on production, staging',
      );
    });

    test("a configured sticky name set as a shared app setting is set everywhere", () => {
      const { stack } = webApp({
        stickySettings: ["FEATURE_X"],
        appSettings: { FEATURE_X: "on" },
        slots: [STAGING],
      });
      expect(validationErrors(stack)).toEqual([]);
    });

    test("refuses a setting that is both shared and per slot", () => {
      const { stack } = webApp({
        appSettings: { APP_ENV: "x" },
        productionStickyValues: { APP_ENV: "production" },
        slots: [{ ...STAGING, stickyValues: { APP_ENV: "staging" } }],
      });
      const errors = validationErrors(stack);
      expect(errors).toContain(
        "ContainerWebApp test/api: productionStickyValues.APP_ENV is also in appSettings; a setting is either shared or per slot",
      );
      expect(errors).toContain(
        "ContainerWebApp test/api: slots[0].stickyValues.APP_ENV is also in appSettings; a setting is either shared or per slot",
      );
    });

    test("accepts setting names that are Object.prototype members", () => {
      const { stack } = webApp({
        appSettings: { toString: "x" },
        productionStickyValues: { constructor: "y" },
      });
      expect(validationErrors(stack)).toEqual([]);
    });
  });
});

describe("CORS", () => {
  test("off by default; allowed origins on the app and every slot when given", () => {
    const plain = synth(webApp().stack);
    expect(resourceOf(plain, "azurerm_linux_web_app").site_config.cors).toBeUndefined();
    const json = synth(
      webApp({ corsAllowedOrigins: ["https://web.example"], slots: [{ name: "staging" }] }).stack,
    );
    expect(resourceOf(json, "azurerm_linux_web_app").site_config.cors).toEqual({
      allowed_origins: ["https://web.example"],
    });
    expect(resourceOf(json, "azurerm_linux_web_app_slot").site_config.cors).toEqual({
      allowed_origins: ["https://web.example"],
    });
  });
});
