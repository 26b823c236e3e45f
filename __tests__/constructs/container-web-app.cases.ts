import { AppIdentity } from "../../constructs/app-identity";
import { AppServicePlan } from "../../constructs/app-service-plan";
import { ContainerRegistry } from "../../constructs/container-registry";
import {
  ContainerWebApp,
  type ContainerWebAppProps,
  DEFAULT_STICKY_SETTINGS,
  RESERVED_SETTINGS,
  RUNTIME_IDENTITY_SETTING,
  type WebAppSlotOptions,
} from "../../constructs/container-web-app";
import type { PlanSku } from "../../constructs/plan-tiers";
import { AzSubnet, TimeSleep } from "../../constructs/providers";
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

type SlotOptions = Omit<WebAppSlotOptions, "identity"> & { readonly identity?: AppIdentity };

interface Options extends Partial<Omit<ContainerWebAppProps, "plan" | "slots">> {
  readonly sku?: PlanSku;
  /** Slots; a slot without an identity gets its own (`identity-<slot>`). */
  readonly slots?: SlotOptions[];
}

/**
 * A web app on a P1v3 plan (or `sku`) with its registry, a pull identity, a runtime identity for
 * production and one per slot, and a vault created before it, so that options built from the
 * vault (`(vault, t) => ({ appSettings: ... })`) can reference its secrets.
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
  const pullIdentity = new AppIdentity(t.stack, "pull", { name: "id-pull-api", resourceGroup: t.rg });
  const slotIdentities = new Map<string, AppIdentity>();
  const slotIdentity = (name: string) => {
    const existing = slotIdentities.get(name) ?? t.stack.node.tryFindChild(`identity-${name}`);
    if (existing) return existing as AppIdentity;
    const created = new AppIdentity(t.stack, `identity-${name}`, {
      name: `id-api-${name}`,
      resourceGroup: t.rg,
    });
    slotIdentities.set(name, created);
    return created;
  };
  const app = new ContainerWebApp(t.stack, "api", {
    name: "app-contoso-api",
    resourceGroup: t.rg,
    plan,
    registry,
    pullIdentity,
    identity,
    repository: "api",
    imageTag: "1.0.0",
    ...props,
    slots: props.slots?.map((slot) => ({ ...slot, identity: slot.identity ?? slotIdentity(slot.name) })),
  });
  return { ...t, plan, registry, identity, pullIdentity, slotIdentity, vault, app };
}

const STAGING = { name: "staging", imageTag: "1.1.0" };

/** The production app and every slot: what both must carry. */
function appAndSlots(json: Json): Array<[string, Json]> {
  return [["app", resourceOf(json, APP)], ...Object.entries(resourcesOf(json, SLOT))];
}

