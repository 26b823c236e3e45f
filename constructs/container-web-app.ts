import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { AppIdentity } from "./app-identity";
import type { AppServicePlan } from "./app-service-plan";
import type { IContainerRegistry } from "./container-registry";
import { nameProblem } from "./naming";
import type { PlanTier } from "./plan-tiers";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem, within } from "./problems";
import { AzLinuxWebApp, AzLinuxWebAppSlot, type AzSubnet, type LinuxWebAppSiteConfig } from "./providers";
import type { IResourceGroup } from "./resource-group";
import { accessRestrictionConfig, type SiteAccess, siteAccessProblems } from "./site-access";
import { VaultSecret } from "./vault-secret";

/** An app setting: a plain value, or a Key Vault secret the slot's identity reads by reference. */
export type SettingValue = string | VaultSecret;

/**
 * Settings an environment keeps per slot, whatever is configured: a slot's environment name,
 * its database and its telemetry must not travel with a swap.
 */
export const DEFAULT_STICKY_SETTINGS = [
  "APP_ENV",
  "DATABASE_URL",
  "APPLICATIONINSIGHTS_CONNECTION_STRING",
] as const;

/**
 * The setting that names the slot's runtime identity (its client id), sticky on every slot.
 * Azure SDKs' `DefaultAzureCredential` reads it to pick that identity: each site carries two
 * identities (the shared image-pull identity and its own), so the SDK must be told which.
 */
export const RUNTIME_IDENTITY_SETTING = "AZURE_CLIENT_ID";

/** Settings the construct owns, with the prop that sets them instead. */
export const RESERVED_SETTINGS: Readonly<Record<string, string>> = {
  WEBSITES_PORT: "port",
  WEBSITE_SWAP_WARMUP_PING_PATH: "healthCheckPath",
  WEBSITE_SWAP_WARMUP_PING_STATUSES: "healthCheckPath",
  WEBSITES_ENABLE_APP_SERVICE_STORAGE: "(always false for containers)",
  [RUNTIME_IDENTITY_SETTING]: "identity (each slot's own)",
};

/** App Service setting names: letters, digits and '_', not starting with a digit. */
export const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Problems with the names of a settings record, one per bad name (prop = the name). */
export function settingNameProblems(settings: Readonly<Record<string, unknown>>): PropProblem[] {
  return Object.keys(settings).flatMap((name): PropProblem[] => {
    const prop = [name];
    if (!SETTING_NAME.test(name))
      return [
        { prop, value: name, rule: "setting names are letters, digits and '_', not starting with a digit" },
      ];
    if (Object.hasOwn(RESERVED_SETTINGS, name))
      return [
        {
          prop,
          value: name,
          rule: `is set by the platform (${RESERVED_SETTINGS[name]}); it cannot be configured`,
        },
      ];
    if (name.startsWith("DOCKER_REGISTRY_SERVER_"))
      return [
        {
          prop,
          value: name,
          rule: "registry credentials never go into app settings; an identity pulls the image",
        },
      ];
    return [];
  });
}

/**
 * Problems with a list of deployment slot names on a plan of `tier` (prop [] for the list, [i]
 * for a name). With the app's name, also the slot's host name label `<app>-<slot>` (60 characters at most).
 */
export function slotNameProblems(
  slots: readonly string[],
  tier: PlanTier,
  sku: string,
  appName?: string,
): PropProblem[] {
  const problems: PropProblem[] = [];
  if (slots.length > tier.maxSlots) {
    problems.push({
      prop: [],
      value: slots,
      rule: `are more than plan sku "${sku}" (${tier.name}) allows (${tier.maxSlots}); deployment slots need Standard (S1) or better`,
    });
  }
  slots.forEach((slot, i) => {
    const hostLabel = appName === undefined || isUnresolved(appName) ? "" : `${appName}-${slot}`;
    const rule =
      slot === "production"
        ? "is the app itself, not a slot"
        : slots.indexOf(slot) !== i
          ? "is listed twice"
          : (nameProblem("webAppSlot", slot) ??
            (hostLabel.length > 60
              ? `makes the slot host name "${hostLabel}" longer than 60 characters`
              : undefined));
    if (rule) problems.push({ prop: [i], value: slot, rule });
  });
  return problems;
}

