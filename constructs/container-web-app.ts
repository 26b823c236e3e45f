import { Construct } from "constructs";
import type { AppIdentity } from "./app-identity";
import type { AppServicePlan } from "./app-service-plan";
import type { ContainerRegistry } from "./container-registry";
import { nameProblem } from "./naming";
import {
  AzLinuxWebApp,
  AzLinuxWebAppSlot,
  type AzLinuxWebApp as AzLinuxWebAppType,
  type AzResourceGroup,
  type AzSubnet,
  type LinuxWebAppSiteConfig,
} from "./providers";
import { type Grant, waitForRbac } from "./rbac-propagation-wait";
import { VaultSecret } from "./vault-secret";

/** An app setting: a plain value, or a Key Vault secret the app reads by reference. */
export type SettingValue = string | VaultSecret;

/**
 * Settings every app keeps per slot, whatever is configured: a slot's environment name,
 * its database and its telemetry must not travel with a swap.
 */
export const DEFAULT_STICKY_SETTINGS = [
  "APP_ENV",
  "DATABASE_URL",
  "APPLICATIONINSIGHTS_CONNECTION_STRING",
] as const;

/** Settings the construct owns; set them through props instead. */
export const RESERVED_SETTINGS: Readonly<Record<string, string>> = {
  WEBSITES_PORT: "port",
  WEBSITE_SWAP_WARMUP_PING_PATH: "healthCheckPath",
  WEBSITE_SWAP_WARMUP_PING_STATUSES: "healthCheckPath",
  WEBSITES_ENABLE_APP_SERVICE_STORAGE: "(always false for containers)",
};

export const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface WebAppSlotOptions {
  /** Slot name, e.g. "staging" (2-59 letters, digits and '-'). */
  readonly name: string;
  /** Image tag the slot runs; the release tool swaps it into production. @default the app's imageTag */
  readonly imageTag?: string;
  /** This slot's values of sticky settings. @default none */
  readonly stickyValues?: Record<string, SettingValue>;
}

export interface ContainerWebAppProps {
  /** Web app name: 2-60 letters, digits and '-', globally unique (it is the host name). */
  readonly name: string;
  readonly resourceGroup: AzResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  readonly plan: AppServicePlan;
  /** Registry the image is pulled from, with the identity; AcrPull is granted here. */
  readonly registry: ContainerRegistry;
  /** Identity of the app and its slots: image pulls and Key Vault references. */
  readonly identity: AppIdentity;
  /** Repository in the registry, e.g. "api". */
  readonly repository: string;
  /** Image tag of the production slot when it is created; later the release tool's swaps own it. */
  readonly imageTag: string;
  /** Port the container listens on (`WEBSITES_PORT`). @default 8000 */
  readonly port?: number;
  /** Path App Service probes, and the swap warm-up pings. @default "/health" */
  readonly healthCheckPath?: string;
  /** Minutes an instance may fail its health check before it is replaced, 2-10. @default 5 */
  readonly healthCheckEvictionTimeInMin?: number;
  /** Settings shared by every slot; they travel with a swap. @default none */
  readonly appSettings?: Record<string, SettingValue>;
  /** The production slot's values of sticky settings. @default none */
  readonly productionStickyValues?: Record<string, SettingValue>;
  /**
   * Setting names kept per slot, in addition to {@link DEFAULT_STICKY_SETTINGS} and every
   * name with a per-slot value; each one must be set on production and on every slot.
   * @default none
   */
  readonly stickySettings?: string[];
  /** Deployment slots; the plan's tier must have them. @default none */
  readonly slots?: WebAppSlotOptions[];
  /** @default true where the tier has it (not on Free) */
  readonly alwaysOn?: boolean;
  /** @default "1.2" */
  readonly minimumTlsVersion?: "1.2" | "1.3";
  /**
   * Regional VNet integration: the app and its slots send all outbound traffic through this
   * subnet (delegated to Microsoft.Web/serverFarms), e.g. to reach a private database.
   * @default none (outbound traffic goes to the internet directly)
   */
  readonly virtualNetworkSubnet?: AzSubnet;
  /** Browser origins allowed to call the app, e.g. its front end's `https://<host>`. @default none (no CORS) */
  readonly corsAllowedOrigins?: string[];
  /**
   * Grants made outside this construct that the app needs in effect when it starts (e.g. its
   * identity's Service Bus roles); the app waits for them with its own grants.
   * @default none
   */
  readonly additionalGrants?: Grant[];
  /** How long to wait for the identity's new grants to take effect. @default "60s" */
  readonly rbacPropagationWait?: string;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * A Linux web app running one container image from the registry through a user-assigned
 * identity, with secure site defaults, a health check, swap warm-up, deployment slots and
 * slot-sticky settings.
 *
 * With slots, the production slot's image is under `ignore_changes`: the release tool's swap
 * moves the staging image into production and Terraform must not undo it. Without slots
 * (e.g. a Basic plan), Terraform deploys the image to production directly.
 */
export class ContainerWebApp extends Construct {
  /** Escape hatch: the production slot, i.e. the web app itself. */
  readonly resource: AzLinuxWebAppType;
  /** Deployment slots by name. */
  readonly slots: ReadonlyMap<string, AzLinuxWebAppSlot>;
  /** Names kept per slot across swaps. */
  readonly stickySettings: readonly string[];
  private readonly grants: Grant[] = [];

