import { Construct } from "constructs";
import { type DatabaseLoginPlan, SLOT_LOGIN_ATTRIBUTES, type SlotGrant, slotGrants } from "./database-logins";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem } from "./problems";
import { PgGrant, PgRole, type PostgresqlProvider } from "./providers";

export interface PostgresLoginsProps {
  /** The logins to make (from the same {@link databaseLoginPlan} as the server's secrets). */
  readonly plan: DatabaseLoginPlan;
  /** A postgresql provider connected to the server as its administrator. */
  readonly provider: PostgresqlProvider;
  /**
   * Each slot's password, by slot name: a Terraform reference that never lands in state (an
   * ephemeral value such as {@link EphemeralVaultSecret.value}). Literal strings are refused.
   */
  readonly passwords: Readonly<Record<string, string>>;
  /**
   * Written to each role's `password_wo_version`: the passwords are set again when it changes.
   * Use the server's `passwordVersion`, which rotates the passwords in the vault.
   */
  readonly passwordVersion: number;
}

export function postgresLoginsProblems(props: PostgresLoginsProps): PropProblem[] {
  const problems: PropProblem[] = [];
  for (const { slot } of props.plan.slots) {
    const password = props.passwords[slot];
    if (password === undefined) {
      problems.push({
        prop: ["passwords", slot],
        rule: "is missing; every slot of the plan needs its password",
      });
    } else if (!isUnresolved(password)) {
      problems.push({
        prop: ["passwords", slot],
        rule: "must be a Terraform reference (an ephemeral Key Vault secret), not a literal string",
      });
    }
  }
  problems.push(...wholeNumberProblem(["passwordVersion"], props.passwordVersion, 1));
  return problems;
}

/**
 * The slot logins of one server, made by the postgresql provider as the administrator: one
 * `postgresql_role` per slot ({@link SLOT_LOGIN_ATTRIBUTES}, password write-only) and its
 * `postgresql_grant`s ({@link slotGrants}). Apply it from a place that reaches the server.
 */
export class PostgresLogins extends Construct {
  /** Escape hatch: each slot's role, by slot name. */
  readonly roles: ReadonlyMap<string, PgRole>;
  /** Escape hatch: each slot's grants, by slot name. */
  readonly grants: ReadonlyMap<string, readonly PgGrant[]>;

  constructor(scope: Construct, id: string, props: PostgresLoginsProps) {
    super(scope, id);
    this.node.addValidation({
      validate: () => validationMessages("PostgresLogins", this, postgresLoginsProblems(props)),
    });
    const a = SLOT_LOGIN_ATTRIBUTES;
    const roles = new Map<string, PgRole>();
    const grants = new Map<string, PgGrant[]>();
    for (const login of props.plan.slots) {
      const role = new PgRole(this, `login-${login.slot}`, {
        provider: props.provider,
        name: login.login,
        login: a.login,
        superuser: a.superuser,
        createDatabase: a.createDatabase,
        createRole: a.createRole,
        inherit: a.inherit,
        replication: a.replication,
        bypassRowLevelSecurity: a.bypassRowLevelSecurity,
        connectionLimit: a.connectionLimit,
        passwordWo: props.passwords[login.slot],
        passwordWoVersion: String(props.passwordVersion),
      });
      roles.set(login.slot, role);
      grants.set(
        login.slot,
        slotGrants(login).map((grant) => this.grant(login.slot, grant, role, props.provider)),
      );
    }
    this.roles = roles;
    this.grants = grants;
  }

  private grant(slot: string, grant: SlotGrant, role: PgRole, provider: PostgresqlProvider): PgGrant {
    return new PgGrant(this, `${grant.name}-${slot}`, {
      provider,
      database: grant.database,
      // The login's own grants reference the role, so Terraform creates the role first.
      role: grant.role === role.nameInput ? role.name : grant.role,
      objectType: grant.objectType,
      schema: grant.schema,
      privileges: [...grant.privileges],
    });
  }
}
