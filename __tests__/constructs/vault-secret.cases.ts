import { Testing } from "cdktf";
import { AppIdentity } from "../../constructs/app-identity";
import { secretVariable } from "../../constructs/secret-variable";
import { SecretVault } from "../../constructs/secret-vault";
import { VaultSecret, type VaultSecretOptions } from "../../constructs/vault-secret";
import {
  refOf,
  resolved,
  resourceOf,
  resourcesOf,
  synth,
  synthError,
  testStack,
  tf,
  validationErrors,
} from "./helpers";

const SECRET = "azurerm_key_vault_secret";

function secret(options: Partial<VaultSecretOptions> & { literal?: string } = {}) {
  const t = testStack();
  const vault = new SecretVault(t.stack, "kv", { name: "kv-contoso", resourceGroup: t.rg });
  const variable = secretVariable(t.stack, "db_password", "Database password");
  const { literal, ...rest } = options;
  const construct = new VaultSecret(t.stack, "db", {
    vault,
    name: "db-password",
    value: literal ?? variable.stringValue,
    ...rest,
  });
  return { ...t, vault, secret: construct };
}

describe("VaultSecret", () => {
  test("writes the variable through value_wo, version 1, in the vault, after the deployer's access", () => {
    const { stack } = secret();
    const json = synth(stack);
    const sleepId = Object.keys(resourcesOf(json, "time_sleep"))[0];
    expect(resourceOf(json, SECRET)).toEqual({
      name: "db-password",
      key_vault_id: refOf(json, "azurerm_key_vault", "id"),
      value_wo: tf("var.db_password"),
      value_wo_version: 1,
      content_type: "text/plain",
      depends_on: [`time_sleep.${sleepId}`],
    });
    expect(resourceOf(json, SECRET)).not.toHaveProperty("value");
  });

  test("the secret value never appears in the synthesized JSON, only the variable reference", () => {
    const { stack } = secret();
    const text = JSON.stringify(synth(stack));
    expect(text).not.toMatch(/"value":/);
    expect(text).toContain(`"value_wo":"${tf("var.db_password")}"`);
  });

  test("overrides: valueVersion and contentType", () => {
    const { stack } = secret({ valueVersion: 3, contentType: "application/x-postgresql-url" });
    const resource = resourceOf(synth(stack), SECRET);
    expect(resource.value_wo_version).toBe(3);
    expect(resource.content_type).toBe("application/x-postgresql-url");
  });

  describe("grantRead", () => {
    test("RBAC: Key Vault Secrets User on this secret's versionless resource id only, once", () => {
      const { stack, rg, secret: s } = secret();
      const identity = new AppIdentity(stack, "api", { name: "id-api", resourceGroup: rg });
      const grant = s.grantRead(identity);
      expect(s.grantRead(identity)).toBe(grant);
      expect(identity.grants.all).toEqual([grant]);
      const json = synth(stack);
      const readers = Object.values(resourcesOf(json, "azurerm_role_assignment")).filter(
        (ra: any) => ra.role_definition_name === "Key Vault Secrets User",
      );
      expect(readers).toEqual([
        expect.objectContaining({
          scope: refOf(json, SECRET, "resource_versionless_id"),
          principal_id: refOf(json, "azurerm_user_assigned_identity", "principal_id"),
        }),
      ]);
    });

    test("two secrets read by two identities: each identity holds a grant on its own secret only", () => {
      const { stack, rg, vault } = secret();
      const other = vault.addSecret("other", {
        name: "other",
        value: secretVariable(stack, "other", "x").stringValue,
      });
      const mine = new AppIdentity(stack, "mine", { name: "id-mine", resourceGroup: rg });
      const theirs = new AppIdentity(stack, "theirs", { name: "id-theirs", resourceGroup: rg });
      other.grantRead(theirs);
      expect(mine.grants.all).toEqual([]);
      expect(theirs.grants.all.map((g) => resolved(stack, g.scope))).toEqual([
        resolved(stack, other.resource.resourceVersionlessId),
      ]);
    });

    test("access policy: the identity gets Get on the vault (no per-secret scope exists)", () => {
      const t = testStack();
      const vault = new SecretVault(t.stack, "kv", {
        name: "kv-x",
        resourceGroup: t.rg,
        authorization: "accessPolicy",
      });
      const s = vault.addSecret("db", { name: "db", value: secretVariable(t.stack, "db", "x").stringValue });
      const identity = new AppIdentity(t.stack, "api", { name: "id-api", resourceGroup: t.rg });
      s.grantRead(identity);
      const json = synth(t.stack);
      const policies = Object.values(resourcesOf(json, "azurerm_key_vault_access_policy")).filter(
        (p: any) => p.object_id === refOf(json, "azurerm_user_assigned_identity", "principal_id"),
      );
      expect(policies).toEqual([expect.objectContaining({ secret_permissions: ["Get"] })]);
    });
  });

  test("appSettingReference is a versionless Key Vault reference", () => {
    const { stack, secret: s } = secret();
    const json = synth(stack);
    expect(resolved(stack, s.versionlessId)).toBe(refOf(json, SECRET, "versionless_id"));
    expect(resolved(stack, s.appSettingReference)).toBe(
      `@Microsoft.KeyVault(SecretUri=${refOf(json, SECRET, "versionless_id")})`,
    );
  });

  test("a literal value is refused without echoing it, and is not written anywhere", () => {
    const literal = "hunter2-Sup3rS3cret";
    const { stack } = secret({ literal });
    const error = synthError(stack);
    expect(error).toContain(
      "VaultSecret test/db: value must be a Terraform reference (e.g. a sensitive variable), not a literal string",
    );
    expect(error).not.toContain(literal);
    const unvalidated = JSON.parse(Testing.synth(stack));
    expect(JSON.stringify(unvalidated)).not.toContain(literal);
    expect(resourceOf(unvalidated, SECRET)).not.toHaveProperty("value_wo");
  });

  test.each(["db_password", "db password", "", "x".repeat(128), "pässword"])("refuses name %j", (name) => {
    const { stack } = secret({ name });
    expect(synthError(stack)).toContain(
      `VaultSecret test/db: name = "${name}" must be 1-127 letters, digits and '-'`,
    );
  });

  test("accepts a 127-character name of letters, digits and '-'", () => {
    const { stack } = secret({ name: `a-1${"b".repeat(124)}` });
    expect(validationErrors(stack)).toEqual([]);
  });

  test.each([0, -1, 1.5])("refuses valueVersion = %d", (valueVersion) => {
    expect(synthError(secret({ valueVersion }).stack)).toContain(
      `VaultSecret test/db: valueVersion = ${valueVersion} must be a whole number >= 1`,
    );
  });
});
