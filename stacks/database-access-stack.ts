import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { PlatformConfig } from "../config/schema";
import type { ContainerWebApp } from "../constructs/container-web-app";
import type { PostgresDatabase } from "../constructs/postgres-database";
import { PostgresFirewallRules } from "../constructs/postgres-database";
import { configureBackend } from "./backend";
import { addAzureProvider } from "./providers";

export interface DatabaseAccessStackProps {
  readonly config: PlatformConfig;
  readonly projectRoot: string;
  /** The environment's database, opened to... */
  readonly database: PostgresDatabase;
  /** ...the environment's API. */
  readonly api: ContainerWebApp;
}

/**
 * Opens an environment's database to its API's possible outbound addresses, one firewall rule
 * per address. A stack of its own because those addresses are unknown until the API exists:
 * Terraform cannot plan a `for_each` over them in the stack that creates the app, but here they
 * arrive as a cross-stack reference, known when this stack plans (it is applied after the
 * environment). No "allow all Azure services" rule, no open internet.
 */
export class DatabaseAccessStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: DatabaseAccessStackProps) {
    super(scope, id);
    addAzureProvider(this);
    configureBackend(this, props.config.backend, props.projectRoot);
    new PostgresFirewallRules(this, "api-access", { database: props.database, client: props.api });
  }
}
