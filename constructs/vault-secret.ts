import { Construct } from "constructs";
import { type Grant, grantRole, type IGrantable } from "./grant";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem } from "./problems";
import { AzKeyVaultSecret } from "./providers";
import type { SecretVault } from "./secret-vault";

export interface VaultSecretOptions {
  /** Secret name in the vault: 1-127 letters, digits and '-'. */
  readonly name: string;
  /**
   * The secret value as a Terraform reference (a sensitive variable, another resource's
   * attribute). Literal strings are refused: they would end up in the synthesized JSON.
   */
  readonly value: string;
  /**
   * Write-only values are not in state, so Terraform cannot see a change: bump this number
   * to write a new value.
   * @default 1
   */
  readonly valueVersion?: number;
  /**
   * What the value is, shown in the portal and to tools that read the vault (e.g.
   * "text/plain", "application/x-postgresql-url").
   * @default "text/plain"
   */
  readonly contentType?: string;
}

export interface VaultSecretProps extends VaultSecretOptions {
  readonly vault: SecretVault;
}

/** Built-in role that reads secret values; granted per secret in RBAC mode. */
export const SECRET_READER_ROLE = "Key Vault Secrets User";

/** Azure's secret name rule. */
export const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;

/** The limits of a secret's props; the value itself is never echoed (it may be a secret typed in by mistake). */
export function vaultSecretProblems(
  props: Pick<VaultSecretOptions, "name" | "valueVersion"> & { readonly value?: string },
): PropProblem[] {
  const problems: PropProblem[] = [];
  // Without a value (e.g. the config, whose values arrive at deploy time) only name and version are checked.
  if (props.value !== undefined && !isUnresolved(props.value))
    problems.push({
      prop: ["value"],
      rule: "must be a Terraform reference (e.g. a sensitive variable), not a literal string",
    });
  if (!isUnresolved(props.name) && !SECRET_NAME.test(props.name))
    problems.push({ prop: ["name"], value: props.name, rule: "must be 1-127 letters, digits and '-'" });
  problems.push(...wholeNumberProblem(["valueVersion"], props.valueVersion ?? 1, 1));
  return problems;
}

/**
 * A Key Vault secret written with the write-only `value_wo`: the value is neither in the
 * synthesized JSON nor in Terraform state. Apps read it through {@link appSettingReference},
 * with an identity given {@link grantRead}.
 */
export class VaultSecret extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzKeyVaultSecret;
  readonly vault: SecretVault;

  constructor(scope: Construct, id: string, props: VaultSecretProps) {
    super(scope, id);
    this.vault = props.vault;
    this.node.addValidation({
      validate: () => validationMessages("VaultSecret", this, vaultSecretProblems(props)),
    });
    this.resource = new AzKeyVaultSecret(this, "secret", {
      name: props.name,
      keyVaultId: props.vault.id,
      valueWo: isUnresolved(props.value) ? props.value : undefined,
      valueWoVersion: props.valueVersion ?? 1,
      contentType: props.contentType ?? "text/plain",
      dependsOn: [props.vault.writeAccess],
    });
  }

  /** Secret URI without a version, so apps follow rotations. */
  get versionlessId(): string {
    return this.resource.versionlessId;
  }

  /** App setting value that App Service resolves with the app's Key Vault reference identity. */
  get appSettingReference(): string {
    return `@Microsoft.KeyVault(SecretUri=${this.versionlessId})`;
  }

  /**
   * Lets `grantee` read this secret's value. RBAC vaults: "Key Vault Secrets User" scoped to
   * this secret (its versionless resource id), nothing else in the vault. Access-policy vaults
   * cannot scope a permission to one secret: the grantee gets `Get` on every secret of the vault.
   */
  grantRead(grantee: IGrantable): Grant {
    if (this.vault.authorization === "rbac") {
      return grantRole(grantee, this, this.resource.resourceVersionlessId, SECRET_READER_ROLE);
    }
    return this.vault.grantAccessPolicy(grantee, ["Get"]);
  }
}
