import { isUnresolved, type PropProblem } from "./problems";

/**
 * The slot logins of one PostgreSQL server, as data: which login each deployment slot connects
 * with, which database it may use, which Key Vault secrets hold its password and its URL, and
 * the privileges it gets. One pure description drives three things that must agree: the
 * server's secrets ({@link PostgresDatabase}), the postgresql provider resources that make the
 * logins ({@link PostgresLogins}), and the SQL those resources run ({@link slotLoginStatements},
 * which the real-PostgreSQL test applies).
 *
 * Each slot's login is not a superuser and cannot create roles or databases; it gets CONNECT and
 * TEMPORARY on its own database, CREATE and USAGE on that database's `public` schema (so its
 * migrations create and own their tables) and read-write on the tables and sequences that exist
 * there. PUBLIC loses every privilege on each app database, so no login reaches another slot's
 * database. The logins are named like their databases (`app_staging`).
 */

export interface DatabaseLoginPlanProps {
  /** Deployment slots, "production" included; each gets a database and a login. */
  readonly slots: readonly string[];
  /** Databases and logins are named `<prefix>_<slot>` ('-' becomes '_'). @default "app" */
  readonly databaseNamePrefix?: string;
  /**
   * Put before every Key Vault secret name of the server, so two servers can share a vault.
   * @default "" (secrets `database-url-<slot>`, `database-login-<slot>`, `database-admin-password`)
   */
  readonly secretNamePrefix?: string;
  /** The server administrator, who creates the logins. @default "pgadmin" */
  readonly administratorLogin?: string;
}

/** One slot's login and where its credentials live. */
export interface SlotLogin {
  readonly slot: string;
  /** The slot's database, e.g. `app_staging`. */
  readonly database: string;
  /** The login the slot connects with: named like its database. */
  readonly login: string;
  /** Vault secret with the login's password: read by the deployer only. */
  readonly passwordSecretName: string;
  /** Vault secret with the slot's `DATABASE_URL`: read by the slot's identity only. */
  readonly urlSecretName: string;
}

export interface DatabaseLoginPlan {
  readonly administratorLogin: string;
  /** Vault secret with the administrator's password: read by the deployer only, never by an app. */
  readonly administratorSecretName: string;
  readonly slots: readonly SlotLogin[];
}

/** The attributes of every slot login, as `postgresql_role` arguments (provider defaults spelled out for review). */
export const SLOT_LOGIN_ATTRIBUTES = {
  login: true,
  superuser: false,
  createDatabase: false,
  createRole: false,
  inherit: true,
  replication: false,
  bypassRowLevelSecurity: false,
  connectionLimit: -1,
} as const;

export type GrantObjectType = "database" | "schema" | "table" | "sequence";

/** One `postgresql_grant`: `privileges` on an object of `database` for `role` ("public" = every role). */
export interface SlotGrant {
  /** Part of the construct id, unique per slot. */
  readonly name: string;
  readonly database: string;
  readonly role: string;
  readonly objectType: GrantObjectType;
  /** Schema of a schema, table or sequence grant. */
  readonly schema?: string;
  /** Empty: every privilege revoked, none granted. */
  readonly privileges: readonly string[];
}

/** The schema each app database uses (PostgreSQL's default one). */
export const APP_SCHEMA = "public";

/** `<prefix>_<slot>`, with '-' in the slot name as '_' (PostgreSQL identifiers stay unquoted-friendly). */
export function slotDatabaseName(prefix: string, slot: string): string {
  return `${prefix}_${slot.replace(/-/g, "_")}`;
}

