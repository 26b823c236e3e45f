import type { PolicyRule } from "../policy-rule";

/** Registry and Key Vault rules. */
export const REGISTRY_AND_VAULT_RULES: readonly PolicyRule[] = [
  {
    id: "APS010",
    title: "ACR admin user and anonymous pull off",
    rationale: "the admin user is a shared password; anonymous pull publishes every image",
    severity: "error",
    resourceTypes: ["azurerm_container_registry"],
    check: (r) => [
      ...(r.attributes.admin_enabled === true ? ["admin_enabled is true"] : []),
      ...(r.attributes.anonymous_pull_enabled === true ? ["anonymous_pull_enabled is true"] : []),
    ],
  },
  {
    id: "APS011",
    title: "Purge protection on production vaults",
    rationale: "without it a deleted or compromised vault's secrets can be purged for good",
    severity: "error",
    resourceTypes: ["azurerm_key_vault"],
    check: (r, stack) =>
      stack.production && r.attributes.purge_protection_enabled !== true
        ? ["purge_protection_enabled is not true in a production environment"]
        : [],
  },
  {
    id: "APS012",
    title: "Key Vault grants per secret (RBAC)",
    rationale:
      "an access policy gives a reader every secret of the vault, so one slot's identity can read another slot's secrets; RBAC grants each identity only its own",
    severity: "warning",
    resourceTypes: ["azurerm_key_vault"],
    check: (r) =>
      r.attributes.rbac_authorization_enabled === false
        ? [
            'rbac_authorization_enabled is false: slots are not isolated by permission (set vault.authorization to "rbac")',
          ]
        : [],
  },
];
