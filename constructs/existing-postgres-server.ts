import { Construct, type IConstruct } from "constructs";
import { DataAzurermPostgresqlFlexibleServer } from "./providers";

/** What a firewall rule or a login stack needs of a PostgreSQL flexible server. */
export interface IPostgresServer extends IConstruct {
  /** Azure resource id. */
  readonly id: string;
  readonly name: string;
  /** Host name clients connect to, e.g. `psql-contoso-dev.postgres.database.azure.com`. */
  readonly fqdn: string;
}

export interface ExistingPostgresServerProps {
  /** Server name. */
  readonly name: string;
  /** Name of the server's resource group. */
  readonly resourceGroupName: string;
}

/**
 * A server another stack manages, found by its name (`data.azurerm_postgresql_flexible_server`):
 * a stack reads what it needs of the server from Azure, never from the other stack's state.
 */
export class ExistingPostgresServer extends Construct implements IPostgresServer {
  /** Escape hatch: the data source. */
  readonly resource: DataAzurermPostgresqlFlexibleServer;

  constructor(scope: Construct, id: string, props: ExistingPostgresServerProps) {
    super(scope, id);
    this.resource = new DataAzurermPostgresqlFlexibleServer(this, "server", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
    });
  }

  get id(): string {
    return this.resource.id;
  }

  get name(): string {
    return this.resource.name;
  }

  get fqdn(): string {
    return this.resource.fqdn;
  }
}