/** The logins of a server with `props.slots`, each slot once, in the order given. */
export function databaseLoginPlan(props: DatabaseLoginPlanProps): DatabaseLoginPlan {
  const prefix = props.databaseNamePrefix ?? "app";
  // Slot names and the prefix are validated; keep the secret names valid so only that problem shows.
  const secretPart = (name: string) => name.replace(/[^0-9a-zA-Z-]/g, "-");
  const secretPrefix = secretPart(props.secretNamePrefix ?? "");
  return {
    administratorLogin: props.administratorLogin ?? "pgadmin",
    administratorSecretName: `${secretPrefix}database-admin-password`,
    slots: [...new Set(props.slots)].map((slot) => ({
      slot,
      database: slotDatabaseName(prefix, slot),
      login: slotDatabaseName(prefix, slot),
      passwordSecretName: `${secretPrefix}database-login-${secretPart(slot)}`,
      urlSecretName: `${secretPrefix}database-url-${secretPart(slot)}`,
    })),
  };
}

/** The grants of one slot's login, in the order they are applied. */
export function slotGrants(login: SlotLogin): SlotGrant[] {
  const database = login.database;
  return [
    // CONNECT and TEMPORARY belong to PUBLIC by default: without this any login could connect.
    { name: "revoke-public", database, role: "public", objectType: "database", privileges: [] },
    {
      name: "database",
      database,
      role: login.login,
      objectType: "database",
      privileges: ["CONNECT", "TEMPORARY"],
    },
    {
      name: "schema",
      database,
      role: login.login,
      objectType: "schema",
      schema: APP_SCHEMA,
      privileges: ["CREATE", "USAGE"],
    },
    {
      name: "tables",
      database,
      role: login.login,
      objectType: "table",
      schema: APP_SCHEMA,
      privileges: ["DELETE", "INSERT", "SELECT", "UPDATE"],
    },
    {
      name: "sequences",
      database,
      role: login.login,
      objectType: "sequence",
      schema: APP_SCHEMA,
      privileges: ["SELECT", "UPDATE", "USAGE"],
    },
  ];
}

/** A SQL statement and the database it runs in (undefined: the maintenance database the provider connects to). */
export interface SqlStatement {
  readonly database?: string;
  readonly sql: string;
}

/**
 * PostgreSQL's identifier quoting, as the provider's `pq.QuoteIdentifier`. A role spelled
 * `"public"` still means PUBLIC (the grammar treats the name specially, quoted or not), so the
 * PUBLIC grant needs no exception.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal as the provider writes it (quotes and backslashes doubled). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * The statement the postgresql provider runs to create a slot login (`postgresql_role` with
 * {@link SLOT_LOGIN_ATTRIBUTES}; terraform-provider-postgresql, resource_postgresql_role.go).
 */
export function createLoginStatement(login: SlotLogin, password: string): SqlStatement {
  const a = SLOT_LOGIN_ATTRIBUTES;
  const flag = (on: boolean, keyword: string) => (on ? keyword : `NO${keyword}`);
  const options = [
    `ENCRYPTED PASSWORD ${quoteLiteral(password)}`,
    "VALID UNTIL 'infinity'",
    `CONNECTION LIMIT ${a.connectionLimit}`,
    flag(a.superuser, "SUPERUSER"),
    flag(a.createDatabase, "CREATEDB"),
    flag(a.createRole, "CREATEROLE"),
    flag(a.inherit, "INHERIT"),
    flag(a.login, "LOGIN"),
    flag(a.bypassRowLevelSecurity, "BYPASSRLS"),
    flag(a.replication, "REPLICATION"),
  ];
  return { sql: `CREATE ROLE ${quoteIdentifier(login.login)} WITH ${options.join(" ")}` };
}

/** What the provider runs when `password_wo_version` changes: the rotation. */
export function changePasswordStatement(login: SlotLogin, password: string): SqlStatement {
  return { sql: `ALTER ROLE ${quoteIdentifier(login.login)} PASSWORD ${quoteLiteral(password)}` };
}

function grantTarget(grant: SlotGrant): string {
  const schema = quoteIdentifier(grant.schema ?? APP_SCHEMA);
  switch (grant.objectType) {
    case "database":
      return `DATABASE ${quoteIdentifier(grant.database)}`;
    case "schema":
      return `SCHEMA ${schema}`;
    case "table":
      return `ALL TABLES IN SCHEMA ${schema}`;
    case "sequence":
      return `ALL SEQUENCES IN SCHEMA ${schema}`;
  }
}

