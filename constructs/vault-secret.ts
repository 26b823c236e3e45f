import { Token } from "cdktf";
import { Construct } from "constructs";
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
  /** @default no content type */
  readonly contentType?: string;
}

export interface VaultSecretProps extends VaultSecretOptions {
  readonly vault: SecretVault;
}

/**
 * A Key Vault secret written with the write-only `value_wo`: the value is neither in the
 * synthesized JSON nor in Terraform state. Apps read it through {@link appSettingReference}.
 */
export class VaultSecret extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzKeyVaultSecret;
  readonly vault: SecretVault;

  constructor(scope: Construct, id: string, props: VaultSecretProps) {
    super(scope, id);
    this.vault = props.vault;
    const valueVersion = props.valueVersion ?? 1;
    const literal = !Token.isUnresolved(props.value);
    this.node.addValidation({
      validate: () => {
        const problems: string[] = [];
        const where = `VaultSecret ${this.node.path}`;
        // Never echo the value itself: it may be a secret typed in by mistake.
        if (literal)
          problems.push(
            `${where}: value must be a Terraform reference (e.g. a sensitive variable), not a literal string`,
          );
        if (!/^[0-9a-zA-Z-]{1,127}$/.test(props.name)) {
          problems.push(`${where}: name = "${props.name}" must be 1-127 letters, digits and '-'`);
        }
        if (!Number.isInteger(valueVersion) || valueVersion < 1) {
          problems.push(`${where}: valueVersion = ${valueVersion} must be a whole number >= 1`);
        }
        return problems;
      },
    });
    this.resource = new AzKeyVaultSecret(this, "secret", {
      name: props.name,
      keyVaultId: props.vault.id,
      valueWo: literal ? undefined : props.value,
      valueWoVersion: valueVersion,
      contentType: props.contentType,
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
}
