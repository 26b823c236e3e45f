import { azureName, type NamingContext } from "../constructs/naming";

/** Names of the shared stack's resources. */
export interface SharedNames {
  readonly resourceGroup: string;
  readonly registry: string;
  readonly logAnalytics: string;
}

/** Names of one environment's resources. */
export interface EnvironmentNames {
  readonly resourceGroup: string;
  readonly plan: string;
  readonly autoscale: string;
  readonly vault: string;
  /** The image-pull identity every slot of the API shares (AcrPull only); "pull" before "api", so no slot name can collide with it. */
  readonly apiPullIdentity: string;
  readonly apiApp: string;
  readonly webApp: string;
  readonly database: string;
  readonly messaging: string;
  readonly network: string;
  readonly actionGroup: string;
  /** Runtime identity of the API's production slot or of a named slot. */
  apiIdentity(slot: string): string;
  /** App Insights component of the API's production slot or of a named slot. */
  apiInsights(slot: string): string;
  /** Name prefix of the rollback alert rules of the API's production slot or of a named slot. */
  apiAlerts(slot: string): string;
}

export function sharedNames(context: NamingContext): SharedNames {
  return {
    resourceGroup: azureName(context, "resourceGroup", "shared"),
    registry: azureName(context, "containerRegistry"),
    logAnalytics: azureName(context, "logAnalyticsWorkspace"),
  };
}

/** @throws NamingError when the app, environment and suffix make a name too long. */
export function environmentNames(context: NamingContext, environment: string): EnvironmentNames {
  return {
    resourceGroup: azureName(context, "resourceGroup", environment),
    plan: azureName(context, "servicePlan", environment),
    autoscale: azureName(context, "autoscaleSetting", environment),
    vault: azureName(context, "keyVault", environment),
    apiPullIdentity: azureName(context, "userAssignedIdentity", environment, "pull", "api"),
    apiApp: azureName(context, "webApp", environment, "api"),
    webApp: azureName(context, "webApp", environment, "web"),
    database: azureName(context, "postgresServer", environment),
    messaging: azureName(context, "serviceBusNamespace", environment),
    network: azureName(context, "virtualNetwork", environment),
    actionGroup: azureName(context, "actionGroup", environment),
    apiIdentity: (slot) => azureName(context, "userAssignedIdentity", environment, "api", ...slotPart(slot)),
    apiInsights: (slot) => azureName(context, "applicationInsights", environment, "api", ...slotPart(slot)),
    apiAlerts: (slot) => azureName(context, "alertRule", environment, "api", ...slotPart(slot)),
  };
}

/** The naming context of a configuration's app. */
export function namingContext(app: { readonly name: string; readonly nameSuffix: string }): NamingContext {
  return { app: app.name, suffix: app.nameSuffix };
}

/** The production slot is the app itself: its names carry no slot part. */
function slotPart(slot: string): string[] {
  return slot === "production" ? [] : [slot];
}

/** Vault secret names the platform writes itself start with this; the config cannot use them. */
export const PLATFORM_SECRET_PREFIX = "database-";

/** Whether `name` is one of the platform's own vault secret names (see {@link PLATFORM_SECRET_PREFIX}). */
export function isPlatformSecretName(name: string): boolean {
  return name.startsWith(PLATFORM_SECRET_PREFIX);
}

/** The vault secret holding a slot's DATABASE_URL when no database is managed here (from a variable). */
export function databaseUrlSecretName(slot: string): string {
  return `${PLATFORM_SECRET_PREFIX}url-${slot}`;
}
