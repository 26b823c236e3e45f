import type { Construct } from "constructs";
import type { EnvironmentNames } from "../config/resource-names";
import type { EnvironmentConfig } from "../config/schema";
import type { AppNetwork } from "../constructs/app-network";
import { PostgresDatabase } from "../constructs/postgres-database";
import { type AzResourceGroup, RandomProvider } from "../constructs/providers";
import type { SecretVault } from "../constructs/secret-vault";

export interface ApiDatabaseProps {
  readonly names: EnvironmentNames;
  readonly database: NonNullable<EnvironmentConfig["database"]>;
  readonly resourceGroup: AzResourceGroup;
  readonly vault: SecretVault;
  /** "production" and every slot: each gets its own database. */
  readonly slots: readonly string[];
  /** The environment's network: required when `database.network` is "private". */
  readonly network?: AppNetwork;
  readonly tags: Record<string, string>;
}

/**
 * The API's PostgreSQL server with one database per slot; each slot's DATABASE_URL is a
 * write-only Key Vault secret ({@link PostgresDatabase.databaseUrlSecret}). A public server
 * accepts no address until the environment's access stack opens it to the API's outbound
 * addresses; a private one lives in the environment's network with no public endpoint.
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
    tags: props.tags,
  });
  // A VNet-injected server resolves its name through the zone, which must be linked first.
  if (isPrivate) {
    const link = network.databaseDnsLink;
    server.resource.dependsOn = [
      ...(server.resource.dependsOn ?? []),
      `${link.terraformResourceType}.${link.friendlyUniqueId}`,
    ];
  }
  return server;
}

/**
 * Changes when the password is rotated: App Service caches Key Vault references for up to a
 * day, and a changed setting restarts the app, which reads the new DATABASE_URL.
 */
export function databaseCredentialsSetting(database: PostgresDatabase): Record<string, string> {
  return { DATABASE_CREDENTIALS_VERSION: String(database.passwordVersion) };
}
