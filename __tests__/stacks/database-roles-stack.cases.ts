import { App, Testing } from "cdktf";
import { loadConfig } from "../../config/load-config";
import { type SlotGrant, slotGrants } from "../../constructs/database-logins";
import { apiDatabaseLoginPlan } from "../../stacks/api-database";
import { DatabaseRolesStack, POSTGRESQL_PROVIDER_VERSION } from "../../stacks/database-roles-stack";
import { REPO_ROOT, resourcesByPath, synthPlatform, type TerraformJson } from "./platform-fixture";

/** The embedded default: dev (public server, no slots) and prod (private server, a staging slot). */
const synth = synthPlatform();
const roles = (env: string) => synth.stacks[`contoso-${env}-database-roles`];

/** The ephemeral secret blocks of a stack, by logical id. */
const ephemeralSecrets = (json: TerraformJson): Record<string, { name: string; key_vault_id: string }> =>
  json.ephemeral?.azurerm_key_vault_secret ?? {};

/** The logical id of the ephemeral secret named `name`, as `${ephemeral...value}`. */
function ephemeralValue(json: TerraformJson, name: string): string {
  const entry = Object.entries(ephemeralSecrets(json)).find(([, secret]) => secret.name === name);
  if (!entry) throw new Error(`no ephemeral secret named ${name}`);
  return `\${ephemeral.azurerm_key_vault_secret.${entry[0]}.value}`;
}

