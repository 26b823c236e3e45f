import { ref, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { isUnresolved, type PropProblem, validationMessages } from "./problems";
import { SECRET_NAME } from "./vault-secret";

/** Terraform's block type of the ephemeral resource (azurerm 4.11 and later). */
export const EPHEMERAL_SECRET_TYPE = "azurerm_key_vault_secret";

export interface EphemeralVaultSecretProps {
  /** Resource id of the vault (e.g. a `data.azurerm_key_vault` id). */
  readonly vaultId: string;
  /** Secret name. */
  readonly name: string;
}

export function ephemeralVaultSecretProblems(props: EphemeralVaultSecretProps): PropProblem[] {
  if (isUnresolved(props.name) || SECRET_NAME.test(props.name)) return [];
  return [{ prop: ["name"], value: props.name, rule: "must be 1-127 letters, digits and '-'" }];
}

/**
 * A Key Vault secret read for the duration of one Terraform run (`ephemeral
 * "azurerm_key_vault_secret"`, Terraform 1.10+): its value reaches a provider configuration or
 * a write-only argument and is never written to the plan or the state. The principal running
 * Terraform needs read access to the secret.
 *
 * cdktf 0.21 has no binding for ephemeral resources, so the block is added to the stack's JSON
 * with `addOverride`, and {@link value} is a reference to it.
 */
export class EphemeralVaultSecret extends Construct {
  /** The block's name in `ephemeral.azurerm_key_vault_secret.<name>`: unique in the stack. */
  readonly logicalId: string;

  constructor(scope: Construct, id: string, props: EphemeralVaultSecretProps) {
    super(scope, id);
    this.node.addValidation({
      validate: () => validationMessages("EphemeralVaultSecret", this, ephemeralVaultSecretProblems(props)),
    });
    const stack = TerraformStack.of(this);
    // The path below the stack, readable, and unique: the address is a hash of the full path.
    const readable = this.node.scopes
      .slice(this.node.scopes.indexOf(stack) + 1)
      .map((scope) => scope.node.id)
      .join("_")
      .replace(/[^A-Za-z0-9_-]/g, "_");
    this.logicalId = `${readable}_${this.node.addr.slice(0, 8)}`;
    stack.addOverride(`ephemeral.${EPHEMERAL_SECRET_TYPE}.${this.logicalId}`, {
      name: props.name,
      key_vault_id: props.vaultId,
    });
  }

  /** The secret's value: usable in provider configurations and write-only (`*_wo`) arguments only. */
  get value(): string {
    return Token.asString(
      ref(`ephemeral.${EPHEMERAL_SECRET_TYPE}.${this.logicalId}.value`, TerraformStack.of(this)),
    );
  }
}
