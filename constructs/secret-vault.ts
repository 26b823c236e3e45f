import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { DeployingPrincipal } from "./deploying-principal";
import { grantId, grantRole, type IGrantable } from "./grantable";
import { AzKeyVault, AzKeyVaultAccessPolicy, type AzResourceGroup } from "./providers";
import { type Grant, waitForRbac } from "./rbac-propagation-wait";
import { VaultSecret, type VaultSecretOptions } from "./vault-secret";

/** How the vault decides who may read secrets. */
export type VaultAuthorization = "rbac" | "accessPolicy";

export interface SecretVaultProps {
  /** Vault name: 3-24 characters, letter first, globally unique. */
  readonly name: string;
  readonly resourceGroup: AzResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /**
   * "rbac" (Azure role assignments, auditable in one place) or "accessPolicy" (the classic
   * per-vault list: `Get`/`List` for readers).
   * @default "rbac"
   */
  readonly authorization?: VaultAuthorization;
  /** Deleted vaults and secrets cannot be purged before their retention ends. @default true */
  readonly purgeProtectionEnabled?: boolean;
  /** Days a deleted vault or secret stays recoverable, 7-90. @default 90 */
  readonly softDeleteRetentionDays?: number;
  /** @default "standard" */
  readonly skuName?: "standard" | "premium";
  /**
   * The principal that runs Terraform; it is granted secret write access before any secret
   * is written.
   * @default the client Terraform authenticates as (`azurerm_client_config`)
   */
  readonly deployer?: DeployingPrincipal;
  /** How long to wait for a new role assignment to take effect (RBAC mode). @default "60s" */
  readonly rbacPropagationWait?: string;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * Key Vault holding every secret of an environment. Secrets are written by the deploying
 * principal with write-only values and read by apps through Key Vault references resolved
 * with their managed identity.
 */
export class SecretVault extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzKeyVault;
  readonly authorization: VaultAuthorization;
  readonly deployer: DeployingPrincipal;
  /** What a secret write must wait for: the deployer's access, propagated. */
  readonly writeAccess: ITerraformDependable;
  private readonly rbacPropagationWait: string;

  constructor(scope: Construct, id: string, props: SecretVaultProps) {
    super(scope, id);
    this.authorization = props.authorization ?? "rbac";
    this.rbacPropagationWait = props.rbacPropagationWait ?? "60s";
    this.deployer = props.deployer ?? new DeployingPrincipal(this, "deployer");
    const retention = props.softDeleteRetentionDays ?? 90;

    this.node.addValidation({
      validate: () =>
        Number.isInteger(retention) && retention >= 7 && retention <= 90
          ? []
          : [
              `SecretVault ${this.node.path}: softDeleteRetentionDays = ${retention} must be a whole number from 7 to 90`,
            ],
    });

    this.resource = new AzKeyVault(this, "vault", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      tenantId: this.deployer.tenantId,
      skuName: props.skuName ?? "standard",
      rbacAuthorizationEnabled: this.authorization === "rbac",
      purgeProtectionEnabled: props.purgeProtectionEnabled ?? true,
      softDeleteRetentionDays: retention,
      tags: props.tags,
    });
    const deployerAccess = this.grant(this.deployer, "Key Vault Secrets Officer", [
      "Get",
      "List",
      "Set",
      "Delete",
      "Recover",
      "Purge",
    ]);
    this.writeAccess =
      this.authorization === "rbac"
        ? waitForRbac(this, "deployer-access-propagation", [deployerAccess], this.rbacPropagationWait)
        : deployerAccess;
  }

  get id(): string {
    return this.resource.id;
  }

  get vaultUri(): string {
    return this.resource.vaultUri;
  }

  /** Lets `grantee` read secret values ("Key Vault Secrets User", or `Get`/`List` access policy). */
  grantSecretsRead(grantee: IGrantable): Grant {
    return this.grant(grantee, "Key Vault Secrets User", ["Get", "List"]);
  }

  /** Adds a secret to this vault, written once the deployer's access is in place. */
  addSecret(id: string, options: VaultSecretOptions): VaultSecret {
    return new VaultSecret(this, id, { ...options, vault: this });
  }

  private grant(grantee: IGrantable, role: string, secretPermissions: string[]): Grant {
    if (this.authorization === "rbac") {
      return grantRole(grantee, this, this.id, role);
    }
    // A vault takes one access policy per principal, so a second grant returns the first.
    const id = grantId("AccessPolicy", this);
    const existing = grantee.node.tryFindChild(id);
    if (existing) return existing as AzKeyVaultAccessPolicy;
    return new AzKeyVaultAccessPolicy(grantee, id, {
      keyVaultId: this.id,
      tenantId: this.deployer.tenantId,
      objectId: grantee.principalId,
      secretPermissions,
    });
  }
}