  constructor(scope: Construct, id: string, props: ContainerWebAppProps) {
    super(scope, id);
    const port = props.port ?? 8000;
    const healthCheckPath = props.healthCheckPath ?? "/health";
    const eviction = props.healthCheckEvictionTimeInMin ?? 5;
    const slotOptions = props.slots ?? [];
    const appSettings = props.appSettings ?? {};
    const productionValues = props.productionStickyValues ?? {};
    const configuredSticky = props.stickySettings ?? [];
    this.stickySettings = [
      ...new Set([
        ...DEFAULT_STICKY_SETTINGS,
        ...configuredSticky,
        ...Object.keys(productionValues),
        ...slotOptions.flatMap((slot) => Object.keys(slot.stickyValues ?? {})),
      ]),
    ];

    this.node.addValidation({
      validate: () =>
        this.validate({
          ...props,
          port,
          healthCheckPath,
          eviction,
          slotOptions,
          appSettings,
          productionValues,
          configuredSticky,
        }),
    });

    this.grants.push(props.registry.grantPull(props.identity), ...(props.additionalGrants ?? []));
    const baseSettings = {
      WEBSITES_PORT: String(port),
      WEBSITES_ENABLE_APP_SERVICE_STORAGE: "false",
      WEBSITE_SWAP_WARMUP_PING_PATH: healthCheckPath,
      WEBSITE_SWAP_WARMUP_PING_STATUSES: "200",
      ...this.resolveSettings(appSettings, props.identity),
    };
    const siteConfig = (imageTag: string): LinuxWebAppSiteConfig => ({
      alwaysOn: props.alwaysOn ?? props.plan.tier.alwaysOn,
      ftpsState: "Disabled",
      http2Enabled: true,
      minimumTlsVersion: props.minimumTlsVersion ?? "1.2",
      scmMinimumTlsVersion: props.minimumTlsVersion ?? "1.2",
      remoteDebuggingEnabled: false,
      healthCheckPath,
      healthCheckEvictionTimeInMin: eviction,
      cors: props.corsAllowedOrigins?.length ? { allowedOrigins: props.corsAllowedOrigins } : undefined,
      vnetRouteAllEnabled: props.virtualNetworkSubnet ? true : undefined,
      containerRegistryUseManagedIdentity: true,
      containerRegistryManagedIdentityClientId: props.identity.clientId,
      applicationStack: {
        dockerImageName: `${props.repository}:${imageTag}`,
        dockerRegistryUrl: `https://${props.registry.loginServer}`,
      },
    });
    const common = {
      httpsOnly: true,
      clientAffinityEnabled: false,
      ftpPublishBasicAuthenticationEnabled: false,
      webdeployPublishBasicAuthenticationEnabled: false,
      keyVaultReferenceIdentityId: props.identity.id,
      virtualNetworkSubnetId: props.virtualNetworkSubnet?.id,
      identity: { type: "UserAssigned", identityIds: [props.identity.id] },
      tags: props.tags,
    };
    const productionSettings = { ...baseSettings, ...this.resolveSettings(productionValues, props.identity) };
    // A slot listed twice is one slot; validate() reports the duplicate instead of a construct id clash.
    const distinctSlots = slotOptions.filter(
      (slot, i) => slotOptions.findIndex((other) => other.name === slot.name) === i,
    );
    const slotSettings = distinctSlots.map((slot) => ({
      ...baseSettings,
      ...this.resolveSettings(slot.stickyValues ?? {}, props.identity),
    }));
    // Grants are complete only now; the first image pull and Key Vault reference need them in effect.
    const grantsInEffect = waitForRbac(
      this,
      "grants-propagation",
      this.grants,
      props.rbacPropagationWait ?? "60s",
    );

    this.resource = new AzLinuxWebApp(this, "app", {
      ...common,
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      servicePlanId: props.plan.id,
      siteConfig: siteConfig(props.imageTag),
      appSettings: productionSettings,
      stickySettings: { appSettingNames: [...this.stickySettings] },
      dependsOn: [grantsInEffect],
      lifecycle:
        slotOptions.length > 0
          ? { ignoreChanges: ["site_config[0].application_stack[0].docker_image_name"] }
          : undefined,
    });

    this.slots = new Map(
      distinctSlots.map((slot, index) => [
        slot.name,
        new AzLinuxWebAppSlot(this, `slot-${slot.name}`, {
          ...common,
          name: slot.name,
          appServiceId: this.resource.id,
          siteConfig: siteConfig(slot.imageTag ?? props.imageTag),
          appSettings: slotSettings[index],
          dependsOn: [grantsInEffect],
        }),
      ]),
    );
  }