export interface SiteLimits {
  /** The plan's tier and SKU; without them, always-on (the one tier-bound limit) is not checked. */
  readonly tier?: PlanTier;
  readonly sku?: string;
  readonly port?: number;
  readonly healthCheckPath?: string;
  readonly healthCheckEvictionTimeInMin?: number;
  readonly alwaysOn?: boolean;
}

/** The limits of a site's own props: port, health check, eviction time, always on. */
export function siteProblems(site: SiteLimits): PropProblem[] {
  const problems: PropProblem[] = [];
  if (site.alwaysOn === true && site.tier !== undefined && !site.tier.alwaysOn)
    problems.push({
      prop: ["alwaysOn"],
      value: true,
      rule: `is not available on plan sku "${site.sku}" (${site.tier.name})`,
    });
  problems.push(...wholeNumberProblem(["port"], site.port ?? 8000, 1, 65535));
  const path = site.healthCheckPath ?? "/health";
  if (!path.startsWith("/"))
    problems.push({ prop: ["healthCheckPath"], value: path, rule: 'must start with "/"' });
  problems.push(
    ...wholeNumberProblem(["healthCheckEvictionTimeInMin"], site.healthCheckEvictionTimeInMin ?? 5, 2, 10),
  );
  return problems;
}

/**
 * Sticky settings: a per-slot value must not also be shared (prop [slot, name]), and a configured
 * sticky name must be set on every slot (prop ["stickySettings", i]).
 */
export function stickySettingProblems(
  shared: Readonly<Record<string, unknown>>,
  perSlot: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  configured: readonly string[],
): PropProblem[] {
  const problems: PropProblem[] = [];
  for (const [slot, values] of Object.entries(perSlot)) {
    for (const name of Object.keys(values)) {
      if (Object.hasOwn(shared, name))
        problems.push({
          prop: [slot, name],
          rule: "is also a shared setting; a setting is either shared or per slot",
        });
    }
  }
  configured.forEach((name, i) => {
    const unsetOn = Object.entries(perSlot)
      .filter(([, values]) => !Object.hasOwn(values, name) && !Object.hasOwn(shared, name))
      .map(([slot]) => slot);
    if (unsetOn.length > 0)
      problems.push({
        prop: ["stickySettings", i],
        value: name,
        rule: `is sticky but not set on ${unsetOn.join(", ")}`,
      });
  });
  return problems;
}

export interface WebAppSlotOptions {
  /** Slot name, e.g. "staging" (2-59 letters, digits and '-'). */
  readonly name: string;
  /**
   * What the slot runs as: it resolves the slot's Key Vault references, and its client id is the
   * slot's sticky `AZURE_CLIENT_ID`. Its own, so a staging build cannot use production's grants.
   */
  readonly identity: AppIdentity;
  /** Image tag the slot runs; the release tool swaps it into production. @default the app's imageTag */
  readonly imageTag?: string;
  /** This slot's values of sticky settings; secrets are granted to the slot's identity. @default none */
  readonly stickyValues?: Record<string, SettingValue>;
}

