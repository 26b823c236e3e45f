import { TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { AppIdentity } from "../../../constructs/app-identity";
import { AppServicePlan } from "../../../constructs/app-service-plan";
import { ContainerRegistry } from "../../../constructs/container-registry";
import { ContainerWebApp } from "../../../constructs/container-web-app";
import { DiagnosticSettings } from "../../../constructs/diagnostic-settings";
import { LogAnalyticsWorkspace } from "../../../constructs/log-analytics-workspace";
import {
  PASSWORD_SPECIAL_CHARACTERS,
  PostgresDatabase,
  type PostgresDatabaseProps,
  postgresDatabaseProblems,
  postgresTierOf,
} from "../../../constructs/postgres-database";
import { AzPrivateDnsZone, AzSubnet, RandomProvider } from "../../../constructs/providers";
import { SecretVault } from "../../../constructs/secret-vault";
import {
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
  tf,
  validationErrors,
} from "../helpers";

const SERVER = "azurerm_postgresql_flexible_server";
const DATABASE = "azurerm_postgresql_flexible_server_database";
const CONFIG = "azurerm_postgresql_flexible_server_configuration";
const FIREWALL = "azurerm_postgresql_flexible_server_firewall_rule";
const SECRET = "azurerm_key_vault_secret";
const PASSWORD = "random_password";
const RA = "azurerm_role_assignment";

type TestStack = ReturnType<typeof testStack>;

/** A server in a test stack; `props` may be built from the stack (e.g. a private network in it). */
function postgres(
  props: Partial<PostgresDatabaseProps> | ((t: TestStack) => Partial<PostgresDatabaseProps>) = {},
) {
  const t = testStack();
  new RandomProvider(t.stack, "random");
  const vault = new SecretVault(t.stack, "vault", { name: "kv-contoso", resourceGroup: t.rg });
  const db = new PostgresDatabase(t.stack, "db", {
    name: "psql-contoso-dev",
    resourceGroup: t.rg,
    vault,
    ...(typeof props === "function" ? props(t) : props),
  });
  return { ...t, vault, db };
}

/** A subnet for the server and a private DNS zone named `zoneName`. */
function privateNetwork(t: TestStack, zoneName = "contoso.postgres.database.azure.com") {
  const subnet = new AzSubnet(t.stack, "subnet", {
    name: "snet-postgres",
    resourceGroupName: t.rg.name,
    virtualNetworkName: "vnet-x",
    addressPrefixes: ["10.0.2.0/24"],
  });
  const zone = new AzPrivateDnsZone(t.stack, "zone", { name: zoneName, resourceGroupName: t.rg.name });
  return { subnet, zone };
}

/**
 * The API as the environment stack builds it: an identity per slot, each slot's DATABASE_URL from
 * `db`, read by that slot's identity only. `scope` lets a test build a second API elsewhere.
 */
function apiUsing(t: ReturnType<typeof postgres>, scope: Construct = t.stack, name = "app-contoso-api") {
  const identity = (id: string) => new AppIdentity(scope, id, { name: `id-${id}`, resourceGroup: t.rg });
  const production = identity("api-identity");
  const staging = identity("api-identity-staging");
  t.db.databaseUrlSecret("production").grantRead(production);
  t.db.databaseUrlSecret("staging").grantRead(staging);
  const app = new ContainerWebApp(scope, "api", {
    name,
    resourceGroup: t.rg,
    plan: new AppServicePlan(scope, "plan", { name: "asp-x", resourceGroup: t.rg, sku: "P1v3" }),
    registry: new ContainerRegistry(scope, "acr", { name: "crcontoso", resourceGroup: t.rg }),
    pullIdentity: identity("pull"),
    identity: production,
    repository: "api",
    imageTag: "1.0.0",
    productionStickyValues: { DATABASE_URL: t.db.databaseUrlSecret("production") },
    slots: [
      {
        name: "staging",
        identity: staging,
        stickyValues: { DATABASE_URL: t.db.databaseUrlSecret("staging") },
      },
    ],
  });
  return { app, production, staging };
}

const byName = (json: Json, type: string, name: string): [string, Json] => {
  const entry = Object.entries(resourcesOf(json, type)).find(([, resource]) => resource.name === name);
  if (!entry) throw new Error(`no ${type} named ${name}`);
  return entry as [string, Json];
};

/** `${random_password.<id>.result}` of the password generated for `constructId` (below "db"). */
const passwordRef = (json: Json, constructId: string) => {
  const id = Object.keys(resourcesOf(json, PASSWORD)).find((key) => key.startsWith(`db_${constructId}_`));
  if (!id) throw new Error(`no password ${constructId}`);
  return tf(`${PASSWORD}.${id}.result`);
};

describe("PostgresDatabase", () => {
  test("defaults: PostgreSQL 16 on B_Standard_B1ms, 32 GiB, 7 days of backups, public with no rule, kept on destroy", () => {
    const { stack } = postgres();
    const json = synth(stack);
    expect(resourceOf(json, SERVER)).toEqual({
      name: "psql-contoso-dev",
      resource_group_name: RG_NAME,
      location: RG_LOCATION,
      version: "16",
      sku_name: "B_Standard_B1ms",
      storage_mb: 32768,
      auto_grow_enabled: false,
      backup_retention_days: 7,
      geo_redundant_backup_enabled: false,
      administrator_login: "pgadmin",
      administrator_password_wo: passwordRef(json, "administrator-password"),
      administrator_password_wo_version: 1,
      public_network_access_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(resourcesOf(json, FIREWALL)).toEqual({});
  });

  test("passwords are generated, one for the administrator and one per slot login: 40 characters, URL-safe specials", () => {
    const { stack } = postgres({ slots: ["production", "staging"] });
    const passwords = Object.entries(resourcesOf(synth(stack), PASSWORD));
    expect(passwords.map(([id]) => id.replace(/_[0-9A-F]{8}$/, "")).sort()).toEqual([
      "db_administrator-password",
      "db_login-password-production",
      "db_login-password-staging",
    ]);
    for (const [, password] of passwords) {
      expect(password).toEqual({
        length: 40,
        special: true,
        override_special: "-_.~",
        min_lower: 1,
        min_upper: 1,
        min_numeric: 1,
        min_special: 1,
        keepers: { version: "1" },
      });
    }
    // RFC 3986 unreserved characters: nothing to encode inside postgresql://user:password@host.
    expect(PASSWORD_SPECIAL_CHARACTERS).toMatch(/^[-._~]+$/);
    expect(encodeURIComponent(`Ab1${PASSWORD_SPECIAL_CHARACTERS}`)).toBe(`Ab1${PASSWORD_SPECIAL_CHARACTERS}`);
  });

  test("server parameters: TLS 1.2+ required, connections and disconnections logged", () => {
    const { stack } = postgres();
    const json = synth(stack);
    const configs = Object.values(resourcesOf(json, CONFIG)).map((c) => [c.name, c.value, c.server_id]);
    const server = refOf(json, SERVER, "id");
    expect(configs.sort()).toEqual([
      ["log_connections", "on", server],
      ["log_disconnections", "on", server],
      ["require_secure_transport", "on", server],
      ["ssl_min_protocol_version", "TLSv1.2", server],
    ]);
  });

  test("diagnostics: the server log (with the connections) and metrics go to the workspace", () => {
    const t = postgres();
    const workspace = new LogAnalyticsWorkspace(t.stack, "law", { name: "log-contoso", resourceGroup: t.rg });
    new DiagnosticSettings(t.stack, "db-diagnostics", { target: t.db, workspace });
    const json = synth(t.stack);
    expect(resourceOf(json, "azurerm_monitor_diagnostic_setting")).toEqual({
      name: "send-to-log-analytics",
      target_resource_id: refOf(json, SERVER, "id"),
      log_analytics_workspace_id: refOf(json, "azurerm_log_analytics_workspace", "id"),
      enabled_log: [{ category: "PostgreSQLLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("one database per slot, UTF-8, kept on destroy", () => {
    const { stack, db } = postgres({ slots: ["production", "staging", "qa-1"] });
    const json = synth(stack);
    const databases = Object.values(resourcesOf(json, DATABASE));
    expect(databases.map((d) => d.name).sort()).toEqual(["app_production", "app_qa_1", "app_staging"]);
    for (const database of databases) {
      expect(database).toEqual({
        name: database.name,
        server_id: refOf(json, SERVER, "id"),
        charset: "UTF8",
        collation: "en_US.utf8",
        lifecycle: { prevent_destroy: true },
      });
    }
    expect([...db.databases.keys()]).toEqual(["production", "staging", "qa-1"]);
    expect(db.logins.slots.map((l) => [l.slot, l.login, l.database])).toEqual([
      ["production", "app_production", "app_production"],
      ["staging", "app_staging", "app_staging"],
      ["qa-1", "app_qa_1", "app_qa_1"],
    ]);
  });

  test("each slot's DATABASE_URL connects as that slot's login with its own password to its own database", () => {
    const { stack } = postgres({ slots: ["production", "staging"] });
    const json = synth(stack);
    const fqdn = refOf(json, SERVER, "fqdn");
    for (const slot of ["production", "staging"]) {
      const [databaseId] = byName(json, DATABASE, `app_${slot}`);
      const [, secret] = byName(json, SECRET, `database-url-${slot}`);
      expect(secret).toEqual({
        name: `database-url-${slot}`,
        key_vault_id: refOf(json, "azurerm_key_vault", "id"),
        value_wo: `postgresql://app_${slot}:${passwordRef(json, `login-password-${slot}`)}@${fqdn}:5432/${tf(`${DATABASE}.${databaseId}.name`)}?sslmode=require`,
        value_wo_version: 1,
        content_type: "application/x-postgresql-url",
        depends_on: expect.any(Array),
      });
    }
  });

  test("the administrator's and each login's password are secrets of their own, written with value_wo", () => {
    const { stack, db } = postgres({ slots: ["production", "staging"] });
    const json = synth(stack);
    expect(byName(json, SECRET, "database-admin-password")[1]).toMatchObject({
      value_wo: passwordRef(json, "administrator-password"),
      content_type: "text/plain",
    });
    for (const slot of ["production", "staging"]) {
      expect(byName(json, SECRET, `database-login-${slot}`)[1]).toMatchObject({
        value_wo: passwordRef(json, `login-password-${slot}`),
      });
    }
    expect(db.logins.administratorSecretName).toBe("database-admin-password");
    expect(resolved(stack, db.loginPasswordSecret("staging").versionlessId)).toBe(
      tf(`${SECRET}.${byName(json, SECRET, "database-login-staging")[0]}.versionless_id`),
    );
  });

  test("no app identity can read the administrator's or a login's password; each slot reads only its own URL", () => {
    const t = postgres({ slots: ["production", "staging"] });
    const { app } = apiUsing(t);
    const json = synth(t.stack);
    const secretRef = (name: string) =>
      tf(`${SECRET}.${byName(json, SECRET, name)[0]}.resource_versionless_id`);
    const identityRef = (id: string) =>
      tf(
        `azurerm_user_assigned_identity.${Object.keys(resourcesOf(json, "azurerm_user_assigned_identity")).find((k) => k.startsWith(`${id}_`))}.principal_id`,
      );
    const readers = resourcesWhere(json, RA, (g) => g.role_definition_name === "Key Vault Secrets User");
    expect(readers.map((g) => [g.principal_id, g.scope]).sort()).toEqual(
      [
        [identityRef("api-identity"), secretRef("database-url-production")],
        [identityRef("api-identity-staging"), secretRef("database-url-staging")],
      ].sort(),
    );
    // Nothing of an app identity is scoped to the vault, and the deployer's is the only vault grant.
    const vaultWide = resourcesWhere(json, RA, (g) => g.scope === refOf(json, "azurerm_key_vault", "id"));
    expect(vaultWide.map((g) => g.role_definition_name)).toEqual(["Key Vault Secrets Officer"]);
    expect(resourceOf(json, "azurerm_linux_web_app").app_settings.DATABASE_URL).toBe(
      `@Microsoft.KeyVault(SecretUri=${tf(`${SECRET}.${byName(json, SECRET, "database-url-production")[0]}.versionless_id`)})`,
    );
    expect(resourceOf(json, "azurerm_linux_web_app_slot").app_settings.DATABASE_URL).toBe(
      `@Microsoft.KeyVault(SecretUri=${tf(`${SECRET}.${byName(json, SECRET, "database-url-staging")[0]}.versionless_id`)})`,
    );
    expect(app.stickySettings).toContain("DATABASE_URL");
  });

  test("an access-policy vault is refused: every reader would read the administrator's password", () => {
    const t = testStack();
    new RandomProvider(t.stack, "random");
    const vault = new SecretVault(t.stack, "vault", {
      name: "kv-contoso",
      resourceGroup: t.rg,
      authorization: "accessPolicy",
    });
    new PostgresDatabase(t.stack, "db", { name: "psql-contoso-dev", resourceGroup: t.rg, vault });
    expect(validationErrors(t.stack)).toEqual([
      `PostgresDatabase test/db: vault.authorization = "accessPolicy" must be "rbac": in an access-policy vault every reader reads every secret, the database administrator's password included`,
    ]);
  });

  test("databaseUrlSecret of an unknown slot names the slots that exist", () => {
    const { db } = postgres({ slots: ["production", "staging"] });
    expect(() => db.databaseUrlSecret("qa")).toThrow(
      'PostgresDatabase test/db: no database for slot "qa" (slots: production, staging)',
    );
  });

  test("no password or literal secret in the JSON: every credential is a reference to a generated password", () => {
    const { stack } = postgres({ slots: ["production", "staging"], allowedIpAddresses: ["20.1.2.3"] });
    const json = synth(stack);
    const text = JSON.stringify(json);
    expect(text).not.toContain('"administrator_password"');
    for (const secret of Object.values(resourcesOf(json, SECRET))) {
      expect(secret).not.toHaveProperty("value");
      expect(secret.value_wo).toMatch(/\$\{random_password\.[\w-]+\.result\}/);
    }
    // Only the server parameters have a plain "value".
    expect(text.match(/"value":"[^"]*"/g)?.sort()).toEqual([
      '"value":"TLSv1.2"',
      '"value":"on"',
      '"value":"on"',
      '"value":"on"',
    ]);
    const urls = text.match(/postgresql:\/\/[^"]*/g) ?? [];
    expect(urls).toHaveLength(2);
    for (const url of urls)
      expect(url).toMatch(/^postgresql:\/\/app_\w+:\$\{random_password\.[\w-]+\.result\}@\$\{/);
    expect(text).not.toMatch(/postgresql:\/\/pgadmin/);
  });

  test("two servers can share a vault: construct ids and secret names stay apart with secretNamePrefix", () => {
    const t = postgres({ slots: ["production", "staging"] });
    new PostgresDatabase(t.stack, "reports", {
      name: "psql-contoso-reports",
      resourceGroup: t.rg,
      vault: t.vault,
      slots: ["production"],
      databaseNamePrefix: "reports",
      secretNamePrefix: "reports-",
    });
    const json = synth(t.stack);
    expect(
      Object.values(resourcesOf(json, SECRET))
        .map((s) => s.name)
        .sort(),
    ).toEqual([
      "database-admin-password",
      "database-login-production",
      "database-login-staging",
      "database-url-production",
      "database-url-staging",
      "reports-database-admin-password",
      "reports-database-login-production",
      "reports-database-url-production",
    ]);
  });

  test("two servers on one vault with the same secretNamePrefix are refused, naming the prop", () => {
    const t = postgres();
    new PostgresDatabase(t.stack, "reports", {
      name: "psql-contoso-reports",
      resourceGroup: t.rg,
      vault: t.vault,
      databaseNamePrefix: "reports",
    });
    expect(validationErrors(t.stack)).toEqual([
      `PostgresDatabase test/db: secretNamePrefix = "" is also the prefix of PostgresDatabase test/reports on the same vault; their secret names would collide (give each server its own prefix)`,
      `PostgresDatabase test/reports: secretNamePrefix = "" is also the prefix of PostgresDatabase test/db on the same vault; their secret names would collide (give each server its own prefix)`,
    ]);
  });

  test("prod-like overrides: General Purpose, more storage, 35 days, geo-redundant, zone-redundant HA", () => {
    const { stack } = postgres({
      skuName: "GP_Standard_D2s_v3",
      storageMb: 131072,
      backupRetentionDays: 35,
      geoRedundantBackup: true,
      highAvailability: true,
      version: "15",
      administratorLogin: "dbadmin",
      location: "northeurope",
      tags: { environment: "prod" },
    });
    const json = synth(stack);
    expect(resourceOf(json, SERVER)).toMatchObject({
      sku_name: "GP_Standard_D2s_v3",
      storage_mb: 131072,
      backup_retention_days: 35,
      geo_redundant_backup_enabled: true,
      high_availability: { mode: "ZoneRedundant" },
      version: "15",
      administrator_login: "dbadmin",
      location: "northeurope",
      tags: { environment: "prod" },
      // After a failover Azure swaps the zones; Terraform must not fail back on the next apply.
      lifecycle: {
        prevent_destroy: true,
        ignore_changes: ["zone", "high_availability[0].standby_availability_zone"],
      },
    });
  });

  test("storageAutoGrow: auto_grow_enabled, and storage_mb ignored afterwards (a smaller value would replace the server)", () => {
    const { stack } = postgres({ storageAutoGrow: true });
    expect(resourceOf(synth(stack), SERVER)).toMatchObject({
      auto_grow_enabled: true,
      lifecycle: { prevent_destroy: true, ignore_changes: ["storage_mb"] },
    });
  });

  test("preventDestroy: false lets dev environments be destroyed", () => {
    const { stack } = postgres({ preventDestroy: false, slots: ["production", "staging"] });
    const json = synth(stack);
    expect(resourceOf(json, SERVER).lifecycle).toEqual({ prevent_destroy: false });
    for (const database of Object.values(resourcesOf(json, DATABASE))) {
      expect(database.lifecycle).toEqual({ prevent_destroy: false });
    }
  });

  test("rotation: one passwordVersion bumps every password's keepers, the server's and every secret's version", () => {
    const { stack, db } = postgres({ passwordVersion: 3, slots: ["production", "staging"] });
    const json = synth(stack);
    expect(db.passwordVersion).toBe(3);
    expect(Object.values(resourcesOf(json, PASSWORD)).map((p) => p.keepers)).toEqual([
      { version: "3" },
      { version: "3" },
      { version: "3" },
    ]);
    expect(resourceOf(json, SERVER).administrator_password_wo_version).toBe(3);
    expect(Object.values(resourcesOf(json, SECRET)).map((s) => s.value_wo_version)).toEqual([3, 3, 3, 3, 3]);
  });

  test("allowedIpAddresses: one rule per single address, never 0.0.0.0", () => {
    const { stack } = postgres({ allowedIpAddresses: ["20.1.2.3", "52.10.0.7"] });
    const json = synth(stack);
    const rules = Object.values(resourcesOf(json, FIREWALL)).map((r) => [
      r.name,
      r.start_ip_address,
      r.end_ip_address,
      r.server_id,
    ]);
    expect(rules.sort()).toEqual([
      ["ip-20-1-2-3", "20.1.2.3", "20.1.2.3", refOf(json, SERVER, "id")],
      ["ip-52-10-0-7", "52.10.0.7", "52.10.0.7", refOf(json, SERVER, "id")],
    ]);
    expect(JSON.stringify(json)).not.toContain("0.0.0.0");
  });

  test("allowConnectionsFrom(app): one rule per possible outbound address, named after the app, once per app", () => {
    const t = postgres({ slots: ["production", "staging"] });
    const { app } = apiUsing(t);
    const rules = t.db.allowConnectionsFrom(app);
    expect(t.db.allowConnectionsFrom(app)).toBe(rules);
    expect(t.db.allowConnectionsFrom(app.resource)).toBe(rules);
    const json = synth(t.stack);
    const site = refOf(json, "azurerm_linux_web_app", "name").slice(2, -1);
    expect(resourceOf(json, FIREWALL)).toEqual({
      for_each: tf(
        `toset(${refOf(json, "azurerm_linux_web_app", "possible_outbound_ip_address_list").slice(2, -1)})`,
      ),
      // 20.1.2.3 becomes "<app name>-20-1-2-3": rule names allow no dots; app names are unique.
      name: `${tf(site)}-${tf('replace(each.value, ".", "-")')}`,
      server_id: refOf(json, SERVER, "id"),
      start_ip_address: tf("each.value"),
      end_ip_address: tf("each.value"),
    });
  });

  test("allowConnectionsFrom: two apps with the same construct id get rules of their own", () => {
    const t = postgres({ slots: ["production", "staging"] });
    const first = apiUsing(t, new Construct(t.stack, "team-a"), "app-contoso-a").app;
    const second = apiUsing(t, new Construct(t.stack, "team-b"), "app-contoso-b").app;
    expect(first.node.id).toBe(second.node.id);
    expect(t.db.allowConnectionsFrom(first)).not.toBe(t.db.allowConnectionsFrom(second));
    const names = Object.values(resourcesOf(synth(t.stack), FIREWALL)).map((r) => r.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });

  test("private mode: injected into the delegated subnet with the private DNS zone, no public endpoint", () => {
    const t = postgres((stack) => {
      const { subnet, zone } = privateNetwork(stack);
      return {
        name: "psql-contoso-prod",
        networkMode: "private",
        delegatedSubnet: subnet,
        privateDnsZone: zone,
      };
    });
    const json = synth(t.stack);
    expect(resourceOf(json, SERVER)).toMatchObject({
      public_network_access_enabled: false,
      delegated_subnet_id: refOf(json, "azurerm_subnet", "id"),
      private_dns_zone_id: refOf(json, "azurerm_private_dns_zone", "id"),
    });
    expect(resourcesOf(json, FIREWALL)).toEqual({});
  });

  describe("validation", () => {
    const errorsOf = (props: Partial<PostgresDatabaseProps>) => validationErrors(postgres(props).stack);
    const P = "PostgresDatabase test/db";

    test.each(["ps", "x".repeat(64), "Psql-contoso", "psql_contoso", "-psql", "psql-"])(
      "refuses server name %j",
      (name) => {
        expect(synthError(postgres({ name }).stack)).toContain(
          `${P}: name = "${name}" must be 3-63 lowercase letters, digits and '-', not starting or ending with '-'`,
        );
      },
    );

    test.each(["12", "17", "16.1", ""])("refuses version %j", (version) => {
      expect(errorsOf({ version: version as never })).toContain(
        `${P}: version = "${version}" must be one of 13, 14, 15, 16`,
      );
    });

    test.each(["Standard_B1ms", "B_Standard_B3ms", "GP_Standard_D3s_v3", "gp_standard_d2s_v3", "P1v3"])(
      "refuses skuName %j, naming the format",
      (skuName) => {
        expect(errorsOf({ skuName })).toContain(
          `${P}: skuName = "${skuName}" is not a flexible server SKU; the format is <tier>_<family>, e.g. B_Standard_B1ms (Burstable), GP_Standard_D2s_v3 (General Purpose), MO_Standard_E2s_v3 (Memory Optimized)`,
        );
      },
    );

    test("tiers of valid SKUs", () => {
      expect(postgresTierOf("B_Standard_B2s")).toBe("Burstable");
      expect(postgresTierOf("GP_Standard_D4ds_v5")).toBe("GeneralPurpose");
      expect(postgresTierOf("MO_Standard_E4s_v3")).toBe("MemoryOptimized");
      expect(postgresTierOf("B_Standard_B3ms")).toBeUndefined();
    });

    test("refuses zone-redundant HA on Burstable", () => {
      expect(errorsOf({ highAvailability: true })).toEqual([
        `${P}: highAvailability = true needs a General Purpose or Memory Optimized SKU (skuName is "B_Standard_B1ms", Burstable)`,
      ]);
    });

    test.each([50000, 32767, 0, 65536.5])("refuses storageMb %j", (storageMb) => {
      expect(errorsOf({ storageMb })).toEqual([
        `${P}: storageMb = ${storageMb} must be one of 32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408`,
      ]);
    });

    test.each([6, 36, 7.5])("refuses backupRetentionDays %j", (backupRetentionDays) => {
      expect(errorsOf({ backupRetentionDays })).toEqual([
        `${P}: backupRetentionDays = ${backupRetentionDays} must be a whole number from 7 to 35`,
      ]);
    });

    test("accepts backupRetentionDays 7 and 35", () => {
      expect(errorsOf({ backupRetentionDays: 7 })).toEqual([]);
      expect(errorsOf({ backupRetentionDays: 35 })).toEqual([]);
    });

    test.each(["admin", "Administrator", "azure_superuser", "root", "pg_owner", "PG_x"])(
      "refuses reserved administratorLogin %j",
      (administratorLogin) => {
        expect(errorsOf({ administratorLogin })).toEqual([
          `${P}: administratorLogin = "${administratorLogin}" is reserved by Azure (azure_superuser, azure_pg_admin, admin, administrator, root, guest, public, or starting with pg_)`,
        ]);
      },
    );

    test.each(["1admin", "db-admin", "db admin", "", "a".repeat(64)])(
      "refuses administratorLogin %j",
      (administratorLogin) => {
        expect(errorsOf({ administratorLogin })).toEqual([
          `${P}: administratorLogin = "${administratorLogin}" must be 1-63 letters, digits and '_', not starting with a digit`,
        ]);
      },
    );

    test.each([0, -1, 1.5])("refuses passwordVersion %j", (passwordVersion) => {
      expect(errorsOf({ passwordVersion })).toContain(
        `${P}: passwordVersion = ${passwordVersion} must be a whole number >= 1`,
      );
    });

    test("slots: names, duplicates, emptiness and the resulting database name's length", () => {
      expect(errorsOf({ slots: [] })).toEqual([
        `${P}: slots = [] must list at least one slot; every app needs a database`,
      ]);
      expect(errorsOf({ slots: ["production", "Staging", "qa_1"] })).toEqual([
        `${P}: slots[1] = "Staging" must be lowercase letters, digits and '-', not starting or ending with '-'`,
        `${P}: slots[2] = "qa_1" must be lowercase letters, digits and '-', not starting or ending with '-'`,
      ]);
      expect(errorsOf({ slots: ["production", "staging", "staging"] })).toEqual([
        `${P}: slots[2] = "staging" is listed twice`,
      ]);
      const long = "s".repeat(60);
      expect(errorsOf({ slots: [long] })).toEqual([
        `${P}: slots[0] = "${long}" makes the database and login name "app_${long}", longer than 63 characters (PostgreSQL's limit)`,
      ]);
    });

    test.each(["App", "1app", "my-app", ""])("refuses databaseNamePrefix %j", (databaseNamePrefix) => {
      expect(errorsOf({ databaseNamePrefix })).toEqual([
        `${P}: databaseNamePrefix = "${databaseNamePrefix}" must be lowercase letters, digits and '_', starting with a letter`,
      ]);
    });

    test("refuses a databaseNamePrefix that makes reserved login names", () => {
      expect(errorsOf({ databaseNamePrefix: "pg" })).toEqual([
        `${P}: databaseNamePrefix = "pg" must not make logins starting with 'pg_' (PostgreSQL reserves those role names)`,
      ]);
    });

    test.each(["-x", "a_b", "x".repeat(61)])("refuses secretNamePrefix %j", (secretNamePrefix) => {
      expect(errorsOf({ secretNamePrefix })).toEqual([
        `${P}: secretNamePrefix = "${secretNamePrefix}" must be up to 60 letters, digits and '-', starting with a letter or digit (it starts Key Vault secret names)`,
      ]);
    });

    test.each([
      ["0.0.0.0", `is Azure's "allow all Azure services" rule, which admits every tenant's Azure workloads`],
      ["10.0.0.0/8", "must be a single IPv4 address (no ranges or CIDR blocks)"],
      ["1.2.3.4-1.2.3.9", "must be a single IPv4 address (no ranges or CIDR blocks)"],
      ["256.1.1.1", "must be a single IPv4 address (no ranges or CIDR blocks)"],
      ["1.2.3", "must be a single IPv4 address (no ranges or CIDR blocks)"],
      ["01.2.3.4", "must be a single IPv4 address (no ranges or CIDR blocks)"],
    ])("refuses allowedIpAddresses %j", (address, rule) => {
      expect(errorsOf({ allowedIpAddresses: [address] })).toEqual([
        `${P}: allowedIpAddresses[0] = "${address}" ${rule}`,
      ]);
    });

    test("refuses an address listed twice, and creates its rule once", () => {
      const { stack } = postgres({ allowedIpAddresses: ["20.1.2.3", "20.1.2.3"] });
      expect(validationErrors(stack)).toEqual([`${P}: allowedIpAddresses[1] = "20.1.2.3" is listed twice`]);
      expect(Object.keys(resourcesOf(synthIgnoringValidation(stack), FIREWALL))).toHaveLength(1);
    });

    test("private mode needs the subnet and the zone, and has no firewall", () => {
      expect(errorsOf({ networkMode: "private" })).toEqual([
        `${P}: delegatedSubnet is required with networkMode = "private" (a subnet delegated to PostgreSQL)`,
        `${P}: privateDnsZone is required with networkMode = "private" (*.postgres.database.azure.com)`,
      ]);
      const t = postgres({ networkMode: "private", allowedIpAddresses: ["20.1.2.3"] });
      expect(validationErrors(t.stack)).toContain(
        `${P}: allowedIpAddresses = ["20.1.2.3"] needs networkMode "public"; a private server has no firewall`,
      );
      expect(resourcesOf(synthIgnoringValidation(t.stack), FIREWALL)).toEqual({});
    });

    test("private mode: the DNS zone must be a postgres.database.azure.com zone; firewall rules are refused", () => {
      const t = postgres((stack) => {
        const { subnet, zone } = privateNetwork(stack, "privatelink.contoso.com");
        const network = { networkMode: "private" as const, delegatedSubnet: subnet, privateDnsZone: zone };
        return { name: "psql-contoso-prod", slots: ["production", "staging"], ...network };
      });
      const { app } = apiUsing(t);
      const rules = t.db.allowConnectionsFrom(app);
      const errors = validationErrors(t.stack);
      expect(errors).toContain(
        `${P}: privateDnsZone.name = "privatelink.contoso.com" must end with ".postgres.database.azure.com" (Azure's rule for VNet-injected servers)`,
      );
      expect(errors).toContain(
        `PostgresFirewallRules ${rules.node.path}: server test/db is private (networkMode "private"); firewall rules apply to public access only (use VNet integration for test/api/app)`,
      );
    });

    test("public mode refuses a subnet or a zone", () => {
      const t = postgres((stack) => ({ name: "psql-x", delegatedSubnet: privateNetwork(stack).subnet }));
      expect(validationErrors(t.stack)).toEqual([`${P}: delegatedSubnet needs networkMode = "private"`]);
    });

    test("values that are Terraform variables are not checked at synth", () => {
      const t = postgres((stack) => ({
        name: new TerraformVariable(stack.stack, "server_name", { type: "string" }).stringValue,
        passwordVersion: new TerraformVariable(stack.stack, "password_version", { type: "number" })
          .numberValue,
        backupRetentionDays: new TerraformVariable(stack.stack, "retention", { type: "number" }).numberValue,
      }));
      expect(validationErrors(t.stack)).toEqual([]);
    });

    test("postgresDatabaseProblems: the props' paths, for the config layer to map", () => {
      expect(
        postgresDatabaseProblems({
          name: "psql-x",
          slots: ["production", "Staging"],
          backupRetentionDays: 3,
          vault: { authorization: "accessPolicy" },
        }).map((p) => p.prop),
      ).toEqual([["backupRetentionDays"], ["slots", 1], ["vault", "authorization"]]);
    });

    test("the valid defaults and a prod-like configuration pass", () => {
      expect(errorsOf({})).toEqual([]);
      expect(
        errorsOf({
          skuName: "MO_Standard_E4s_v3",
          highAvailability: true,
          storageMb: 33553408,
          slots: ["production", "staging"],
        }),
      ).toEqual([]);
    });
  });
});

/** The JSON without running validations (to see what an invalid configuration would still create). */
function synthIgnoringValidation(stack: TestStack["stack"]): Json {
  return JSON.parse(Testing.synth(stack));
}