/**
 * The statements the provider runs for a `postgresql_grant` (resource_postgresql_grant.go): it
 * revokes everything first, so the grant is exactly `privileges`, then grants them, connected
 * to the grant's database.
 */
export function grantStatements(grant: SlotGrant): SqlStatement[] {
  const target = grantTarget(grant);
  const role = quoteIdentifier(grant.role);
  const statements = [{ database: grant.database, sql: `REVOKE ALL PRIVILEGES ON ${target} FROM ${role}` }];
  if (grant.privileges.length > 0) {
    statements.push({
      database: grant.database,
      sql: `GRANT ${grant.privileges.join(",")} ON ${target} TO ${role}`,
    });
  }
  return statements;
}

/** Every statement that makes the plan's logins, slot by slot, as the administrator runs them. */
export function slotLoginStatements(
  plan: DatabaseLoginPlan,
  passwords: Readonly<Record<string, string>>,
): SqlStatement[] {
  return plan.slots.flatMap((login) => [
    createLoginStatement(login, passwords[login.slot]),
    ...slotGrants(login).flatMap(grantStatements),
  ]);
}

/** PostgreSQL's identifier limit (NAMEDATALEN - 1 bytes). */
export const POSTGRES_IDENTIFIER_MAX = 63;

/**
 * The rules of the plan's props: slot names, the prefixes and the database and login names they
 * make (prop paths as in {@link DatabaseLoginPlanProps}). The administrator login's rules
 * belong to the server (`postgresDatabaseProblems`).
 */
export function databaseLoginPlanProblems(props: DatabaseLoginPlanProps): PropProblem[] {
  const problems: PropProblem[] = [];
  const prefix = props.databaseNamePrefix ?? "app";
  if (!isUnresolved(prefix) && !/^[a-z][a-z0-9_]*$/.test(prefix)) {
    problems.push({
      prop: ["databaseNamePrefix"],
      value: prefix,
      rule: "must be lowercase letters, digits and '_', starting with a letter",
    });
  } else if (!isUnresolved(prefix) && (prefix === "pg" || prefix.startsWith("pg_"))) {
    problems.push({
      prop: ["databaseNamePrefix"],
      value: prefix,
      rule: "must not make logins starting with 'pg_' (PostgreSQL reserves those role names)",
    });
  }
  const secretPrefix = props.secretNamePrefix ?? "";
  if (!isUnresolved(secretPrefix) && !/^([0-9a-zA-Z][0-9a-zA-Z-]{0,59})?$/.test(secretPrefix)) {
    problems.push({
      prop: ["secretNamePrefix"],
      value: secretPrefix,
      rule: "must be up to 60 letters, digits and '-', starting with a letter or digit (it starts Key Vault secret names)",
    });
  }
  problems.push(...slotProblems(props.slots, prefix));
  return problems;
}

function slotProblems(slots: readonly string[], prefix: string): PropProblem[] {
  if (isUnresolved(slots)) return [];
  if (slots.length === 0)
    return [{ prop: ["slots"], value: [], rule: "must list at least one slot; every app needs a database" }];
  const problems: PropProblem[] = [];
  slots.forEach((slot, index) => {
    if (isUnresolved(slot)) return;
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(slot)) {
      problems.push({
        prop: ["slots", index],
        value: slot,
        rule: "must be lowercase letters, digits and '-', not starting or ending with '-'",
      });
    } else if (slotDatabaseName(prefix, slot).length > POSTGRES_IDENTIFIER_MAX) {
      problems.push({
        prop: ["slots", index],
        value: slot,
        rule: `makes the database and login name "${slotDatabaseName(prefix, slot)}", longer than ${POSTGRES_IDENTIFIER_MAX} characters (PostgreSQL's limit)`,
      });
    }
    if (slots.indexOf(slot) !== index) {
      problems.push({ prop: ["slots", index], value: slot, rule: "is listed twice" });
    }
  });
  return problems;
}
