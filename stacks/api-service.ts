import type { Construct } from "constructs";
import { databaseUrlSecretName, type EnvironmentNames } from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { AppIdentity } from "../constructs/app-identity";
import type { AppInsights } from "../constructs/app-insights";
import type { AppNetwork } from "../constructs/app-network";
import type { AppServicePlan } from "../constructs/app-service-plan";
import type { IContainerRegistry } from "../constructs/container-registry";
import {
  ContainerWebApp,
  type ContainerWebAppProps,
  type SettingValue,
} from "../constructs/container-web-app";
import { DiagnosticSettings } from "../constructs/diagnostic-settings";
import type { ILogAnalyticsWorkspace } from "../constructs/log-analytics-workspace";
import type { PostgresDatabase } from "../constructs/postgres-database";
import type { IResourceGroup } from "../constructs/resource-group";
import type { SecretVault } from "../constructs/secret-vault";
import { databaseCredentialsSetting } from "./api-database";
import type { ApiMessaging } from "./api-messaging";
import { addApiAlerts, addApiTelemetry, telemetrySettings } from "./api-monitoring";
import { secretFromVariable } from "./secret-from-variable";

/** Tag that marks the API app; the release tool and the review find the app to swap by it. */
export const API_ROLE_TAG = { "platform-role": "api" } as const;

export interface ApiServiceProps {
  readonly config: PlatformConfig;
  readonly environment: string;
  readonly names: EnvironmentNames;
  readonly resourceGroup: IResourceGroup;
  readonly plan: AppServicePlan;
  readonly registry: IContainerRegistry;
  readonly workspace: ILogAnalyticsWorkspace;
  readonly vault: SecretVault;
  /** The image tag this deploy puts on the staging slot (or on production, without slots). */
  readonly imageTag: string;
  readonly network?: AppNetwork;
  readonly database?: PostgresDatabase;
  readonly messaging?: ApiMessaging;
  /** Browser origins of the front end. */
  readonly corsAllowedOrigins?: string[];
  /** Who may reach the sites, and how they reach the network's private endpoints. @default open, public pulls */
  readonly sites?: Pick<
    ContainerWebAppProps,
    "productionAccess" | "slotAccess" | "scmAccess" | "vnetImagePullEnabled" | "networkDependencies"
  >;
  readonly tags: Record<string, string>;
}

/** The API of one environment, with what each of its slots runs as. */
export interface ApiService {
  readonly app: ContainerWebApp;
  /** The identity every slot pulls the image with (AcrPull only). */
  readonly pullIdentity: AppIdentity;
  /** Runtime identity by slot, "production" included. */
  readonly identities: ReadonlyMap<string, AppIdentity>;
  /** App Insights component by slot. */
  readonly components: ReadonlyMap<string, AppInsights>;
}

/**
 * The API web app and everything it runs with, slot by slot: an image-pull identity shared by
 * every slot, a runtime identity per slot (created before the app, granted only what that slot
 * uses: its own DATABASE_URL secret, its own App Insights component, its own queues, and the
 * shared secrets), the app with its slots and sticky settings, diagnostics and, when on, the
 * rollback alerts.
 */