  get id(): string {
    return this.resource.id;
  }

  get name(): string {
    return this.resource.name;
  }

  /** Host name of the production slot, e.g. `app-contoso-prod-api.azurewebsites.net`. */
  get defaultHostname(): string {
    return this.resource.defaultHostname;
  }

  /** Host name of the named slot. */
  slotHostname(slotName: string): string {
    const slot = this.slots.get(slotName);
    if (!slot) throw new Error(`ContainerWebApp ${this.node.path}: no slot named "${slotName}"`);
    return slot.defaultHostname;
  }

  /** Plain values stay; secrets become Key Vault references the identity is granted to read. */
  private resolveSettings(
    settings: Record<string, SettingValue>,
    identity: AppIdentity,
  ): Record<string, string> {
    return Object.fromEntries(
      Object.entries(settings).map(([name, value]) => {
        if (!(value instanceof VaultSecret)) return [name, value];
        const grant = value.vault.grantSecretsRead(identity);
        if (!this.grants.includes(grant)) this.grants.push(grant);
        return [name, value.appSettingReference];
      }),
    );
  }

  private validate(p: {
    plan: AppServicePlan;
    alwaysOn?: boolean;
    port: number;
    healthCheckPath: string;
    eviction: number;
    slotOptions: WebAppSlotOptions[];
    appSettings: Record<string, SettingValue>;
    productionValues: Record<string, SettingValue>;
    configuredSticky: string[];
  }): string[] {
    const where = `ContainerWebApp ${this.node.path}`;
    const problems: string[] = [];
    const tier = p.plan.tier;
    if (p.alwaysOn === true && !tier.alwaysOn) {
      problems.push(`${where}: alwaysOn = true is not available on plan sku "${p.plan.sku}" (${tier.name})`);
    }
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      problems.push(`${where}: port = ${p.port} must be a whole number from 1 to 65535`);
    }
    if (!p.healthCheckPath.startsWith("/")) {
      problems.push(`${where}: healthCheckPath = "${p.healthCheckPath}" must start with "/"`);
    }
    if (!Number.isInteger(p.eviction) || p.eviction < 2 || p.eviction > 10) {
      problems.push(
        `${where}: healthCheckEvictionTimeInMin = ${p.eviction} must be a whole number from 2 to 10`,
      );
    }
    if (p.slotOptions.length > tier.maxSlots) {
      problems.push(
        `${where}: slots has ${p.slotOptions.length} slot(s) but plan sku "${p.plan.sku}" (${tier.name}) allows ${tier.maxSlots}; deployment slots need Standard (S1) or better`,
      );
    }
    const seen = new Set<string>();
    for (const slot of p.slotOptions) {
      const problem = nameProblem("webAppSlot", slot.name);
      if (problem) problems.push(`${where}: slots: ${problem}`);
      if (slot.name === "production")
        problems.push(`${where}: slots: "production" is the app itself, not a slot`);
      if (seen.has(slot.name)) problems.push(`${where}: slots: "${slot.name}" is listed twice`);
      seen.add(slot.name);
    }
    const allSettings: Array<[string, Record<string, SettingValue>]> = [
      ["appSettings", p.appSettings],
      ["productionStickyValues", p.productionValues],
      ...p.slotOptions.map((slot, i): [string, Record<string, SettingValue>] => [
        `slots[${i}].stickyValues`,
        slot.stickyValues ?? {},
      ]),
    ];
    for (const [prop, settings] of allSettings) {
      for (const name of Object.keys(settings)) {
        if (!SETTING_NAME.test(name)) {
          problems.push(
            `${where}: ${prop}.${name}: setting names are letters, digits and '_', not starting with a digit`,
          );
        }
        if (Object.hasOwn(RESERVED_SETTINGS, name))
          problems.push(`${where}: ${prop}.${name} is set by the construct; use ${RESERVED_SETTINGS[name]}`);
        if (name.startsWith("DOCKER_REGISTRY_SERVER_")) {
          problems.push(
            `${where}: ${prop}.${name}: registry credentials never go into app settings; the identity pulls the image`,
          );
        }
        if (prop !== "appSettings" && Object.hasOwn(p.appSettings, name)) {
          problems.push(
            `${where}: ${prop}.${name} is also in appSettings; a setting is either shared or per slot`,
          );
        }
      }
    }
    for (const name of p.configuredSticky) {
      const unsetOn = [
        ["production", p.productionValues] as const,
        ...p.slotOptions.map((slot) => [slot.name, slot.stickyValues ?? {}] as const),
      ]
        .filter(([, values]) => !Object.hasOwn(values, name) && !Object.hasOwn(p.appSettings, name))
        .map(([slotName]) => slotName);
      if (unsetOn.length > 0) {
        problems.push(
          `${where}: stickySettings includes "${name}" but the app does not set it on ${unsetOn.join(", ")}`,
        );
      }
    }
    return problems;
  }
}
