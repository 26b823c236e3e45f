import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { environmentNames, namingContext } from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { EphemeralVaultSecret } from "../constructs/ephemeral-vault-secret";
import { ExistingPostgresServer } from "../constructs/existing-postgres-server";
import { PostgresLogins } from "../constructs/postgres-logins";
import { DataAzurermKeyVault, PostgresqlProvider } from "../constructs/providers";
import { apiDatabaseLoginPlan } from "./api-database";
import { configureBackend } from "./backend";
import { addAzureProvider } from "./providers";

/** The postgresql provider release whose `postgresql_role` has `password_wo` (the binding allows older ones). */
export const POSTGRESQL_PROVIDER_VERSION = ">= 1.26.0, < 2.0.0";

export interface DatabaseRolesStackProps {
  readonly config: PlatformConfig;
  readonly projectRoot: string;
  /** Environment name, a key of `config.environments`; it has a database. */
  readonly environment: string;
  /**
   * Stacks that must be applied first: the environment's (server, databases, secrets) and, for a
   * public server, its access stack. They become the manifest's dependencies.
   */
  readonly after: readonly TerraformStack[];
}

/**
 * `<app>-<env>-database-roles`: makes the slot logins of an environment's database inside
 * PostgreSQL, as the server's administrator, with the postgresql provider.
 *
 * It must run where the server is reachable: for a public (dev) server from an address in its
 * firewall (`allowedIpAddresses`), for a private (prod) server from a runner inside the
 * environment's VNet. It reads nothing from another stack's state: the server and the vault are
 * found by their names, and the administrator's and each login's password are read from the
 * vault as ephemeral values (`ephemeral "azurerm_key_vault_secret"`), which reach the provider
 * configuration and the roles' write-only `password_wo` only, so this stack's plan and state
 * hold no password. Those secrets are readable by the deployer alone. See docs/database.md.
 */
export class DatabaseRolesStack extends TerraformStack {
  readonly logins: PostgresLogins;

  constructor(scope: Construct, id: string, props: DatabaseRolesStackProps) {
    super(scope, id);
    const { config, environment } = props;
    const database = config.environments[environment]?.database;
    if (!database) {
      throw new Error(
        `DatabaseRolesStack ${id}: environments.${environment} has no database to make logins for`,
      );
    }
    addAzureProvider(this);
    configureBackend(this, config.backend, props.projectRoot);
    const names = environmentNames(namingContext(config.app), environment);
    const plan = apiDatabaseLoginPlan(config, environment);
    const vault = new DataAzurermKeyVault(this, "vault", {
      name: names.vault,
      resourceGroupName: names.resourceGroup,
    });
    const server = new ExistingPostgresServer(this, "server", {
      name: names.database,
      resourceGroupName: names.resourceGroup,
    });
    const secret = (id: string, name: string) =>
      new EphemeralVaultSecret(this, id, { vaultId: vault.id, name });
    const administrator = secret("administrator-password", plan.administratorSecretName);
    const provider = new PostgresqlProvider(this, "postgresql", {
      host: server.fqdn,
      port: 5432,
      database: "postgres",
      username: plan.administratorLogin,
      password: administrator.value,
      sslmode: "require",
      // Azure's administrator is not a superuser: do not try to read pg_shadow.
      superuser: false,
    });
    this.addOverride("terraform.required_providers.postgresql.version", POSTGRESQL_PROVIDER_VERSION);
    this.logins = new PostgresLogins(this, "logins", {
      plan,
      provider,
      passwords: Object.fromEntries(
        plan.slots.map((login) => [
          login.slot,
          secret(`login-password-${login.slot}`, login.passwordSecretName).value,
        ]),
      ),
      passwordVersion: database.passwordVersion,
    });
    for (const stack of props.after) this.addDependency(stack);
  }
}
