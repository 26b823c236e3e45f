import type { Construct } from "constructs";
import type { EnvironmentNames } from "../config/resource-names";
import type { EnvironmentConfig } from "../config/schema";
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
  readonly tags: Record<string, string>;
}

/**
 * The API's PostgreSQL server with one database per slot; each slot's DATABASE_URL is a
 * write-only Key Vault secret ({@link PostgresDatabase.databaseUrlSecret}). The server accepts
 * no address until the environment's access stack opens it to the API's outbound addresses.
 */
export function addApiDatabase(scope: Construct, props: ApiDatabaseProps): PostgresDatabase {
  const { database } = props;
  new RandomProvider(scope, "random", {});
  return new PostgresDatabase(scope, "database", {
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
    tags: props.tags,
  });
}

/**
 * Changes when the password is rotated: App Service caches Key Vault references for up to a
 * day, and a changed setting restarts the app, which reads the new DATABASE_URL.
 */
export function databaseCredentialsSetting(database: PostgresDatabase): Record<string, string> {
  return { DATABASE_CREDENTIALS_VERSION: String(database.passwordVersion) };
}