/** Every value of a JSON document, as strings. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("<app>-<env>-database-roles", () => {
  test("one per environment with a database, after the environment and, for a public server, its access stack", () => {
    expect(synth.manifest.stacks["contoso-dev-database-roles"].dependencies.sort()).toEqual([
      "contoso-dev",
      "contoso-dev-access",
    ]);
    expect(synth.manifest.stacks["contoso-prod-database-roles"].dependencies).toEqual(["contoso-prod"]);
  });

  test("no stack reads another stack's state", () => {
    expect(synth.text).not.toContain("terraform_remote_state");
    for (const env of ["dev", "prod"]) expect(roles(env).output).toBeUndefined();
  });

  test.each(["dev", "prod"])("%s: finds the server and the vault by name", (env) => {
    const json = roles(env);
    expect(Object.values(json.data.azurerm_postgresql_flexible_server)).toEqual([
      expect.objectContaining({ name: `psql-contoso-${env}`, resource_group_name: `rg-contoso-${env}` }),
    ]);
    expect(Object.values(json.data.azurerm_key_vault)).toEqual([
      expect.objectContaining({ name: `kv-contoso-${env}`, resource_group_name: `rg-contoso-${env}` }),
    ]);
    const vaultId = `\${data.azurerm_key_vault.${Object.keys(json.data.azurerm_key_vault)[0]}.id}`;
    for (const secret of Object.values(ephemeralSecrets(json))) expect(secret.key_vault_id).toBe(vaultId);
  });

  test("prod: the provider connects as the administrator with the password from an ephemeral secret", () => {
    const json = roles("prod");
    const server = Object.keys(json.data.azurerm_postgresql_flexible_server)[0];
    expect(json.provider.postgresql).toEqual([
      {
        host: `\${data.azurerm_postgresql_flexible_server.${server}.fqdn}`,
        port: 5432,
        database: "postgres",
        username: "pgadmin",
        password: ephemeralValue(json, "database-admin-password"),
        sslmode: "require",
        superuser: false,
      },
    ]);
    expect(json.terraform.required_providers.postgresql).toEqual({
      source: "cyrilgdn/postgresql",
      version: POSTGRESQL_PROVIDER_VERSION,
    });
  });

  test("prod: a login per slot, not superuser, no CREATEROLE or CREATEDB, its password write-only from the vault", () => {
    const json = roles("prod");
    const logins = Object.values(resourcesByPath(json, "postgresql_role"));
    expect(logins.map((role) => role.name)).toEqual(["app_production", "app_staging"]);
    for (const role of logins) {
      const slot = role.name.replace("app_", "");
      expect(role).toMatchObject({
        login: true,
        superuser: false,
        create_role: false,
        create_database: false,
        replication: false,
        bypass_row_level_security: false,
        password_wo: ephemeralValue(json, `database-login-${slot}`),
        password_wo_version: "1",
      });
      expect(role).not.toHaveProperty("password");
    }
  });

  test("prod: the grants are the plan's, the same ones whose SQL the PostgreSQL test applies", () => {
    const json = roles("prod");
    const roleNames = new Map(
      Object.entries(json.resource.postgresql_role).map(([id, role]: [string, any]) => [
        `\${postgresql_role.${id}.name}`,
        role.name,
      ]),
    );
    const grants = Object.entries(resourcesByPath(json, "postgresql_grant")).map(
      ([path, g]): SlotGrant => ({
        name: (path.split("/").pop() as string).replace(/-(production|staging)$/, ""),
        database: g.database,
        role: roleNames.get(g.role) ?? g.role,
        objectType: g.object_type,
        ...(g.schema === undefined ? {} : { schema: g.schema }),
        privileges: g.privileges,
      }),
    );
    const plan = apiDatabaseLoginPlan(loadConfig({}), "prod");
    const byKey = (list: SlotGrant[]) =>
      [...list].sort((a, b) => `${a.database}/${a.name}`.localeCompare(`${b.database}/${b.name}`));
    expect(byKey(grants)).toEqual(byKey(plan.slots.flatMap(slotGrants)));
  });

  test("no secret value in the stack: passwords come only from ephemeral references", () => {
    for (const env of ["dev", "prod"]) {
      const json = roles(env);
      expect(json.resource.azurerm_key_vault_secret).toBeUndefined();
      expect(json.data?.azurerm_key_vault_secret).toBeUndefined();
      const passwords = strings([json.provider.postgresql, json.resource.postgresql_role]).filter((v) =>
        v.includes("ephemeral."),
      );
      expect(passwords.length).toBeGreaterThan(0);
      for (const value of passwords)
        expect(value).toMatch(/^\$\{ephemeral\.azurerm_key_vault_secret\.[\w-]+\.value\}$/);
    }
  });

  test("the names agree with what the environment stack writes: databases, secrets and logins", () => {
    for (const env of ["dev", "prod"]) {
      const environment = synth.stacks[`contoso-${env}`];
      const secretNames = Object.values(environment.resource.azurerm_key_vault_secret).map(
        (s: any) => s.name,
      );
      for (const secret of Object.values(ephemeralSecrets(roles(env))))
        expect(secretNames).toContain(secret.name);
      const databases = Object.values(environment.resource.azurerm_postgresql_flexible_server_database).map(
        (d: any) => d.name,
      );
      const logins = Object.values(roles(env).resource.postgresql_role).map((r: any) => r.name);
      expect(logins.sort()).toEqual(databases.sort());
    }
  });

  test("a stack for an environment without a database is a clear error", () => {
    const config = loadConfig({});
    config.environments.dev.database = undefined;
    expect(
      () =>
        new DatabaseRolesStack(new App(), "contoso-dev-database-roles", {
          config,
          projectRoot: REPO_ROOT,
          environment: "dev",
          after: [],
        }),
    ).toThrow(
      "DatabaseRolesStack contoso-dev-database-roles: environments.dev has no database to make logins for",
    );
  });

  test("a rotation bumps every login's password_wo_version with the server's passwordVersion", () => {
    const config = loadConfig({});
    (config.environments.prod.database as { passwordVersion: number }).passwordVersion = 3;
    const stack = new DatabaseRolesStack(Testing.app(), "contoso-prod-database-roles", {
      config,
      projectRoot: REPO_ROOT,
      environment: "prod",
      after: [],
    });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.values(json.resource.postgresql_role).map((r: any) => r.password_wo_version)).toEqual([
      "3",
      "3",
    ]);
  });
});

describe("the environment stack's database secrets", () => {
  const prod = synth.stacks["contoso-prod"];
  const secrets = Object.entries(prod.resource.azurerm_key_vault_secret) as [string, any][];
  const secretId = (name: string) => (secrets.find(([, s]) => s.name === name) as [string, unknown])[0];

  test("each slot's DATABASE_URL connects with that slot's login", () => {
    for (const slot of ["production", "staging"]) {
      const [, secret] = secrets.find(([, s]) => s.name === `database-url-${slot}`) as [string, any];
      expect(secret.value_wo).toMatch(
        new RegExp(`^postgresql://app_${slot}:\\$\\{random_password\\.[\\w-]+\\.result\\}@`),
      );
    }
  });

  test("no app identity may read the administrator's or a login's password", () => {
    const deployerOnly = ["database-admin-password", "database-login-production", "database-login-staging"];
    const scopes = Object.values(prod.resource.azurerm_role_assignment).map((g: any) => g.scope);
    for (const name of deployerOnly) {
      expect(scopes.join("\n")).not.toContain(`azurerm_key_vault_secret.${secretId(name)}.`);
    }
    // The vault is RBAC: no access policy could hand out every secret.
    expect(prod.resource.azurerm_key_vault_access_policy).toBeUndefined();
  });
});
