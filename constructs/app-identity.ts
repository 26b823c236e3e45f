import { Construct } from "constructs";
import { GrantRecord, type IGrantable } from "./grant";
import { AzUserAssignedIdentity } from "./providers";
import type { IResourceGroup } from "./resource-group";

export interface AppIdentityProps {
  /** Identity name (3-128 characters). */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** How long a new grant to this identity takes to take effect (see {@link GrantRecord}). @default "60s" */
  readonly rbacPropagationWait?: string;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * A user-assigned managed identity: what an app (or one of its slots) runs as.
 *
 * User-assigned on purpose: it exists before the web app, so its grants (AcrPull, Key Vault
 * secrets, telemetry, queues) are in place when the app first pulls its image and resolves its
 * Key Vault references. A system-assigned identity is born with the app, too late for both.
 * It records the grants made to it; depend on `grants.inEffect()` to use them.
 */
export class AppIdentity extends Construct implements IGrantable {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzUserAssignedIdentity;
  readonly principalType = "ServicePrincipal";
  readonly grants: GrantRecord;

  constructor(scope: Construct, id: string, props: AppIdentityProps) {
    super(scope, id);
    this.grants = new GrantRecord(this, props.rbacPropagationWait ?? "60s");
    this.resource = new AzUserAssignedIdentity(this, "identity", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      tags: props.tags,
    });
  }

  /** Resource id, for `identity_ids` and `key_vault_reference_identity_id`. */
  get id(): string {
    return this.resource.id;
  }

  /** Object id in Entra ID, for role assignments. */
  get principalId(): string {
    return this.resource.principalId;
  }

  /** Application (client) id, for `container_registry_managed_identity_client_id` and SDKs (AZURE_CLIENT_ID). */
  get clientId(): string {
    return this.resource.clientId;
  }
}
