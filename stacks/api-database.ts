import { dependable } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentNames } from "../config/resource-names";
import type { EnvironmentConfig, PlatformConfig } from "../config/schema";
import type { AppNetwork } from "../constructs/app-network";
import { type DatabaseLoginPlan, databaseLoginPlan } from "../constructs/database-logins";
import { DiagnosticSettings } from "../constructs/diagnostic-settings";
import type { ILogAnalyticsWorkspace } from "../constructs/log-analytics-workspace";
import { PostgresDatabase } from "../constructs/postgres-database";
import { RandomProvider } from "../constructs/providers";
import type { IResourceGroup } from "../constructs/resource-group";
import type { SecretVault } from "../constructs/secret-vault";

/** The deployment slots of an environment that get a database and a login: production and each slot. */
export function apiDatabaseSlots(env: EnvironmentConfig): string[] {
  return ["production", ...env.slots];
}

/**
 * The slot logins of an environment's API database, from the config alone: the environment
 * stack writes their secrets and the database roles stack makes them, each from this same plan
 * (the construct defaults for prefix, secret names and administrator apply to both).
 */
export function apiDatabaseLoginPlan(config: PlatformConfig, environment: string): DatabaseLoginPlan {
  return databaseLoginPlan({ slots: apiDatabaseSlots(config.environments[environment]) });
}

export interface ApiDatabaseProps {
  readonly names: EnvironmentNames;
  readonly database: NonNullable<EnvironmentConfig["database"]>;
  readonly resourceGroup: IResourceGroup;
  /** Receives the credentials; must use RBAC (see {@link PostgresDatabase}). */
  readonly vault: SecretVault;
  /** "production" and every slot ({@link apiDatabaseSlots}): each gets its own database and login. */
  readonly slots: readonly string[];
  /** The environment's network: required when `database.network` is "private". */
  readonly network?: AppNetwork;
  /** The shared workspace: receives the server's logs (connections included) and metrics. @default none */
  readonly workspace?: ILogAnalyticsWorkspace;
  /**
   * Public servers only: single addresses allowed in besides the API, e.g. the deployer's egress,
   * from where the database roles stack connects.
   * @default none
   */
  readonly allowedIpAddresses?: readonly string[];
  readonly tags: Record<string, string>;
}

/**
 * The API's PostgreSQL server with a database and a login per slot; each slot's DATABASE_URL
 * (with that slot's login) is a write-only Key Vault secret ({@link PostgresDatabase.databaseUrlSecret}).
 * A public server accepts no address until the environment's access stack opens it to the API's
 * outbound addresses; a private one lives in the environment's network with no public endpoint.
 * The logins are made by the environment's database roles stack.
 */
export function addApiDatabase(scope: Construct, props: ApiDatabaseProps): PostgresDatabase {
  const { database, network } = props;
  const isPrivate = database.network === "private" && network !== undefined;
  new RandomProvider(scope, "random", {});
  const server = new PostgresDatabase(scope, "database", {
    name: props.names.database,
    resourceGroup: props.resourceGroup,
    vault: props.vault,
    slots: [...props.slots],
    skuName: database.sku,
    storageMb: database.storageMb,
    storageAutoGrow: database.storageAutoGrow,
    backupRetentionDays: database.backupRetentionDays,
    geoRedundantBackup: database.geoRedundantBackup,
    highAvailability: database.highAvailability,
    passwordVersion: database.passwordVersion,
    preventDestroy: database.preventDestroy,
    networkMode: isPrivate ? "private" : "public",
    delegatedSubnet: isPrivate ? network.databaseSubnet : undefined,
    privateDnsZone: isPrivate ? network.databaseDnsZone : undefined,
    allowedIpAddresses: isPrivate ? undefined : props.allowedIpAddresses && [...props.allowedIpAddresses],
    tags: props.tags,
  });
  // A VNet-injected server resolves its name through the zone, which must be linked first.
  if (isPrivate)
    server.resource.dependsOn = [...(server.resource.dependsOn ?? []), dependable(network.databaseDnsLink)];
  if (props.workspace) {
    new DiagnosticSettings(scope, "database-diagnostics", { target: server, workspace: props.workspace });
  }
  return server;
}

/**
 * Changes when the passwords are rotated: App Service caches Key Vault references for up to a
 * day, and a changed setting restarts the app, which reads the new DATABASE_URL.
 */
export function databaseCredentialsSetting(database: PostgresDatabase): Record<string, string> {
  return { DATABASE_CREDENTIALS_VERSION: String(database.passwordVersion) };
}
