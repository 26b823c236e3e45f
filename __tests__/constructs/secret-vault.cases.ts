import { AppIdentity } from "../../constructs/app-identity";
import { DeployingPrincipal } from "../../constructs/deploying-principal";
import { AzKeyVaultAccessPolicy, TimeSleep } from "../../constructs/providers";
import { secretVariable } from "../../constructs/secret-variable";
import { SecretVault, type SecretVaultProps } from "../../constructs/secret-vault";
import {
  dataIdOf,
  type Json,
  RG_LOCATION,
  RG_NAME,
  refOf,
  resolved,
  resourceOf,
  resourcesOf,
  resourcesWhere,
  synth,
  synthError,
  testStack,
} from "./helpers";

const KV = "azurerm_key_vault";
const RA = "azurerm_role_assignment";
const POLICY = "azurerm_key_vault_access_policy";

function vault(props: Partial<SecretVaultProps> = {}) {
  const t = testStack();
  const construct = new SecretVault(t.stack, "kv", { name: "kv-contoso", resourceGroup: t.rg, ...props });
  return { ...t, vault: construct };
}

const clientConfig = (json: Json, attribute: string) =>
  `\${data.azurerm_client_config.${dataIdOf(json, "azurerm_client_config")}.${attribute}}`;

describe("SecretVault", () => {
  test("defaults: RBAC, purge protection, 90 days retention, standard sku, tenant from azurerm_client_config", () => {
    const { stack } = vault();
    const json = synth(stack);
    const kv = resourceOf(json, KV);
    expect(kv).toEqual({
      name: "kv-contoso",
      resource_group_name: RG_NAME,
      location: RG_LOCATION,
      tenant_id: clientConfig(json, "tenant_id"),
      sku_name: "standard",
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
    });
    // azurerm 4.x deprecates enable_rbac_authorization in favour of rbac_authorization_enabled.
    expect(kv).not.toHaveProperty("enable_rbac_authorization");
  });

  test("overrides: location, sku, purge protection off, retention, tags", () => {
    const { stack } = vault({
      location: "northeurope",
      skuName: "premium",
      purgeProtectionEnabled: false,
      softDeleteRetentionDays: 7,
      tags: { env: "dev" },
    });
    const kv = resourceOf(synth(stack), KV);
    expect(kv).toMatchObject({
      location: "northeurope",
      sku_name: "premium",
      purge_protection_enabled: false,
      soft_delete_retention_days: 7,
      tags: { env: "dev" },
    });
  });

  test("exposes id and vault URI references", () => {
    const { stack, vault: v } = vault();
    const json = synth(stack);
    expect(resolved(stack, v.id)).toBe(refOf(json, KV, "id"));
    expect(resolved(stack, v.vaultUri)).toBe(refOf(json, KV, "vault_uri"));
    expect(v.authorization).toBe("rbac");
  });

  test("public network access: open by default (no network_acls), an allow-list, or off", () => {
    expect(resourceOf(synth(vault().stack), KV)).not.toHaveProperty("network_acls");
    const allowList = resourceOf(
      synth(
        vault({ publicNetworkAccess: "allowList", allowedAddresses: ["203.0.113.7", "198.51.100.0/28"] })
          .stack,
      ),
      KV,
    );
    expect(allowList).toMatchObject({
      public_network_access_enabled: true,
      // No trusted-services bypass: the apps come through the private endpoint.
      network_acls: {
        default_action: "Deny",
        bypass: "None",
        ip_rules: ["203.0.113.7/32", "198.51.100.0/28"],
      },
    });
    const off = resourceOf(synth(vault({ publicNetworkAccess: "disabled" }).stack), KV);
    expect(off).toMatchObject({
      public_network_access_enabled: false,
      network_acls: { default_action: "Deny", bypass: "None", ip_rules: [] },
    });
  });

  test("refuses private addresses in the allow-list, naming each", () => {
    expect(
      synthError(vault({ publicNetworkAccess: "allowList", allowedAddresses: ["10.1.2.3"] }).stack),
    ).toContain(
      'SecretVault test/kv: allowedAddresses[0] = "10.1.2.3" must be a public address: private and reserved ranges never reach a public endpoint',
    );
  });

  test.each([6, 91, 0, 30.5])("refuses softDeleteRetentionDays = %d", (days) => {
    expect(synthError(vault({ softDeleteRetentionDays: days }).stack)).toContain(
      `SecretVault test/kv: softDeleteRetentionDays = ${days} must be a whole number from 7 to 90`,
    );
  });

  describe("RBAC mode", () => {
    test("the deployer gets Key Vault Secrets Officer on the vault, and a time_sleep waits for it", () => {
      const { stack, vault: v } = vault();
      const json = synth(stack);
      const officer = resourceOf(json, RA);
      expect(officer).toMatchObject({
        role_definition_name: "Key Vault Secrets Officer",
        scope: refOf(json, KV, "id"),
        principal_id: clientConfig(json, "object_id"),
      });
      const raId = Object.keys(resourcesOf(json, RA))[0];
      expect(resourceOf(json, "time_sleep")).toEqual({
        create_duration: "60s",
        depends_on: [`azurerm_role_assignment.${raId}`],
        triggers: { grant_0: `\${azurerm_role_assignment.${raId}.id}` },
      });
      expect(v.writeAccess).toBeInstanceOf(TimeSleep);
      expect(resourcesOf(json, POLICY)).toEqual({});
    });

    test("rbacPropagationWait overrides the wait", () => {
      const { stack } = vault({ rbacPropagationWait: "3m" });
      expect(resourceOf(synth(stack), "time_sleep").create_duration).toBe("3m");
    });

    test("a given deployer is used instead of a new azurerm_client_config", () => {
      const { stack, rg } = testStack();
      const deployer = new DeployingPrincipal(stack, "ci");
      const v = new SecretVault(stack, "kv", { name: "kv-x", resourceGroup: rg, deployer });
      expect(v.deployer).toBe(deployer);
      const json = synth(stack);
      expect(Object.keys(json.data.azurerm_client_config)).toHaveLength(1);
      expect(resourceOf(json, RA).principal_id).toBe(clientConfig(json, "object_id"));
      expect(resourceOf(json, KV).tenant_id).toBe(clientConfig(json, "tenant_id"));
    });

    test("the deployer's wait covers only the deployer's grants, not a reader's", () => {
      const { stack, rg, vault: v } = vault();
      const identity = new AppIdentity(stack, "api", { name: "id-api", resourceGroup: rg });
      const secret = v.addSecret("db", {
        name: "db-password",
        value: secretVariable(stack, "db_pw", "pw").stringValue,
      });
      secret.grantRead(identity);
      const json = synth(stack);
      const waits = Object.values(resourcesOf(json, "time_sleep"));
      expect(waits).toHaveLength(1);
      expect(waits[0].depends_on).toHaveLength(1);
    });
  });

  describe("access-policy mode", () => {
    test("no RBAC on the vault, no role assignments, no wait; the deployer gets write permissions", () => {
      const { stack, vault: v } = vault({ authorization: "accessPolicy" });
      expect(v.authorization).toBe("accessPolicy");
      const json = synth(stack);
      expect(resourceOf(json, KV).rbac_authorization_enabled).toBe(false);
      expect(resourcesOf(json, RA)).toEqual({});
      expect(resourcesOf(json, "time_sleep")).toEqual({});
      expect(v.writeAccess).toBeInstanceOf(AzKeyVaultAccessPolicy);
      expect(resourceOf(json, POLICY)).toEqual({
        key_vault_id: refOf(json, KV, "id"),
        tenant_id: clientConfig(json, "tenant_id"),
        object_id: clientConfig(json, "object_id"),
        secret_permissions: ["Get", "List", "Set", "Delete", "Recover", "Purge"],
      });
    });

    test("grantAccessPolicy keeps one policy per principal and widens it with each grant", () => {
      const { stack, rg, vault: v } = vault({ authorization: "accessPolicy" });
      const identity = new AppIdentity(stack, "api", { name: "id-api", resourceGroup: rg });
      const read = v.grantAccessPolicy(identity, ["Get"]);
      const write = v.grantAccessPolicy(identity, ["Get", "Set"]);
      expect(write.resource).toBe(read.resource);
      expect(write.role).toBe("access policy: Get, Set");
      const json = synth(stack);
      const policies = resourcesWhere(
        json,
        POLICY,
        (p) => p.object_id === refOf(json, "azurerm_user_assigned_identity", "principal_id"),
      );
      expect(policies).toEqual([
        {
          key_vault_id: refOf(json, KV, "id"),
          tenant_id: clientConfig(json, "tenant_id"),
          object_id: refOf(json, "azurerm_user_assigned_identity", "principal_id"),
          secret_permissions: ["Get", "Set"],
        },
      ]);
      expect(Object.keys(resourcesOf(json, POLICY))).toHaveLength(2);
      expect(resourcesOf(json, RA)).toEqual({});
    });

    test("secrets wait for the deployer's access policy", () => {
      const { stack, vault: v } = vault({ authorization: "accessPolicy" });
      v.addSecret("db", {
        name: "db-password",
        value: secretVariable(stack, "db_password", "pw").stringValue,
      });
      const json = synth(stack);
      const policyId = Object.keys(resourcesOf(json, POLICY))[0];
      expect(resourceOf(json, "azurerm_key_vault_secret").depends_on).toEqual([
        `azurerm_key_vault_access_policy.${policyId}`,
      ]);
    });
  });

  test("addSecret creates a secret in this vault", () => {
    const { stack, vault: v } = vault();
    const secret = v.addSecret("db", {
      name: "db-password",
      value: secretVariable(stack, "db_password", "pw").stringValue,
    });
    expect(secret.vault).toBe(v);
    expect(secret.node.scope).toBe(v);
    const json = synth(stack);
    expect(resourceOf(json, "azurerm_key_vault_secret").key_vault_id).toBe(refOf(json, KV, "id"));
  });
});
