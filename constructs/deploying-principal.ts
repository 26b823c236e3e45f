import { Construct } from "constructs";
import type { IGrantable } from "./grantable";
import { DataAzurermClientConfig } from "./providers";

/**
 * The principal Terraform runs as (a user after `az login`, a service principal or a
 * workload identity in CI), read at plan time. It writes secrets, so it is granted access to
 * the vault like any other grantee, before any secret is written.
 */
export class DeployingPrincipal extends Construct implements IGrantable {
  /** Escape hatch: the `azurerm_client_config` data source. */
  readonly resource: DataAzurermClientConfig;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.resource = new DataAzurermClientConfig(this, "current", {});
  }

  get principalId(): string {
    return this.resource.objectId;
  }

  get tenantId(): string {
    return this.resource.tenantId;
  }
}
