import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { AppIdentity } from "../../../constructs/app-identity";
import { AppServicePlan } from "../../../constructs/app-service-plan";
import { ContainerRegistry } from "../../../constructs/container-registry";
import { ContainerWebApp } from "../../../constructs/container-web-app";
import {
  PASSWORD_SPECIAL_CHARACTERS,
  PostgresDatabase,
  type PostgresDatabaseProps,
  PostgresFirewallRules,
  postgresTierOf,
} from "../../../constructs/postgres-database";
import {
  AzPrivateDnsZone,
  AzResourceGroup,
  AzSubnet,
  AzurermProvider,
  RandomProvider,
  TimeProvider,
} from "../../../constructs/providers";
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

/** The API as the environment stack builds it, with each slot's DATABASE_URL from `db`. */
function apiUsing(t: ReturnType<typeof postgres>) {
  const plan = new AppServicePlan(t.stack, "plan", { name: "asp-x", resourceGroup: t.rg, sku: "P1v3" });
  const registry = new ContainerRegistry(t.stack, "acr", { name: "crcontoso", resourceGroup: t.rg });
  const identity = new AppIdentity(t.stack, "api-identity", { name: "id-api", resourceGroup: t.rg });
  return new ContainerWebApp(t.stack, "api", {
    name: "app-contoso-api",
    resourceGroup: t.rg,
    plan,
    registry,
    identity,
    repository: "api",
    imageTag: "1.0.0",
    productionStickyValues: { DATABASE_URL: t.db.databaseUrlSecret("production") },
    slots: [{ name: "staging", stickyValues: { DATABASE_URL: t.db.databaseUrlSecret("staging") } }],
  });
}

