import type { Construct } from "constructs";
import { secretVariable } from "../constructs/secret-variable";
import type { SecretVault } from "../constructs/secret-vault";
import type { VaultSecret } from "../constructs/vault-secret";

/**
 * A vault secret whose value arrives at deploy time as the sensitive, ephemeral variable named
 * like the secret with '_' for '-' (`api-key` -> `TF_VAR_api_key`). The variable belongs to the
 * stack, so HCP Terraform workspaces and `cdktf deploy` see it under that name.
 */
export function secretFromVariable(
  scope: Construct,
  vault: SecretVault,
  secret: {
    readonly name: string;
    readonly version: number;
    readonly what: string;
    /** The secret's `content_type`. @default "text/plain" */
    readonly contentType?: string;
  },
): VaultSecret {
  const variable = secretVariable(
    scope,
    secret.name.replace(/-/g, "_"),
    `${secret.what}; stored in Key Vault secret "${secret.name}"`,
  );
  return vault.addSecret(`secret-${secret.name}`, {
    name: secret.name,
    value: variable.value,
    valueVersion: secret.version,
    contentType: secret.contentType,
  });
}