export interface ContainerWebAppProps {
  /** Web app name: 2-60 letters, digits and '-', globally unique (it is the host name). */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  readonly plan: AppServicePlan;
  /** Registry the image is pulled from; `pullIdentity` is granted AcrPull on it. */
  readonly registry: IContainerRegistry;
  /**
   * Pulls the image, for production and every slot: one identity assigned to every site, so a
   * swap (which may carry the registry client id along with the image) never leaves a slot with
   * a client id it does not have. It must hold nothing but AcrPull, since code on any slot can
   * use it; with slots it must differ from every runtime identity.
   */
  readonly pullIdentity: AppIdentity;
  /**
   * What the production slot runs as: Key Vault references, and the client id in its sticky
   * `AZURE_CLIENT_ID` (telemetry, queues, ... are granted to it by the caller).
   */
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
  /**
   * Settings shared by every slot; they travel with a swap. A secret here is granted to every
   * slot's identity.
   * @default none
   */
  readonly appSettings?: Record<string, SettingValue>;
  /** The production slot's values of sticky settings; secrets are granted to `identity`. @default none */
  readonly productionStickyValues?: Record<string, SettingValue>;
  /**
   * Setting names kept per slot, in addition to {@link DEFAULT_STICKY_SETTINGS},
   * {@link RUNTIME_IDENTITY_SETTING} and every name with a per-slot value; each one must be set on
   * production and on every slot.
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
  /**
   * Pull the image through the VNet integration (`vnet_image_pull_enabled`), e.g. from a registry
   * reached by a private endpoint in the network; needs `virtualNetworkSubnet`.
   * @default false (App Service pulls over its public network)
   */
  readonly vnetImagePullEnabled?: boolean;
  /**
   * What every site waits for before it is created, e.g. the private endpoints (and DNS links)
   * its first image pull and Key Vault references go through.
   * @default none
   */
  readonly networkDependencies?: readonly ITerraformDependable[];
  /**
   * Who may reach the production slot; given, it denies everyone else.
   * @default open to the internet
   */
  readonly productionAccess?: SiteAccess;
  /**
   * Who may reach each deployment slot (e.g. the release runner that verifies staging);
   * given, it denies everyone else. Access restrictions stay with their slot in a swap.
   * @default open to the internet
   */
  readonly slotAccess?: SiteAccess;
  /**
   * Who may reach the SCM (Kudu) site of production and of every slot; given, it denies
   * everyone else. A container app deploys through the registry, so the SCM site only serves
   * diagnostics (log stream, console).
   * @default open to the internet (publishing credentials are off either way)
   */
  readonly scmAccess?: SiteAccess;
  /** Browser origins allowed to call the app, e.g. its front end's `https://<host>`. @default none (no CORS) */
  readonly corsAllowedOrigins?: string[];
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** Every limit of a ContainerWebApp's props, as props problems. */
export function containerWebAppProblems(props: ContainerWebAppProps): PropProblem[] {
  const slots = props.slots ?? [];
  const shared = props.appSettings ?? {};
  const perSlot: Record<string, Record<string, SettingValue>> = {
    production: props.productionStickyValues ?? {},
    ...Object.fromEntries(slots.map((slot) => [slot.name, slot.stickyValues ?? {}])),
  };
  const problems = [
    ...siteProblems({ ...props, tier: props.plan.tier, sku: props.plan.sku }),
    ...within(
      ["slots"],
      slotNameProblems(
        slots.map((slot) => slot.name),
        props.plan.tier,
        props.plan.sku,
      ),
    ),
    ...within(["appSettings"], settingNameProblems(shared)),
    ...within(["productionStickyValues"], settingNameProblems(perSlot.production)),
    ...slots.flatMap((slot, i) =>
      within(["slots", i, "stickyValues"], settingNameProblems(slot.stickyValues ?? {})),
    ),
    ...stickySettingProblems(shared, perSlot, props.stickySettings ?? []).map((p) =>
      p.prop[0] === "stickySettings"
        ? p
        : p.prop[0] === "production"
          ? { ...p, prop: ["productionStickyValues", ...p.prop.slice(1)] }
          : {
              ...p,
              prop: [
                "slots",
                slots.findIndex((s) => s.name === p.prop[0]),
                "stickyValues",
                ...p.prop.slice(1),
              ],
            },
    ),
  ];
  if (props.vnetImagePullEnabled && !props.virtualNetworkSubnet)
    problems.push({
      prop: ["vnetImagePullEnabled"],
      value: true,
      rule: "needs virtualNetworkSubnet (images are pulled through the VNet integration)",
    });
  for (const prop of ["productionAccess", "slotAccess", "scmAccess"] as const) {
    const access = props[prop];
    if (access) problems.push(...within([prop], siteAccessProblems(access)));
  }
  if (slots.length > 0) {
    const runtimes = [props.identity, ...slots.map((slot) => slot.identity)];
    if (runtimes.includes(props.pullIdentity))
      problems.push({
        prop: ["pullIdentity"],
        value: props.pullIdentity.node.path,
        rule: "is also a slot's runtime identity; every slot can use the pull identity, so it must hold only AcrPull",
      });
    slots.forEach((slot, i) => {
      if (runtimes.indexOf(slot.identity) !== i + 1)
        problems.push({
          prop: ["slots", i, "identity"],
          value: slot.identity.node.path,
          rule: "is another slot's identity too; each slot needs its own, or one slot can read the other's secrets",
        });
    });
  }
  return problems;
}

/**
 * A Linux web app running one container image from the registry, with secure site defaults,
 * a health check, swap warm-up, deployment slots and slot-sticky settings, each slot running as
 * its own user-assigned identity.
 *
 * **What a swap moves** (Microsoft Learn, "Set up staging environments in Azure App Service",
 * section "Which settings are swapped", https://learn.microsoft.com/azure/app-service/deploy-staging-slots#which-settings-are-swapped):
 * the site configuration that follows the content (the container image, `linuxFxVersion`) and
 * the app settings not marked sticky travel; managed identities and related settings, protocol
 * settings (HTTPS only, TLS), IP restrictions, CORS, always on, diagnostics and VNet integration
 * stay with the slot. So each slot keeps its `identity` block and its `key_vault_reference_identity_id`
 * (a site property like `https_only`), and its sticky settings (`AZURE_CLIENT_ID`, the telemetry
 * authentication string, `DATABASE_URL`, ...). Whether `container_registry_managed_identity_client_id`
 * (in the site config, beside the image) travels is not documented (MicrosoftDocs/azure-docs
 * issue 91449 reports that `acrUseManagedIdentityCreds` does not): it does not matter here, because
 * every site pulls with the same `pullIdentity` and carries the same client id. After any number
 * of swaps every slot still pulls its image and resolves its references with its own identity.
 *
 * With slots, the production slot's image is under `ignore_changes`: the release tool's swap
 * moves the staging image into production and Terraform must not undo it. Without slots
 * (e.g. a Basic plan), Terraform deploys the image to production directly.
 */
export class ContainerWebApp extends Construct {
  /** Escape hatch: the production slot, i.e. the web app itself. */
  readonly resource: AzLinuxWebApp;
  /** Deployment slots by name. */
  readonly slots: ReadonlyMap<string, AzLinuxWebAppSlot>;
  /** Names kept per slot across swaps. */
  readonly stickySettings: readonly string[];
  /** Runtime identity by slot name ("production" included). */
  readonly identities: ReadonlyMap<string, AppIdentity>;