const byName = (json: Json, type: string, name: string): [string, Json] => {
  const entry = Object.entries(resourcesOf(json, type)).find(([, resource]) => resource.name === name);
  if (!entry) throw new Error(`no ${type} named ${name}`);
  return entry as [string, Json];
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
      administrator_password_wo: refOf(json, PASSWORD, "result"),
      administrator_password_wo_version: 1,
      public_network_access_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(resourcesOf(json, FIREWALL)).toEqual({});
  });

  test("the password is generated: 40 characters, URL-safe specials, version 1 in its keepers", () => {
    const { stack } = postgres();
    expect(resourceOf(synth(stack), PASSWORD)).toEqual({
      length: 40,
      special: true,
      override_special: "-_.~",
      min_lower: 1,
      min_upper: 1,
      min_numeric: 1,
      min_special: 1,
      keepers: { version: "1" },
    });
    // RFC 3986 unreserved characters: nothing to encode inside postgresql://user:password@host.
    expect(PASSWORD_SPECIAL_CHARACTERS).toMatch(/^[-._~]+$/);
    expect(encodeURIComponent(`Ab1${PASSWORD_SPECIAL_CHARACTERS}`)).toBe(`Ab1${PASSWORD_SPECIAL_CHARACTERS}`);
  });

  test("TLS: require_secure_transport on and ssl_min_protocol_version TLSv1.2 on this server", () => {
    const { stack } = postgres();
    const json = synth(stack);
    const configs = Object.values(resourcesOf(json, CONFIG)).map((c) => [c.name, c.value, c.server_id]);
    expect(configs.sort()).toEqual([
      ["require_secure_transport", "on", refOf(json, SERVER, "id")],
      ["ssl_min_protocol_version", "TLSv1.2", refOf(json, SERVER, "id")],
    ]);
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
  });

  test("each slot's DATABASE_URL secret points at that slot's database, written through value_wo", () => {
    const { stack } = postgres({ slots: ["production", "staging"] });
    const json = synth(stack);
    const password = refOf(json, PASSWORD, "result");
    const fqdn = refOf(json, SERVER, "fqdn");
    for (const slot of ["production", "staging"]) {
      const [databaseId] = byName(json, DATABASE, `app_${slot}`);
      const [, secret] = byName(json, SECRET, `database-url-${slot}`);
      expect(secret.value_wo).toBe(
        `postgresql://pgadmin:${password}@${fqdn}:5432/${tf(`${DATABASE}.${databaseId}.name`)}?sslmode=require`,
      );
      expect(secret.value_wo_version).toBe(1);
      expect(secret.key_vault_id).toBe(refOf(json, "azurerm_key_vault", "id"));
      expect(secret).not.toHaveProperty("value");
    }
  });

  test("databaseUrlSecret(slot) is the slot's secret, and the API's slots read it by reference", () => {
    const t = postgres({ slots: ["production", "staging"] });
    const api = apiUsing(t);
    const json = synth(t.stack);
    const secretRef = (slot: string) =>
      tf(`${SECRET}.${byName(json, SECRET, `database-url-${slot}`)[0]}.versionless_id`);
    expect(resolved(t.stack, t.db.databaseUrlSecret("staging").versionlessId)).toBe(secretRef("staging"));
    expect(resourceOf(json, "azurerm_linux_web_app").app_settings.DATABASE_URL).toBe(
      `@Microsoft.KeyVault(SecretUri=${secretRef("production")})`,
    );
    expect(resourceOf(json, "azurerm_linux_web_app_slot").app_settings.DATABASE_URL).toBe(
      `@Microsoft.KeyVault(SecretUri=${secretRef("staging")})`,
    );
    expect(api.stickySettings).toContain("DATABASE_URL");
    // The API identity may read the secrets.
    const readers = resourcesWhere(
      json,
      "azurerm_role_assignment",
      (g) => g.role_definition_name === "Key Vault Secrets User",
    );
    expect(readers.map((g) => g.principal_id)).toEqual([
      refOf(json, "azurerm_user_assigned_identity", "principal_id"),
    ]);
  });

  test("databaseUrlSecret of an unknown slot names the slots that exist", () => {
    const { db } = postgres({ slots: ["production", "staging"] });
    expect(() => db.databaseUrlSecret("qa")).toThrow(
      'PostgresDatabase test/db: no database for slot "qa" (slots: production, staging)',
    );
  });

  test("no password or literal secret in the JSON: every credential is a reference to the generated password", () => {
    const { stack } = postgres({ slots: ["production", "staging"], allowedIpAddresses: ["20.1.2.3"] });
    const json = synth(stack);
    const text = JSON.stringify(json);
    expect(text).not.toContain('"administrator_password"');
    for (const secret of Object.values(resourcesOf(json, SECRET))) expect(secret).not.toHaveProperty("value");
    // Only the two TLS parameters have a plain "value".
    expect(text.match(/"value":"[^"]*"/g)).toEqual(['"value":"on"', '"value":"TLSv1.2"']);
    const urls = text.match(/postgresql:\/\/[^"]*/g) ?? [];
    expect(urls).toHaveLength(2);
    for (const url of urls) {
      expect(url).toMatch(/^postgresql:\/\/pgadmin:\$\{random_password\.[\w-]+\.result\}@\$\{/);
    }
    expect(resourceOf(json, SERVER).administrator_password_wo).toMatch(
      /^\$\{random_password\.[\w-]+\.result\}$/,
    );
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
    expect(byName(json, SECRET, "database-url-production")[1].value_wo).toMatch(/^postgresql:\/\/dbadmin:/);
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

  test("rotation: one passwordVersion bumps the password's keepers, the server's and every secret's version", () => {
    const { stack, db } = postgres({ passwordVersion: 3, slots: ["production", "staging"] });
    const json = synth(stack);
    expect(db.passwordVersion).toBe(3);
    expect(resourceOf(json, PASSWORD).keepers).toEqual({ version: "3" });
    expect(resourceOf(json, SERVER).administrator_password_wo_version).toBe(3);
    expect(Object.values(resourcesOf(json, SECRET)).map((s) => s.value_wo_version)).toEqual([3, 3]);
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

  test("allowConnectionsFrom(app): one rule per possible outbound address of the app, once", () => {
    const t = postgres({ slots: ["production", "staging"] });
    const api = apiUsing(t);
    const rules = t.db.allowConnectionsFrom(api);
    expect(t.db.allowConnectionsFrom(api)).toBe(rules);
    const json = synth(t.stack);
    expect(resourceOf(json, FIREWALL)).toEqual({
      for_each: tf(
        `toset(${refOf(json, "azurerm_linux_web_app", "possible_outbound_ip_address_list").slice(2, -1)})`,
      ),
      // 20.1.2.3 becomes "api-20-1-2-3": rule names allow no dots.
      name: `api-${tf('replace(each.value, ".", "-")')}`,
      server_id: refOf(json, SERVER, "id"),
      start_ip_address: tf("each.value"),
      end_ip_address: tf("each.value"),
    });
  });

  test("firewall rules in a follow-up stack read the addresses through remote state, known when it plans", () => {
    const app = Testing.app();
    const main = new TerraformStack(app, "main");
    new AzurermProvider(main, "azurerm", { features: [{}] });
    new TimeProvider(main, "time");
    new RandomProvider(main, "random");
    const rg = new AzResourceGroup(main, "rg", { name: "rg-x", location: "westeurope" });
    const vault = new SecretVault(main, "vault", { name: "kv-contoso", resourceGroup: rg });
    const db = new PostgresDatabase(main, "db", { name: "psql-contoso-dev", resourceGroup: rg, vault });
    const plan = new AppServicePlan(main, "plan", { name: "asp-x", resourceGroup: rg });
    const api = new ContainerWebApp(main, "api", {
      name: "app-contoso-api",
      resourceGroup: rg,
      plan,
      registry: new ContainerRegistry(main, "acr", { name: "crcontoso", resourceGroup: rg }),
      identity: new AppIdentity(main, "api-identity", { name: "id-api", resourceGroup: rg }),
      repository: "api",
      imageTag: "1.0.0",
      productionStickyValues: { DATABASE_URL: db.databaseUrlSecret("production") },
    });
    const access = new TerraformStack(app, "access");
    new AzurermProvider(access, "azurerm", { features: [{}] });
    new PostgresFirewallRules(access, "api-db-access", { database: db, client: api });
    // Cross-stack references are wired by App.synth (as main.ts runs it), not by Testing.synth.
    app.synth();
    const read = (stack: string) =>
      JSON.parse(readFileSync(join(app.outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    const json = read("access");
    const rule = resourceOf(json, FIREWALL);
    expect(rule.for_each).toMatch(
      /^\$\{toset\(data\.terraform_remote_state\.cross-stack-reference-input-main\.outputs\.[\w-]+\)\}$/,
    );
    expect(rule.server_id).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-main\.outputs\.[\w-]+\}$/,
    );
    expect(resourcesOf(json, SERVER)).toEqual({});
    const outputs = Object.values(read("main").output as Record<string, { value: string }>).map(
      (o) => o.value,
    );
    expect(outputs).toContain(
      refOf(read("main"), "azurerm_linux_web_app", "possible_outbound_ip_address_list"),
    );
    expect(outputs).toContain(refOf(read("main"), SERVER, "id"));
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
        `${P}: slots is empty; every app needs at least one database`,
      ]);
      expect(errorsOf({ slots: ["production", "Staging", "qa_1"] })).toEqual([
        `${P}: slots: "Staging" must be lowercase letters, digits and '-', not starting or ending with '-'`,
        `${P}: slots: "qa_1" must be lowercase letters, digits and '-', not starting or ending with '-'`,
      ]);
      expect(errorsOf({ slots: ["production", "staging", "staging"] })).toEqual([
        `${P}: slots: "staging" is listed twice`,
      ]);
      const long = "s".repeat(60);
      expect(errorsOf({ slots: [long] })).toEqual([
        `${P}: slots: database name "app_${long}" is longer than 63 characters (PostgreSQL's limit)`,
      ]);
    });

    test.each(["App", "1app", "my-app", ""])("refuses databaseNamePrefix %j", (databaseNamePrefix) => {
      expect(errorsOf({ databaseNamePrefix })).toEqual([
        `${P}: databaseNamePrefix = "${databaseNamePrefix}" must be lowercase letters, digits and '_', starting with a letter`,
      ]);
    });

    test.each([
      [
        "0.0.0.0",
        `"0.0.0.0" is Azure's "allow all Azure services" rule, which admits every tenant's Azure workloads`,
      ],
      ["10.0.0.0/8", `"10.0.0.0/8" must be a single IPv4 address (no ranges or CIDR blocks)`],
      ["1.2.3.4-1.2.3.9", `"1.2.3.4-1.2.3.9" must be a single IPv4 address (no ranges or CIDR blocks)`],
      ["256.1.1.1", `"256.1.1.1" must be a single IPv4 address (no ranges or CIDR blocks)`],
      ["1.2.3", `"1.2.3" must be a single IPv4 address (no ranges or CIDR blocks)`],
      ["01.2.3.4", `"01.2.3.4" must be a single IPv4 address (no ranges or CIDR blocks)`],
    ])("refuses allowedIpAddresses %j", (address, rule) => {
      expect(errorsOf({ allowedIpAddresses: [address] })).toEqual([`${P}: allowedIpAddresses: ${rule}`]);
    });

    test("refuses an address listed twice, and creates its rule once", () => {
      const { stack } = postgres({ allowedIpAddresses: ["20.1.2.3", "20.1.2.3"] });
      expect(validationErrors(stack)).toEqual([`${P}: allowedIpAddresses: "20.1.2.3" is listed twice`]);
      expect(Object.keys(resourcesOf(JSON.parse(Testing.synth(stack)), FIREWALL))).toHaveLength(1);
    });

    test("private mode needs the subnet and the zone; public mode refuses them", () => {
      expect(errorsOf({ networkMode: "private" })).toEqual([
        `${P}: networkMode = "private" needs delegatedSubnet (delegated to PostgreSQL)`,
        `${P}: networkMode = "private" needs privateDnsZone (*.postgres.database.azure.com)`,
      ]);
      const t = postgres({ networkMode: "private", allowedIpAddresses: ["20.1.2.3"] });
      expect(validationErrors(t.stack)).toContain(
        `${P}: allowedIpAddresses = ["20.1.2.3"] needs networkMode "public"; a private server has no firewall`,
      );
      expect(resourcesOf(JSON.parse(Testing.synth(t.stack)), FIREWALL)).toEqual({});
    });

    test("private mode: the DNS zone must be a postgres.database.azure.com zone; firewall rules are refused", () => {
      const t = postgres((stack) => {
        const { subnet, zone } = privateNetwork(stack, "privatelink.contoso.com");
        const network = { networkMode: "private" as const, delegatedSubnet: subnet, privateDnsZone: zone };
        return { name: "psql-contoso-prod", slots: ["production", "staging"], ...network };
      });
      const { db } = t;
      const api = apiUsing(t);
      db.allowConnectionsFrom(api);
      const errors = validationErrors(t.stack);
      expect(errors).toContain(
        `${P}: privateDnsZone name "privatelink.contoso.com" must end with ".postgres.database.azure.com" (Azure's rule for VNet-injected servers)`,
      );
      expect(errors).toContain(
        `PostgresFirewallRules test/db/allow-api: database test/db has networkMode "private"; firewall rules apply to public access only (use VNet integration for test/api)`,
      );
    });

    test("public mode refuses a subnet or a zone", () => {
      const t = postgres((stack) => ({ name: "psql-x", delegatedSubnet: privateNetwork(stack).subnet }));
      expect(validationErrors(t.stack)).toEqual([`${P}: delegatedSubnet needs networkMode = "private"`]);
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
