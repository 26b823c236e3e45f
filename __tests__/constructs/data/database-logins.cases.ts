import { TerraformVariable } from "cdktf";
import {
  changePasswordStatement,
  createLoginStatement,
  databaseLoginPlan,
  grantStatements,
  SLOT_LOGIN_ATTRIBUTES,
  slotGrants,
  slotLoginStatements,
} from "../../../constructs/database-logins";
import { EphemeralVaultSecret } from "../../../constructs/ephemeral-vault-secret";
import { PostgresLogins } from "../../../constructs/postgres-logins";
import { PostgresqlProvider } from "../../../constructs/providers";
import { resourcesOf, synth, testStack, tf, validationErrors } from "../helpers";

const plan = databaseLoginPlan({ slots: ["production", "staging"] });
const [production, staging] = plan.slots;

describe("databaseLoginPlan", () => {
  test("a login per slot, named like its database; secrets for the URL, the login and the administrator", () => {
    expect(plan).toEqual({
      administratorLogin: "pgadmin",
      administratorSecretName: "database-admin-password",
      slots: [
        {
          slot: "production",
          database: "app_production",
          login: "app_production",
          passwordSecretName: "database-login-production",
          urlSecretName: "database-url-production",
        },
        {
          slot: "staging",
          database: "app_staging",
          login: "app_staging",
          passwordSecretName: "database-login-staging",
          urlSecretName: "database-url-staging",
        },
      ],
    });
  });

  test("prefixes, '-' in slot names and a slot listed twice", () => {
    const custom = databaseLoginPlan({
      slots: ["production", "qa-1", "qa-1"],
      databaseNamePrefix: "shop",
      secretNamePrefix: "shop-",
      administratorLogin: "dbadmin",
    });
    expect(custom.administratorLogin).toBe("dbadmin");
    expect(custom.administratorSecretName).toBe("shop-database-admin-password");
    expect(custom.slots.map((l) => [l.login, l.passwordSecretName, l.urlSecretName])).toEqual([
      ["shop_production", "shop-database-login-production", "shop-database-url-production"],
      ["shop_qa_1", "shop-database-login-qa-1", "shop-database-url-qa-1"],
    ]);
  });
});

describe("the slot logins' privileges and SQL", () => {
  test("every login: LOGIN, and no SUPERUSER, CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS", () => {
    expect(SLOT_LOGIN_ATTRIBUTES).toMatchObject({
      login: true,
      superuser: false,
      createDatabase: false,
      createRole: false,
      replication: false,
      bypassRowLevelSecurity: false,
    });
    expect(createLoginStatement(staging, "s3cret'x").sql).toBe(
      `CREATE ROLE "app_staging" WITH ENCRYPTED PASSWORD 's3cret''x' VALID UNTIL 'infinity' CONNECTION LIMIT -1 NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT LOGIN NOBYPASSRLS NOREPLICATION`,
    );
    expect(changePasswordStatement(staging, "n3w").sql).toBe(`ALTER ROLE "app_staging" PASSWORD 'n3w'`);
  });

  test("a slot's grants: PUBLIC loses its database, the login gets it, its schema, tables and sequences", () => {
    expect(slotGrants(staging)).toEqual([
      {
        name: "revoke-public",
        database: "app_staging",
        role: "public",
        objectType: "database",
        privileges: [],
      },
      {
        name: "database",
        database: "app_staging",
        role: "app_staging",
        objectType: "database",
        privileges: ["CONNECT", "TEMPORARY"],
      },
      {
        name: "schema",
        database: "app_staging",
        role: "app_staging",
        objectType: "schema",
        schema: "public",
        privileges: ["CREATE", "USAGE"],
      },
      {
        name: "tables",
        database: "app_staging",
        role: "app_staging",
        objectType: "table",
        schema: "public",
        privileges: ["DELETE", "INSERT", "SELECT", "UPDATE"],
      },
      {
        name: "sequences",
        database: "app_staging",
        role: "app_staging",
        objectType: "sequence",
        schema: "public",
        privileges: ["SELECT", "UPDATE", "USAGE"],
      },
    ]);
  });

  test("grant statements revoke everything first, then grant exactly the privileges, in the grant's database", () => {
    const [revokePublic, database, schema, tables] = slotGrants(staging);
    expect(grantStatements(revokePublic)).toEqual([
      { database: "app_staging", sql: `REVOKE ALL PRIVILEGES ON DATABASE "app_staging" FROM "public"` },
    ]);
    expect(grantStatements(database).map((s) => s.sql)).toEqual([
      `REVOKE ALL PRIVILEGES ON DATABASE "app_staging" FROM "app_staging"`,
      `GRANT CONNECT,TEMPORARY ON DATABASE "app_staging" TO "app_staging"`,
    ]);
    expect(grantStatements(schema).map((s) => s.sql)).toEqual([
      `REVOKE ALL PRIVILEGES ON SCHEMA "public" FROM "app_staging"`,
      `GRANT CREATE,USAGE ON SCHEMA "public" TO "app_staging"`,
    ]);
    expect(grantStatements(tables).map((s) => s.sql)).toEqual([
      `REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA "public" FROM "app_staging"`,
      `GRANT DELETE,INSERT,SELECT,UPDATE ON ALL TABLES IN SCHEMA "public" TO "app_staging"`,
    ]);
  });

  test("slotLoginStatements: each slot's login, then its grants", () => {
    const statements = slotLoginStatements(plan, { production: "p", staging: "s" });
    expect(statements).toHaveLength(2 * (1 + 9));
    expect(statements[0]).toEqual(createLoginStatement(production, "p"));
    expect(statements[10]).toEqual(createLoginStatement(staging, "s"));
    expect(statements.slice(11)).toEqual(slotGrants(staging).flatMap(grantStatements));
  });
});