export function addApiService(scope: Construct, props: ApiServiceProps): ApiService {
  const { config, environment, names } = props;
  const env = config.environments[environment];
  const { pullIdentity, identities } = addIdentities(scope, props);
  const components = addApiTelemetry(scope, {
    names,
    resourceGroup: props.resourceGroup,
    workspace: props.workspace,
    monitoring: env.monitoring,
    identities,
    tags: props.tags,
  });
  const stickyValues = (slot: string) => slotSettings(scope, props, slot, identities, components);
  const app = new ContainerWebApp(scope, "api", {
    name: names.apiApp,
    resourceGroup: props.resourceGroup,
    plan: props.plan,
    registry: props.registry,
    pullIdentity,
    identity: identities.get("production") as AppIdentity,
    repository: config.image.repository,
    imageTag: props.imageTag,
    port: config.api.port,
    healthCheckPath: config.api.healthCheckPath,
    healthCheckEvictionTimeInMin: config.api.healthCheckEvictionMinutes,
    appSettings: sharedSettings(scope, props),
    virtualNetworkSubnet: props.network?.appsSubnet,
    corsAllowedOrigins: props.corsAllowedOrigins,
    ...props.sites,
    productionStickyValues: stickyValues("production"),
    slots: env.slots.map((slot) => ({
      name: slot,
      identity: identities.get(slot) as AppIdentity,
      imageTag: props.imageTag,
      stickyValues: stickyValues(slot),
    })),
    stickySettings: config.api.stickySettings,
    tags: { ...props.tags, ...API_ROLE_TAG },
  });

  new DiagnosticSettings(scope, "api-diagnostics", { target: app, workspace: props.workspace });
  for (const [slot, site] of app.slots) {
    new DiagnosticSettings(scope, `api-${slot}-diagnostics`, { target: site, workspace: props.workspace });
  }
  if (env.monitoring.alerts) {
    addApiAlerts(scope, {
      names,
      environment,
      resourceGroup: props.resourceGroup,
      api: app,
      components,
      monitoring: env.monitoring,
      tags: props.tags,
    });
  }
  return { app, pullIdentity, identities, components };
}

/** The image-pull identity every slot shares, and a runtime identity per slot; all before the app. */
function addIdentities(scope: Construct, props: ApiServiceProps) {
  const { names } = props;
  const slots = ["production", ...props.config.environments[props.environment].slots];
  const pullIdentity = new AppIdentity(scope, "api-pull-identity", {
    name: names.apiPullIdentity,
    resourceGroup: props.resourceGroup,
    tags: props.tags,
  });
  const identities = new Map(
    slots.map((slot) => [
      slot,
      new AppIdentity(scope, slot === "production" ? "api-identity" : `api-identity-${slot}`, {
        name: names.apiIdentity(slot),
        resourceGroup: props.resourceGroup,
        tags: { ...props.tags, slot },
      }),
    ]),
  );
  return { pullIdentity, identities };
}

/**
 * A slot's sticky settings, each read by that slot's identity only: its environment name, its
 * database, its telemetry, its queues and its configured values. Grants the slot's queues too.
 */
function slotSettings(
  scope: Construct,
  props: ApiServiceProps,
  slot: string,
  identities: ReadonlyMap<string, AppIdentity>,
  components: ReadonlyMap<string, AppInsights>,
): Record<string, SettingValue> {
  const { environment } = props;
  const identity = identities.get(slot) as AppIdentity;
  props.messaging?.grantSlot(slot, identity);
  const databaseUrl: SettingValue = props.database
    ? props.database.databaseUrlSecret(slot)
    : secretFromVariable(scope, props.vault, {
        name: databaseUrlSecretName(slot),
        version: 1,
        what: `DATABASE_URL of the ${slot} slot`,
        // What the managed database writes too (PostgresDatabase), so both say what they hold.
        contentType: "application/x-postgresql-url",
      });
  return {
    APP_ENV: slot === "production" ? environment : `${environment}-${slot}`,
    // Each slot has its own database: a staging release never touches production data.
    DATABASE_URL: databaseUrl,
    ...telemetrySettings(components.get(slot) as AppInsights, identity),
    ...props.messaging?.stickyValues(slot),
    ...props.config.environments[environment].slotSettings[slot],
  };
}

/** Settings every slot shares (they travel with a swap): config settings, secrets, data endpoints. */
function sharedSettings(scope: Construct, props: ApiServiceProps): Record<string, SettingValue> {
  const { config } = props;
  const secrets = Object.fromEntries(
    config.api.secrets.map((secret) => [
      secret.setting,
      secretFromVariable(scope, props.vault, {
        name: secret.name,
        version: secret.version,
        what: `${secret.setting} of the API`,
        contentType: secret.contentType,
      }),
    ]),
  );
  return {
    ...config.api.settings,
    ...config.environments[props.environment].settings,
    ...secrets,
    ...(props.database ? databaseCredentialsSetting(props.database) : {}),
    ...props.messaging?.settings,
  };
}
