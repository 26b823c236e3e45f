import {
  isSecretAttribute,
  isSecretSettingName,
  REDACTED,
  redactTree,
  valueAt,
} from "../../../tools/review/redact";

describe("isSecretAttribute", () => {
  it.each([
    "value",
    "value_wo",
    "password",
    "administrator_password",
    "administrator_password_wo",
    "client_secret",
    "primary_access_key",
    "instrumentation_key",
    "docker_registry_password",
    "token",
  ])("treats %s as secret", (name) => {
    expect(isSecretAttribute(name)).toBe(true);
  });

  it.each([
    "name",
    "key_vault_id",
    "key_vault_secret_id",
    "key_vault_reference_identity_id",
    "value_wo_version",
    "secret_permissions",
    "key_permissions",
    "key",
  ])("treats %s as not secret", (name) => {
    expect(isSecretAttribute(name)).toBe(false);
  });
});

describe("isSecretSettingName", () => {
  it("flags passwords, keys, tokens, connection strings and database URLs", () => {
    for (const name of [
      "DB_PASSWORD",
      "API_KEY",
      "GITHUB_TOKEN",
      "SB_CONNECTION_STRING",
      "DATABASE_URL",
      "CLIENT_SECRET",
    ]) {
      expect(isSecretSettingName(name)).toBe(true);
    }
    expect(isSecretSettingName("WEBSITES_PORT")).toBe(false);
  });
});

describe("redactTree", () => {
  const stack = {
    variable: {
      db_password: { type: "string", sensitive: true, default: "s3cr3t" },
      region: { type: "string", default: "westeurope" },
    },
    resource: {
      azurerm_key_vault_secret: {
        db_password: { name: "db-password", value: "hunter2", value_wo_version: 3, key_vault_id: "kv-id" },
      },
      azurerm_linux_web_app: {
        api: {
          app_settings: {
            WEBSITES_PORT: "8000",
            DB_PASSWORD: "@Microsoft.KeyVault(SecretUri=https://kv/secrets/db/)",
            API_TOKEN: "literal-token",
          },
          site_config: [
            { application_stack: [{ docker_registry_password: "reg-pass", docker_image_name: "api:1" }] },
          ],
          connection_string: [{ name: "db", type: "PostgreSQL", value: "Server=x;Password=p" }],
        },
      },
      azurerm_monitor_autoscale_setting: {
        scale: { profile: [{ rule: [{ scale_action: { value: 2, direction: "Increase" } }] }] },
      },
    },
  };
  const redacted = redactTree(stack);

  it("redacts secret attributes at any depth and keeps their siblings", () => {
    expect(valueAt(redacted, ["resource", "azurerm_key_vault_secret", "db_password", "value"])).toBe(
      REDACTED,
    );
    expect(
      valueAt(redacted, ["resource", "azurerm_key_vault_secret", "db_password", "value_wo_version"]),
    ).toBe(3);
    const app = ["resource", "azurerm_linux_web_app", "api"];
    expect(
      valueAt(redacted, [...app, "site_config", "0", "application_stack", "0", "docker_registry_password"]),
    ).toBe(REDACTED);
    expect(
      valueAt(redacted, [...app, "site_config", "0", "application_stack", "0", "docker_image_name"]),
    ).toBe("api:1");
    expect(valueAt(redacted, [...app, "connection_string", "0", "value"])).toBe(REDACTED);
    expect(valueAt(redacted, [...app, "connection_string", "0", "name"])).toBe("db");
  });

  it("shows app settings unless the name looks secret and the value is not a Key Vault reference", () => {
    const settings = valueAt(redacted, ["resource", "azurerm_linux_web_app", "api", "app_settings"]);
    expect(settings).toEqual({
      WEBSITES_PORT: "8000",
      DB_PASSWORD: "@Microsoft.KeyVault(SecretUri=https://kv/secrets/db/)",
      API_TOKEN: REDACTED,
    });
  });

  it("redacts defaults of sensitive variables only", () => {
    expect(valueAt(redacted, ["variable", "db_password", "default"])).toBe(REDACTED);
    expect(valueAt(redacted, ["variable", "db_password", "sensitive"])).toBe(true);
    expect(valueAt(redacted, ["variable", "region", "default"])).toBe("westeurope");
  });

  it("does not take resource ids or autoscale change counts for secrets", () => {
    expect(valueAt(redacted, ["resource", "azurerm_key_vault_secret", "db_password", "name"])).toBe(
      "db-password",
    );
    expect(
      valueAt(redacted, [
        "resource",
        "azurerm_monitor_autoscale_setting",
        "scale",
        "profile",
        "0",
        "rule",
        "0",
        "scale_action",
        "value",
      ]),
    ).toBe(2);
  });

  it("never leaks a planted value anywhere in the output", () => {
    const text = JSON.stringify(redacted);
    for (const secret of ["s3cr3t", "hunter2", "literal-token", "reg-pass", "Password=p"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("reports paths through a redacted value as redacted and missing paths as undefined", () => {
    expect(valueAt({ value: REDACTED }, ["value", "nested"])).toBe(REDACTED);
    expect(valueAt({ a: {} }, ["a", "b"])).toBeUndefined();
  });
});

test("a version counter names a secret but is shown", () => {
  expect(isSecretSettingName("DATABASE_CREDENTIALS_VERSION")).toBe(false);
  expect(isSecretSettingName("DATABASE_CREDENTIALS")).toBe(true);
});

test("a write-only secret's version counter is shown", () => {
  expect(isSecretAttribute("administrator_password_wo_version")).toBe(false);
  expect(isSecretAttribute("administrator_password_wo")).toBe(true);
});