/** A stack with a postgresql provider and the logins of `plan`, passwords from ephemeral secrets. */
function logins(passwords?: Record<string, string>, passwordVersion = 1) {
  const t = testStack();
  const provider = new PostgresqlProvider(t.stack, "postgresql", { host: "db.example", superuser: false });
  const secret = (slot: string) =>
    new EphemeralVaultSecret(t.stack, `login-${slot}`, {
      vaultId: "/vault/id",
      name: `database-login-${slot}`,
    });
  const construct = new PostgresLogins(t.stack, "logins", {
    plan,
    provider,
    passwords: passwords ?? { production: secret("production").value, staging: secret("staging").value },
    passwordVersion,
  });
  return { ...t, construct };
}

describe("PostgresLogins", () => {
  test("one role per slot with the login attributes and a write-only password from an ephemeral secret", () => {
    const { stack } = logins(undefined, 4);
    const json = synth(stack);
    const roles = Object.values(resourcesOf(json, "postgresql_role"));
    expect(roles.map((role) => role.name)).toEqual(["app_production", "app_staging"]);
    const ephemeral = json.ephemeral.azurerm_key_vault_secret;
    for (const role of roles) {
      const slot = role.name.replace("app_", "");
      const [secretId] = Object.entries(ephemeral).find(
        ([, s]: [string, any]) => s.name === `database-login-${slot}`,
      ) as [string, unknown];
      expect(role).toEqual({
        name: role.name,
        login: true,
        superuser: false,
        create_database: false,
        create_role: false,
        inherit: true,
        replication: false,
        bypass_row_level_security: false,
        connection_limit: -1,
        password_wo: tf(`ephemeral.azurerm_key_vault_secret.${secretId}.value`),
        password_wo_version: "4",
        provider: "postgresql",
      });
      expect(role).not.toHaveProperty("password");
    }
  });

  test("the grants are the plan's, each login's own referring to its role", () => {
    const { stack } = logins();
    const json = synth(stack);
    const roleRef = (name: string) => {
      const [id] =
        Object.entries(resourcesOf(json, "postgresql_role")).find(([, r]) => r.name === name) ?? [];
      return tf(`postgresql_role.${id}.name`);
    };
    const grants = Object.values(resourcesOf(json, "postgresql_grant")).map((g) => ({
      database: g.database,
      role: g.role,
      objectType: g.object_type,
      schema: g.schema,
      privileges: g.privileges,
    }));
    const expected = plan.slots.flatMap((login) =>
      slotGrants(login).map(({ name: _, ...grant }) => ({
        ...grant,
        schema: grant.schema,
        role: grant.role === "public" ? "public" : roleRef(grant.role),
      })),
    );
    expect(grants).toEqual(expect.arrayContaining(expected));
    expect(grants).toHaveLength(expected.length);
  });

  test("refuses literal and missing passwords, and a bad passwordVersion", () => {
    const { stack } = logins({ production: "hunter2" }, 0);
    expect(validationErrors(stack)).toEqual([
      "PostgresLogins test/logins: passwords.production must be a Terraform reference (an ephemeral Key Vault secret), not a literal string",
      "PostgresLogins test/logins: passwords.staging is missing; every slot of the plan needs its password",
      "PostgresLogins test/logins: passwordVersion = 0 must be a whole number >= 1",
    ]);
  });

  test("a Terraform variable is accepted as a password source", () => {
    const t = testStack();
    const variable = (name: string) =>
      new TerraformVariable(t.stack, name, { type: "string", sensitive: true }).stringValue;
    new PostgresLogins(t.stack, "logins", {
      plan,
      provider: new PostgresqlProvider(t.stack, "postgresql", {}),
      passwords: { production: variable("production"), staging: variable("staging") },
      passwordVersion: 1,
    });
    expect(validationErrors(t.stack)).toEqual([]);
  });
});

describe("EphemeralVaultSecret", () => {
  test("an ephemeral block in the stack's JSON, referenced by value, unique per construct", () => {
    const t = testStack();
    const first = new EphemeralVaultSecret(t.stack, "admin", {
      vaultId: "${data.x.id}",
      name: "database-admin-password",
    });
    const second = new EphemeralVaultSecret(t.stack, "login", {
      vaultId: "${data.x.id}",
      name: "database-login-staging",
    });
    const json = synth(t.stack);
    expect(json.ephemeral.azurerm_key_vault_secret).toEqual({
      [first.logicalId]: { name: "database-admin-password", key_vault_id: "${data.x.id}" },
      [second.logicalId]: { name: "database-login-staging", key_vault_id: "${data.x.id}" },
    });
    expect(first.logicalId).toMatch(/^admin_[0-9a-f]{8}$/);
    expect(first.value).not.toBe(second.value);
  });

  test("refuses a name Key Vault would refuse", () => {
    const t = testStack();
    new EphemeralVaultSecret(t.stack, "bad", { vaultId: "/vault", name: "database_url" });
    expect(validationErrors(t.stack)).toEqual([
      `EphemeralVaultSecret test/bad: name = "database_url" must be 1-127 letters, digits and '-'`,
    ]);
  });
});
