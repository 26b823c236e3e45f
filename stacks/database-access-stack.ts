import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { environmentNames, namingContext } from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { ExistingPostgresServer } from "../constructs/existing-postgres-server";
import { PostgresFirewallRules } from "../constructs/postgres-firewall-rules";
import { DataAzurermLinuxWebApp } from "../constructs/providers";
import { configureBackend } from "./backend";
import { addAzureProvider } from "./providers";

export interface DatabaseAccessStackProps {
  readonly config: PlatformConfig;
  readonly projectRoot: string;
  /** Environment name, a key of `config.environments`; it has a public database. */
  readonly environment: string;
  /** Stacks that must be applied first (the environment's): the manifest's dependencies. */
  readonly after: readonly TerraformStack[];
}

/**
 * Opens an environment's public database to its API's possible outbound addresses, one firewall
 * rule per address. A stack of its own because those addresses are unknown until the API
 * exists: Terraform cannot plan a `for_each` over them in the stack that creates the app. Here
 * the API and the server are looked up by their names (data sources), so the addresses are
 * known when this stack plans and it never reads the environment's state (which holds the
 * database passwords). No "allow all Azure services" rule, no open internet.
 */
export class DatabaseAccessStack extends TerraformStack {
  readonly rules: PostgresFirewallRules;

  constructor(scope: Construct, id: string, props: DatabaseAccessStackProps) {
    super(scope, id);
    addAzureProvider(this);
    configureBackend(this, props.config.backend, props.projectRoot);
    const names = environmentNames(namingContext(props.config.app), props.environment);
    const api = new DataAzurermLinuxWebApp(this, "api", {
      name: names.apiApp,
      resourceGroupName: names.resourceGroup,
    });
    const server = new ExistingPostgresServer(this, "database", {
      name: names.database,
      resourceGroupName: names.resourceGroup,
    });
    this.rules = new PostgresFirewallRules(this, "api-access", { server, client: api });
    for (const stack of props.after) this.addDependency(stack);
  }
}
