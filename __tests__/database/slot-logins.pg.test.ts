import { randomBytes } from "node:crypto";
import { loadConfig } from "../../config/load-config";
import {
  changePasswordStatement,
  type SlotLogin,
  type SqlStatement,
  slotLoginStatements,
} from "../../constructs/database-logins";
import { apiDatabaseLoginPlan } from "../../stacks/api-database";
import { postgresUnavailable, TestPostgres } from "./test-postgres";

/**
 * The slot logins against a real PostgreSQL 15 server: the statements applied are exactly those
 * the postgresql provider runs for the roles stack's resources, rendered from the same plan
 * (`apiDatabaseLoginPlan`, the default config's prod with production and staging slots).
 *
 * The server is set up the way Azure sets up a flexible server: the administrator `pgadmin` is
 * LOGIN NOSUPERUSER INHERIT CREATEDB CREATEROLE and a member of `azure_pg_admin` (Microsoft's
 * "Create users" page); the databases azurerm creates through the ARM API belong to
 * `azure_pg_admin`. Everything after that runs as `pgadmin`, as the roles stack does.
 */
const unavailable = postgresUnavailable();
if (unavailable) console.warn(`Skipping the PostgreSQL slot login test: ${unavailable}`);
const describeWithPostgres = unavailable ? describe.skip : describe;

const password = () => `P${randomBytes(18).toString("base64url")}1`;

describeWithPostgres("slot logins on a real PostgreSQL server", () => {
  const server = new TestPostgres();
  const plan = apiDatabaseLoginPlan(loadConfig({}), "prod");
  const admin = { login: plan.administratorLogin, password: password() };
  const passwords: Record<string, string> = Object.fromEntries(
    plan.slots.map(({ slot }) => [slot, password()]),
  );
  const login = (slot: string) => plan.slots.find((l) => l.slot === slot) as SlotLogin;
  const as = (slot: string, database: string, sql: string) =>
    server.psql(login(slot).login, passwords[slot], database, sql);
  const asAdmin = (statement: SqlStatement) =>
    server.psql(admin.login, admin.password, statement.database ?? "postgres", statement.sql);
  const production = login("production");
  const staging = login("staging");

  beforeAll(async () => {
    await server.start();
    // What Azure creates: the operator's group, the administrator, and the databases (azurerm).
    server.asSuperuser("postgres", "CREATE ROLE azure_pg_admin NOLOGIN");
    server.asSuperuser(
      "postgres",
      `CREATE ROLE ${admin.login} WITH LOGIN NOSUPERUSER INHERIT CREATEDB CREATEROLE PASSWORD '${admin.password}' IN ROLE azure_pg_admin`,
    );
    for (const { database } of plan.slots) {
      server.asSuperuser("postgres", `CREATE DATABASE ${database} OWNER azure_pg_admin`);
    }
    // The administrator creates a table in each database before the logins exist.
    for (const { slot, database } of plan.slots) {
      const created = asAdmin({
        database,
        sql: `CREATE TABLE orders (id serial PRIMARY KEY, note text); INSERT INTO orders (note) VALUES ('${slot} data')`,
      });
      expect(created.stderr).toBe("");
    }
    // The roles stack's statements, as the administrator.
    for (const statement of slotLoginStatements(plan, passwords)) {
      const result = asAdmin(statement);
      if (!result.ok) throw new Error(`${statement.sql.split(" PASSWORD ")[0]}: ${result.stderr}`);
    }
  }, 300_000);

  afterAll(() => server.stop());

  test("the plan has a login per slot of prod", () => {
    expect(plan.slots.map((l) => [l.slot, l.login, l.database])).toEqual([
      ["production", "app_production", "app_production"],
      ["staging", "app_staging", "app_staging"],
    ]);
  });

  test("each login uses its own database: reads and writes the administrator's table, creates its own", () => {
    for (const { slot, database } of [production, staging]) {
      expect(as(slot, database, "SELECT note FROM orders")).toMatchObject({
        ok: true,
        stdout: `${slot} data`,
      });
      expect(as(slot, database, "INSERT INTO orders (note) VALUES ('more')").ok).toBe(true);
      expect(as(slot, database, "CREATE TABLE own (id int); DROP TABLE own").ok).toBe(true);
    }
  });

  test("the staging login cannot connect to the production database, nor the reverse", () => {
    const stagingInProduction = as("staging", production.database, "SELECT 1");
    expect(stagingInProduction.ok).toBe(false);
    expect(stagingInProduction.stderr).toContain(`permission denied for database "${production.database}"`);
    const productionInStaging = as("production", staging.database, "SELECT 1");
    expect(productionInStaging.ok).toBe(false);
    expect(productionInStaging.stderr).toContain(`permission denied for database "${staging.database}"`);
  });

  test("neither login holds any privilege on the other database or its tables", () => {
    for (const [owner, other] of [
      [production, staging],
      [staging, production],
    ]) {
      const check = asAdmin({
        database: owner.database,
        sql: `SELECT has_database_privilege('${other.login}', '${owner.database}', 'CONNECT'),
                     has_database_privilege('${other.login}', '${owner.database}', 'TEMPORARY'),
                     has_table_privilege('${other.login}', 'public.orders', 'SELECT'),
                     has_table_privilege('${other.login}', 'public.orders', 'INSERT')`,
      });
      expect(check).toMatchObject({ ok: true, stdout: "f|f|f|f" });
    }
  });

  test("CONNECT and TEMPORARY are revoked from PUBLIC on every app database", () => {
    for (const { database } of plan.slots) {
      const check = asAdmin({
        sql: `SELECT has_database_privilege('public', '${database}', 'CONNECT'), has_database_privilege('public', '${database}', 'TEMPORARY')`,
      });
      expect(check).toMatchObject({ ok: true, stdout: "f|f" });
    }
  });

  test("no login is a superuser or may create roles or databases, and trying fails", () => {
    const roles = asAdmin({
      sql: `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls
            FROM pg_roles WHERE rolname IN ('${production.login}', '${staging.login}') ORDER BY rolname`,
    });
    expect(roles.stdout.split("\n")).toEqual([
      `${production.login}|f|f|f|t|f|f`,
      `${staging.login}|f|f|f|t|f|f`,
    ]);
    for (const { slot, database } of [production, staging]) {
      const role = as(slot, database, "CREATE ROLE intruder LOGIN");
      expect(role.ok).toBe(false);
      expect(role.stderr).toContain("permission denied to create role");
      const db = as(slot, database, "CREATE DATABASE intruder");
      expect(db.ok).toBe(false);
      expect(db.stderr).toContain("permission denied to create database");
    }
  });

  test("rotation: the new password works and the old one no longer does", () => {
    const previous = passwords.staging;
    const next = password();
    expect(asAdmin(changePasswordStatement(staging, next)).ok).toBe(true);
    expect(server.psql(staging.login, next, staging.database, "SELECT 1").ok).toBe(true);
    const old = server.psql(staging.login, previous, staging.database, "SELECT 1");
    expect(old.ok).toBe(false);
    expect(old.stderr).toContain("password authentication failed");
    passwords.staging = next;
  });
});