describe("ContainerWebApp", () => {
  describe("secure defaults on the app and every slot", () => {
    let json: Json;
    let built: ReturnType<typeof webApp>;
    beforeAll(() => {
      built = webApp({ slots: [STAGING, { name: "canary" }] });
      json = synth(built.stack);
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

    test("every site pulls with the shared pull identity and runs as its own identity, without registry credentials", () => {
      const uai = (path: string, attribute: string) =>
        resolved(built.stack, (built.stack.node.findChild(path) as AppIdentity)[attribute as "id"]);
      const runtimeOf: Record<string, string> = {
        app: "identity",
        staging: "identity-staging",
        canary: "identity-canary",
      };
      for (const [name, resource] of appAndSlots(json)) {
        const own = runtimeOf[name === "app" ? "app" : resource.name];
        expect(resource.site_config.container_registry_use_managed_identity).toBe(true);
        expect(resource.site_config.container_registry_managed_identity_client_id).toBe(
          uai("pull", "clientId"),
        );
        expect(resource.key_vault_reference_identity_id).toBe(uai(own, "id"));
        expect(resource.identity).toEqual({
          type: "UserAssigned",
          identity_ids: [uai("pull", "id"), uai(own, "id")],
        });
        expect(resource.app_settings[RUNTIME_IDENTITY_SETTING]).toBe(uai(own, "clientId"));
        expect(resource.site_config.application_stack.docker_registry_url).toBe(
          `https://${refOf(json, "azurerm_container_registry", "login_server")}`,
        );
        expect(Object.keys(resource.app_settings).filter((name) => name.startsWith("DOCKER_"))).toEqual([]);
      }
    });

    test("default settings: port 8000, no app service storage, swap warm-up on the health path", () => {
      for (const [, resource] of appAndSlots(json)) {
        expect(resource.app_settings).toEqual({
          [RUNTIME_IDENTITY_SETTING]: expect.stringContaining("client_id"),
          WEBSITES_PORT: "8000",
          WEBSITES_ENABLE_APP_SERVICE_STORAGE: "false",
          WEBSITE_SWAP_WARMUP_PING_PATH: "/health",
          WEBSITE_SWAP_WARMUP_PING_STATUSES: "200",
        });
      }
    });

    test("sticky_settings only on the parent app, with the default names and the runtime identity's", () => {
      expect(resourceOf(json, APP).sticky_settings).toEqual({
        app_setting_names: [...DEFAULT_STICKY_SETTINGS, RUNTIME_IDENTITY_SETTING],
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
        "AZURE_CLIENT_ID",
        "FEATURE_X",
        "SLOT_ONLY",
      ]);
      expect(app.stickySettings).toEqual(resourceOf(json, APP).sticky_settings.app_setting_names);
    });

    test("secrets become Key Vault references; each identity may read exactly the secrets its slot uses", () => {
      const built = webApp((vault, t) => {
        const secret = (id: string, name: string) =>
          vault.addSecret(id, {
            name,
            value: secretVariable(t.stack, id.replace(/-/g, "_"), id).stringValue,
          });
        return {
          appSettings: { API_KEY: secret("key", "api-key") },
          productionStickyValues: { DATABASE_URL: secret("db", "database-url") },
          slots: [
            { ...STAGING, stickyValues: { DATABASE_URL: secret("db-staging", "database-url-staging") } },
          ],
        };
      });
      const json = synth(built.stack);
      const secretId = (name: string) =>
        Object.entries(resourcesOf(json, "azurerm_key_vault_secret")).find(([, s]) => s.name === name)?.[0];
      const secretRef = (name: string) =>
        `@Microsoft.KeyVault(SecretUri=\${azurerm_key_vault_secret.${secretId(name)}.versionless_id})`;
      expect(resourceOf(json, APP).app_settings).toMatchObject({
        API_KEY: secretRef("api-key"),
        DATABASE_URL: secretRef("database-url"),
      });
      expect(resourceOf(json, SLOT).app_settings).toMatchObject({
        API_KEY: secretRef("api-key"),
        DATABASE_URL: secretRef("database-url-staging"),
      });
      expect(JSON.stringify(json)).not.toContain('"value":');
      const readable = (identity: AppIdentity) =>
        resourcesWhere(
          json,
          RA,
          (ra) =>
            ra.role_definition_name === "Key Vault Secrets User" &&
            ra.principal_id === resolved(built.stack, identity.principalId),
        )
          .map((ra) => ra.scope)
          .sort();
      const scopeOf = (name: string) =>
        `\${azurerm_key_vault_secret.${secretId(name)}.resource_versionless_id}`;
      expect(readable(built.identity)).toEqual([scopeOf("api-key"), scopeOf("database-url")].sort());
      expect(readable(built.slotIdentity("staging"))).toEqual(
        [scopeOf("api-key"), scopeOf("database-url-staging")].sort(),
      );
      expect(readable(built.pullIdentity)).toEqual([]);
      // Nobody reads the whole vault.
      expect(resourcesWhere(json, RA, (ra) => ra.scope === refOf(json, "azurerm_key_vault", "id"))).toEqual([
        expect.objectContaining({ role_definition_name: "Key Vault Secrets Officer" }),
      ]);
    });

    test("each site depends on the waits for its own identity's grants and the pull identity's", () => {
      const built = webApp((vault, t) => ({
        appSettings: {
          K: vault.addSecret("k", { name: "k", value: secretVariable(t.stack, "k", "k").stringValue }),
        },
        slots: [STAGING],
      }));
      const json = synth(built.stack);
      const waitOf = (identity: AppIdentity) => {
        const id = Object.keys(resourcesOf(json, "time_sleep")).find((key) =>
          key.startsWith(`${identity.node.id}_grants-propagation`),
        );
        return { address: `time_sleep.${id}`, wait: resourcesOf(json, "time_sleep")[id as string] };
      };
      const grantsOf = (identity: AppIdentity) =>
        Object.entries(resourcesOf(json, RA))
          .filter(([, ra]) => ra.principal_id === resolved(built.stack, identity.principalId))
          .map(([id]) => `azurerm_role_assignment.${id}`)
          .sort();
      for (const identity of [built.pullIdentity, built.identity, built.slotIdentity("staging")]) {
        const { wait } = waitOf(identity);
        expect(wait.create_duration).toBe("60s");
        expect([...wait.depends_on].sort()).toEqual(grantsOf(identity));
      }
      expect(grantsOf(built.pullIdentity)).toHaveLength(1);
      expect(resourceOf(json, APP).depends_on).toEqual([
        waitOf(built.pullIdentity).address,
        waitOf(built.identity).address,
      ]);
      expect(resourceOf(json, SLOT).depends_on).toEqual([
        waitOf(built.pullIdentity).address,
        waitOf(built.slotIdentity("staging")).address,
      ]);
    });

    test("with an access-policy vault, each identity gets a Get policy on the vault and its wait covers it", () => {
      const built = webApp((_vault, t) => {
        const vault = new SecretVault(t.stack, "kv-policies", {
          name: "kv-policies",
          resourceGroup: t.rg,
          authorization: "accessPolicy",
        });
        return {
          appSettings: {
            K: vault.addSecret("k", { name: "k", value: secretVariable(t.stack, "k", "k").stringValue }),
          },
        };
      });
      const json = synth(built.stack);
      const principal = resolved(built.stack, built.identity.principalId);
      const [policyId, policy] =
        Object.entries(resourcesOf(json, "azurerm_key_vault_access_policy")).find(
          ([, p]) => p.object_id === principal,
        ) ?? [];
      expect(policy.secret_permissions).toEqual(["Get"]);
      const wait = Object.entries(resourcesOf(json, "time_sleep")).find(([id]) =>
        id.startsWith("identity_grants-propagation"),
      );
      expect(wait?.[1].depends_on).toContain(`azurerm_key_vault_access_policy.${policyId}`);
    });

    test("AcrPull on the registry is granted to the pull identity only", () => {
      const built = webApp({ slots: [STAGING] });
      const json = synth(built.stack);
      const pull = resourcesWhere(json, RA, (ra) => ra.role_definition_name === "AcrPull");
      expect(pull).toEqual([
        expect.objectContaining({
          scope: refOf(json, "azurerm_container_registry", "id"),
          principal_id: resolved(built.stack, built.pullIdentity.principalId),
          principal_type: "ServicePrincipal",
        }),
      ]);
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
        `ContainerWebApp test/api: slots = ["staging"] are more than plan sku "${sku}" (${sku === "F1" ? "Free" : "Basic"}) allows (0); deployment slots need Standard (S1) or better`,
      );
    });

    test("refuses more slots than the tier allows (Standard: 5)", () => {
      const slots = ["s1", "s2", "s3", "s4", "s5", "s6"].map((name) => ({ name }));
      expect(validationErrors(webApp({ sku: "S1", slots: slots.slice(0, 5) }).stack)).toEqual([]);
      expect(synthError(webApp({ sku: "S1", slots }).stack)).toContain(
        'are more than plan sku "S1" (Standard) allows (5)',
      );
    });

    test('refuses a slot named "production"', () => {
      expect(synthError(webApp({ slots: [{ name: "production" }] }).stack)).toContain(
        `ContainerWebApp test/api: slots[0] = "production" is the app itself, not a slot`,
      );
    });

    test("refuses a slot listed twice", () => {
      expect(synthError(webApp({ slots: [STAGING, { name: "staging" }] }).stack)).toContain(
        'ContainerWebApp test/api: slots[1] = "staging" is listed twice',
      );
    });

    test.each(["Staging_1", "-staging", "s"])("refuses slot name %j", (name) => {
      expect(synthError(webApp({ slots: [{ name }] }).stack)).toContain(
        `ContainerWebApp test/api: slots[0] = "${name}" webAppSlot name "${name}"`,
      );
    });

    test.each(Object.entries(RESERVED_SETTINGS))("refuses the reserved setting %s (use %s)", (name, prop) => {
      const error = synthError(webApp({ appSettings: { [name]: "x" } }).stack);
      expect(error).toContain(
        `ContainerWebApp test/api: appSettings.${name} = "${name}" is set by the platform (${prop}); it cannot be configured`,
      );
    });

    test("refuses reserved names in per-slot values too", () => {
      const { stack } = webApp({
        productionStickyValues: { WEBSITES_PORT: "80" },
        slots: [{ ...STAGING, stickyValues: { WEBSITES_PORT: "81" } }],
      });
      const errors = validationErrors(stack);
      expect(errors).toContain(
        'ContainerWebApp test/api: productionStickyValues.WEBSITES_PORT = "WEBSITES_PORT" is set by the platform (port); it cannot be configured',
      );
      expect(errors).toContain(
        'ContainerWebApp test/api: slots[0].stickyValues.WEBSITES_PORT = "WEBSITES_PORT" is set by the platform (port); it cannot be configured',
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
      const message = `= "${name}" registry credentials never go into app settings; an identity pulls the image`;
      expect(errors).toContain(`ContainerWebApp test/api: appSettings.${name} ${message}`);
      expect(errors).toContain(`ContainerWebApp test/api: slots[0].stickyValues.${name} ${message}`);
    });

    test.each(["1ST", "MY-SETTING", "A.B"])("refuses the setting name %j", (name) => {
      expect(synthError(webApp({ appSettings: { [name]: "x" } }).stack)).toContain(
        `ContainerWebApp test/api: appSettings.${name} = "${name}" setting names are letters, digits and '_', not starting with a digit`,
      );
    });

    test("refuses a configured sticky name not set on some slot, naming where", () => {
      const { stack } = webApp({
        stickySettings: ["FEATURE_X"],
        productionStickyValues: { FEATURE_X: "off" },
        slots: [{ ...STAGING, stickyValues: { FEATURE_X: "on" } }, { name: "canary" }],
      });
      expect(synthError(stack)).toContain(
        'ContainerWebApp test/api: stickySettings[0] = "FEATURE_X" is sticky but not set on canary',
      );
    });

    test("refuses a configured sticky name set nowhere, listing production and every slot", () => {
      const { stack } = webApp({ stickySettings: ["FEATURE_X"], slots: [STAGING] });
      expect(synthError(stack)).toContain(
        'stickySettings[0] = "FEATURE_X" is sticky but not set on production, staging',
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
        "ContainerWebApp test/api: productionStickyValues.APP_ENV is also a shared setting; a setting is either shared or per slot",
      );
      expect(errors).toContain(
        "ContainerWebApp test/api: slots[0].stickyValues.APP_ENV is also a shared setting; a setting is either shared or per slot",
      );
    });

    /** A second app next to the default one that pulls and runs as the default app's identity. */
    function appSharingOneIdentity(
      slotsOf: (t: ReturnType<typeof webApp>) => WebAppSlotOptions[] = () => [],
    ) {
      const t = webApp();
      const app = new ContainerWebApp(t.stack, "api2", {
        name: "app-two",
        resourceGroup: t.rg,
        plan: t.plan,
        registry: t.registry,
        pullIdentity: t.identity,
        identity: t.identity,
        repository: "api",
        imageTag: "1",
        slots: slotsOf(t),
      });
      return validationErrors(t.stack).filter((e) => e.includes(app.node.path));
    }

    test("refuses a pull identity that is also a runtime identity, and two slots sharing one identity", () => {
      const errors = appSharingOneIdentity((t) => {
        const shared = new AppIdentity(t.stack, "shared", { name: "id-shared", resourceGroup: t.rg });
        return [
          { name: "staging", identity: shared },
          { name: "canary", identity: shared },
        ];
      });
      expect(errors).toEqual([
        'ContainerWebApp test/api2: pullIdentity = "test/identity" is also a slot\'s runtime identity; every slot can use the pull identity, so it must hold only AcrPull',
        "ContainerWebApp test/api2: slots[1].identity = \"test/shared\" is another slot's identity too; each slot needs its own, or one slot can read the other's secrets",
      ]);
    });

    test("without slots, one identity may pull and run", () => {
      expect(appSharingOneIdentity()).toEqual([]);
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

describe("access restrictions", () => {
  const RUNNER = { addresses: ["203.0.113.7"] };

  test("open by default: no restriction attribute anywhere", () => {
    const json = synth(webApp({ slots: [STAGING] }).stack);
    for (const [, site] of appAndSlots(json)) {
      expect(Object.keys(site.site_config).filter((key) => key.includes("restriction"))).toEqual([]);
    }
  });

  test("slots and SCM sites deny by default and admit their lists; production stays open unless given", () => {
    const json = synth(
      webApp({
        slots: [STAGING],
        slotAccess: { ...RUNNER, serviceTags: ["ApplicationInsightsAvailability"] },
        scmAccess: RUNNER,
      }).stack,
    );
    const app = resourceOf(json, APP).site_config;
    const slot = resourceOf(json, SLOT).site_config;
    expect(app.ip_restriction_default_action).toBeUndefined();
    expect(app.ip_restriction).toBeUndefined();
    expect(slot.ip_restriction_default_action).toBe("Deny");
    expect(slot.ip_restriction).toEqual([
      { name: "allow-ip-1", priority: 100, action: "Allow", ip_address: "203.0.113.7/32" },
      { name: "allow-tag-1", priority: 101, action: "Allow", service_tag: "ApplicationInsightsAvailability" },
    ]);
    for (const config of [app, slot]) {
      expect(config).toMatchObject({
        scm_ip_restriction_default_action: "Deny",
        scm_ip_restriction: [
          { name: "allow-ip-1", priority: 100, action: "Allow", ip_address: "203.0.113.7/32" },
        ],
        scm_use_main_ip_restriction: false,
      });
    }
    const restricted = synth(webApp({ productionAccess: { addresses: ["198.51.100.0/28"] } }).stack);
    expect(resourceOf(restricted, APP).site_config).toMatchObject({
      ip_restriction_default_action: "Deny",
      ip_restriction: [{ name: "allow-ip-1", priority: 100, action: "Allow", ip_address: "198.51.100.0/28" }],
    });
  });

  test("bad lists are refused, each at its prop", () => {
    expect(
      validationErrors(
        webApp({ slotAccess: { addresses: ["10.0.0.4"] }, scmAccess: { serviceTags: ["no tag"] } }).stack,
      ),
    ).toEqual([
      'ContainerWebApp test/api: slotAccess.addresses[0] = "10.0.0.4" must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)',
      'ContainerWebApp test/api: scmAccess.serviceTags[0] = "no tag" must be an Azure service tag name such as "AzureFrontDoor.Backend"',
    ]);
  });
});

describe("image pulls over the VNet", () => {
  test("vnet_image_pull_enabled on the app and every slot, which wait for the network's dependencies too", () => {
    const { stack } = webApp((_vault, t) => {
      const subnet = new AzSubnet(t.stack, "apps", {
        name: "snet-apps",
        resourceGroupName: t.rg.name,
        virtualNetworkName: "vnet-x",
        addressPrefixes: ["10.0.1.0/24"],
      });
      const ready = new TimeSleep(t.stack, "endpoint-ready", { createDuration: "1s" });
      return {
        slots: [STAGING],
        virtualNetworkSubnet: subnet,
        vnetImagePullEnabled: true,
        networkDependencies: [ready],
      };
    });
    const json = synth(stack);
    for (const [, site] of appAndSlots(json)) {
      expect(site.vnet_image_pull_enabled).toBe(true);
      expect(site.depends_on).toContain(
        `time_sleep.${Object.keys(json.resource.time_sleep).find((id) => id.startsWith("endpoint-ready"))}`,
      );
    }
  });

  test("needs the VNet integration", () => {
    expect(validationErrors(webApp({ vnetImagePullEnabled: true }).stack)).toEqual([
      "ContainerWebApp test/api: vnetImagePullEnabled = true needs virtualNetworkSubnet (images are pulled through the VNet integration)",
    ]);
  });
});