  constructor(scope: Construct, id: string, props: ContainerWebAppProps) {
    super(scope, id);
    const slotOptions = props.slots ?? [];
    const productionValues = props.productionStickyValues ?? {};
    this.stickySettings = [
      ...new Set([
        ...DEFAULT_STICKY_SETTINGS,
        RUNTIME_IDENTITY_SETTING,
        ...(props.stickySettings ?? []),
        ...Object.keys(productionValues),
        ...slotOptions.flatMap((slot) => Object.keys(slot.stickyValues ?? {})),
      ]),
    ];
    this.node.addValidation({
      validate: () => validationMessages("ContainerWebApp", this, containerWebAppProblems(props)),
    });

    props.registry.grantPull(props.pullIdentity);
    // A slot listed twice is one slot; the validation reports the duplicate instead of a construct id clash.
    const distinctSlots = slotOptions.filter(
      (slot, i) => slotOptions.findIndex((o) => o.name === slot.name) === i,
    );
    this.identities = new Map([
      ["production", props.identity],
      ...distinctSlots.map((slot): [string, AppIdentity] => [slot.name, slot.identity]),
    ]);
    this.resource = new AzLinuxWebApp(this, "app", {
      ...siteOf(props, props.identity),
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      servicePlanId: props.plan.id,
      siteConfig: siteConfigOf(props, props.imageTag, props.productionAccess),
      appSettings: siteSettings(props, props.identity, productionValues),
      stickySettings: { appSettingNames: [...this.stickySettings] },
      lifecycle:
        slotOptions.length > 0
          ? { ignoreChanges: ["site_config[0].application_stack[0].docker_image_name"] }
          : undefined,
    });

    this.slots = new Map(
      distinctSlots.map((slot) => [
        slot.name,
        new AzLinuxWebAppSlot(this, `slot-${slot.name}`, {
          ...siteOf(props, slot.identity),
          name: slot.name,
          appServiceId: this.resource.id,
          siteConfig: siteConfigOf(props, slot.imageTag ?? props.imageTag, props.slotAccess),
          appSettings: siteSettings(props, slot.identity, slot.stickyValues ?? {}),
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
}

/** A site's app settings: the construct's own, the shared ones and its sticky values, for `identity`. */
function siteSettings(
  props: ContainerWebAppProps,
  identity: AppIdentity,
  stickyValues: Record<string, SettingValue>,
): Record<string, string> {
  return {
    WEBSITES_PORT: String(props.port ?? 8000),
    WEBSITES_ENABLE_APP_SERVICE_STORAGE: "false",
    WEBSITE_SWAP_WARMUP_PING_PATH: props.healthCheckPath ?? "/health",
    WEBSITE_SWAP_WARMUP_PING_STATUSES: "200",
    ...resolveSettings(props.appSettings ?? {}, identity),
    ...resolveSettings(stickyValues, identity),
    [RUNTIME_IDENTITY_SETTING]: identity.clientId,
  };
}

/** The secure site config every site shares, with its image and its access restrictions. */
function siteConfigOf(
  props: ContainerWebAppProps,
  imageTag: string,
  access?: SiteAccess,
): LinuxWebAppSiteConfig {
  return {
    ...accessRestrictionConfig(access, props.scmAccess),
    alwaysOn: props.alwaysOn ?? props.plan.tier.alwaysOn,
    ftpsState: "Disabled",
    http2Enabled: true,
    minimumTlsVersion: props.minimumTlsVersion ?? "1.2",
    scmMinimumTlsVersion: props.minimumTlsVersion ?? "1.2",
    remoteDebuggingEnabled: false,
    healthCheckPath: props.healthCheckPath ?? "/health",
    healthCheckEvictionTimeInMin: props.healthCheckEvictionTimeInMin ?? 5,
    cors: props.corsAllowedOrigins?.length ? { allowedOrigins: props.corsAllowedOrigins } : undefined,
    vnetRouteAllEnabled: props.virtualNetworkSubnet ? true : undefined,
    containerRegistryUseManagedIdentity: true,
    containerRegistryManagedIdentityClientId: props.pullIdentity.clientId,
    applicationStack: {
      dockerImageName: `${props.repository}:${imageTag}`,
      dockerRegistryUrl: `https://${props.registry.loginServer}`,
    },
  };
}

/**
 * What a site (the app or a slot) is apart from its config: secure defaults, the pull identity
 * and its own. The first image pull and the first Key Vault reference need the identities'
 * grants in effect, so the site waits for them.
 */
function siteOf(props: ContainerWebAppProps, identity: AppIdentity) {
  return {
    httpsOnly: true,
    clientAffinityEnabled: false,
    ftpPublishBasicAuthenticationEnabled: false,
    webdeployPublishBasicAuthenticationEnabled: false,
    keyVaultReferenceIdentityId: identity.id,
    virtualNetworkSubnetId: props.virtualNetworkSubnet?.id,
    vnetImagePullEnabled: props.vnetImagePullEnabled,
    identity: { type: "UserAssigned", identityIds: [...new Set([props.pullIdentity.id, identity.id])] },
    dependsOn: [...grantsOf(props.pullIdentity, identity), ...(props.networkDependencies ?? [])],
    tags: props.tags,
  };
}

/** Plain values stay; a secret becomes a Key Vault reference that `identity` is granted to read. */
function resolveSettings(
  settings: Record<string, SettingValue>,
  identity: AppIdentity,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings).map(([name, value]) => {
      if (!(value instanceof VaultSecret)) return [name, value];
      value.grantRead(identity);
      return [name, value.appSettingReference];
    }),
  );
}

/** The waits for both identities' grants (one when they are the same identity). */
function grantsOf(pull: AppIdentity, runtime: AppIdentity): ITerraformDependable[] {
  return [...new Set([pull, runtime])].map((identity) => identity.grants.inEffect());
}
