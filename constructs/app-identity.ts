import { Construct } from "constructs";
import type { IGrantable } from "./grantable";
import { type AzResourceGroup, AzUserAssignedIdentity } from "./providers";

export interface AppIdentityProps {
  /** Identity name (3-128 characters). */
  readonly name: string;
  readonly resourceGroup: AzResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * The user-assigned managed identity of one app, shared by the app and all its slots.
 *
 * User-assigned on purpose: it exists before the web app, so its AcrPull and Key Vault grants
 * are in place when the app first pulls its image and resolves its Key Vault references.
 * A system-assigned identity is born with the app, too late for both.
 */
export class AppIdentity extends Construct implements IGrantable {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzUserAssignedIdentity;
  readonly principalType = "ServicePrincipal";

  constructor(scope: Construct, id: string, props: AppIdentityProps) {
    super(scope, id);
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

  /** Application (client) id, for `container_registry_managed_identity_client_id`. */
  get clientId(): string {
    return this.resource.clientId;
  }
}
