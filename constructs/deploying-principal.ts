import { Construct } from "constructs";
import { GrantRecord, type IGrantable } from "./grant";
import { DataAzurermClientConfig } from "./providers";

export interface DeployingPrincipalProps {
  /** How long a new grant takes to take effect before the deployer uses it. @default "60s" */
  readonly rbacPropagationWait?: string;
}

/**
 * The principal Terraform runs as (a user after `az login`, a service principal or a
 * workload identity in CI), read at plan time. It writes secrets, so it is granted access to
 * the vault like any other grantee, and waits for that grant before any secret is written.
 */
export class DeployingPrincipal extends Construct implements IGrantable {
  /** Escape hatch: the `azurerm_client_config` data source. */
  readonly resource: DataAzurermClientConfig;
  readonly grants: GrantRecord;

  constructor(scope: Construct, id: string, props: DeployingPrincipalProps = {}) {
    super(scope, id);
    this.resource = new DataAzurermClientConfig(this, "current", {});
    this.grants = new GrantRecord(this, props.rbacPropagationWait ?? "60s");
  }

  get principalId(): string {
    return this.resource.objectId;
  }

  get tenantId(): string {
    return this.resource.tenantId;
  }
}
