import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { DeployingPrincipal } from "./deploying-principal";
import { Grant, grantId, grantRole, type IGrantable } from "./grant";
import { asCidr, type PublicAccessProps, publicAccessProblems } from "./network-access";
import { type PropProblem, validationMessages, wholeNumberProblem } from "./problems";
import { AzKeyVault, AzKeyVaultAccessPolicy } from "./providers";
import type { IResourceGroup } from "./resource-group";
import { VaultSecret, type VaultSecretOptions } from "./vault-secret";

/** How the vault decides who may read secrets. */
export type VaultAuthorization = "rbac" | "accessPolicy";

/** Built-in role the deployer writes secrets with. */
export const SECRET_WRITER_ROLE = "Key Vault Secrets Officer";

export interface SecretVaultProps extends PublicAccessProps {
  /** Vault name: 3-24 characters, letter first, globally unique. */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /**
   * "rbac": Azure role assignments, granted per secret, so one identity reads only the secrets
   * it is given. "accessPolicy": the classic per-vault list; a reader gets `Get` on every secret
   * of the vault, so secrets cannot be isolated between identities (prefer "rbac").
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
  /** How long the deployer's new role assignment takes to take effect (RBAC mode), when the vault creates the deployer. @default "60s" */
  readonly rbacPropagationWait?: string;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** The limits of a vault's props that Azure enforces. */
export function secretVaultProblems(
  props: Pick<SecretVaultProps, "softDeleteRetentionDays" | keyof PublicAccessProps>,
): PropProblem[] {
  return [
    ...wholeNumberProblem(["softDeleteRetentionDays"], props.softDeleteRetentionDays ?? 90, 7, 90),
    ...publicAccessProblems(props),
  ];
}

/**
 * Key Vault holding every secret of an environment. Secrets are written by the deploying
 * principal with write-only values and read by apps through Key Vault references resolved
 * with their managed identity; {@link VaultSecret.grantRead} gives one identity one secret.
 *
 * With `publicNetworkAccess` "allowList" the vault's firewall denies by default (no trusted
 * services bypass) and admits the allowed addresses: the deploying machine must be one of them,
 * or reach the vault through a private endpoint, since Terraform writes and reads secrets on the
 * vault's data plane. "disabled" leaves private endpoints as the only way in.
 */
export class SecretVault extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzKeyVault;
  readonly authorization: VaultAuthorization;
  readonly deployer: DeployingPrincipal;
  /** What a secret write must wait for: the deployer's access, in effect. */
  readonly writeAccess: ITerraformDependable;
  /** Access policies by principal: a vault takes one per principal, so grants add to it. */
  private readonly policies = new Map<
    IGrantable,
    { policy: AzKeyVaultAccessPolicy; permissions: string[] }
  >();

  constructor(scope: Construct, id: string, props: SecretVaultProps) {
    super(scope, id);
    this.authorization = props.authorization ?? "rbac";
    this.deployer =
      props.deployer ??
      new DeployingPrincipal(this, "deployer", { rbacPropagationWait: props.rbacPropagationWait });
    this.node.addValidation({
      validate: () => validationMessages("SecretVault", this, secretVaultProblems(props)),
    });

    this.resource = new AzKeyVault(this, "vault", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      tenantId: this.deployer.tenantId,
      skuName: props.skuName ?? "standard",
      rbacAuthorizationEnabled: this.authorization === "rbac",
      purgeProtectionEnabled: props.purgeProtectionEnabled ?? true,
      softDeleteRetentionDays: props.softDeleteRetentionDays ?? 90,
      ...vaultNetworkAccess(props),
      tags: props.tags,
    });
    const deployerAccess =
      this.authorization === "rbac"
        ? grantRole(this.deployer, this, this.id, SECRET_WRITER_ROLE)
        : this.grantAccessPolicy(this.deployer, ["Get", "List", "Set", "Delete", "Recover", "Purge"]);
    // Access policies apply at once; role assignments need time to propagate.
    this.writeAccess =
      this.authorization === "rbac" ? this.deployer.grants.inEffect() : deployerAccess.resource;
  }

  get id(): string {
    return this.resource.id;
  }

  get vaultUri(): string {
    return this.resource.vaultUri;
  }

  /** Adds a secret to this vault, written once the deployer's access is in place. */
  addSecret(id: string, options: VaultSecretOptions): VaultSecret {
    return new VaultSecret(this, id, { ...options, vault: this });
  }

  /**
   * Access-policy mode: adds `permissions` to the principal's one policy on this vault (a
   * second grant widens the first, never silently returns it unchanged).
   */
  grantAccessPolicy(grantee: IGrantable, permissions: readonly string[]): Grant {
    let entry = this.policies.get(grantee);
    if (!entry) {
      const policy = new AzKeyVaultAccessPolicy(grantee, grantId("AccessPolicy", this), {
        keyVaultId: this.id,
        tenantId: this.deployer.tenantId,
        objectId: grantee.principalId,
        secretPermissions: [],
      });
      entry = { policy, permissions: [] };
      this.policies.set(grantee, entry);
    }
    entry.permissions.push(...permissions.filter((p) => !entry.permissions.includes(p)));
    entry.policy.secretPermissions = [...entry.permissions];
    const grant = new Grant(grantee, `access policy: ${entry.permissions.join(", ")}`, this.id, entry.policy);
    grantee.grants.add(grant);
    return grant;
  }
}

/** The vault's public endpoint: open (Azure's default, nothing written), an allow-list, or off. */
function vaultNetworkAccess(props: PublicAccessProps) {
  const access = props.publicNetworkAccess ?? "enabled";
  if (access === "enabled") return {};
  return {
    publicNetworkAccessEnabled: access === "allowList",
    networkAcls: {
      defaultAction: "Deny",
      // Nothing the platform uses is a trusted service: apps come through the private endpoint.
      bypass: "None",
      // CIDR form: Azure stores a single address as "<address>/32"; a bare one would show as a change in every plan (azurerm issue 2164).
      ipRules: access === "allowList" ? (props.allowedAddresses ?? []).map(asCidr) : [],
    },
  };
}
