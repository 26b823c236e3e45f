import { dependable, type ITerraformDependable, Lazy } from "cdktf";
import type { IConstruct } from "constructs";
import { type AzKeyVaultAccessPolicy, AzRoleAssignment, TimeSleep } from "./providers";

/**
 * A permission given to a principal: what every `grant*` method returns. It names the role
 * (or access-policy permissions), the scope and the grantee, and carries the resource that
 * makes it (a role assignment or a Key Vault access policy), for `dependsOn`.
 */
export class Grant {
  constructor(
    readonly grantee: IGrantable,
    /** Built-in role name, e.g. "AcrPull", or "access policy: Get" for access-policy vaults. */
    readonly role: string,
    /** Resource id the permission applies to. */
    readonly scope: string,
    readonly resource: AzRoleAssignment | AzKeyVaultAccessPolicy,
  ) {}

  /** Id of the assignment or policy. */
  get id(): string {
    return this.resource.id;
  }
}

/**
 * Anything that can be granted an Azure role: a managed identity, the deploying principal.
 * It keeps the record of its grants, so whatever uses them (a web app at its first start, a
 * secret write) waits for {@link GrantRecord.inEffect} instead of collecting grants by hand.
 */
export interface IGrantable extends IConstruct {
  /** Object id of the principal in Entra ID. */
  readonly principalId: string;
  /**
   * "ServicePrincipal" for managed identities: it lets Azure skip the directory look-up that
   * fails with PrincipalNotFound right after an identity is created.
   */
  readonly principalType?: string;
  readonly grants: GrantRecord;
}

/**
 * The grants of one principal, and one wait for them: Azure role assignments take up to a few
 * minutes to take effect, so anything that uses them right away depends on a `time_sleep` that
 * depends on every grant (also those made after the dependent was created) and runs again when
 * one of them is replaced.
 */
export class GrantRecord {
  private readonly list: Grant[] = [];
  private wait?: TimeSleep;

  constructor(
    private readonly principal: IConstruct,
    /** How long a new grant takes to take effect. */
    private readonly propagation: string,
  ) {}

  /** Every grant made to the principal, in order. */
  get all(): readonly Grant[] {
    return this.list;
  }

  /** Called by the `grant*` methods; a grant already recorded is ignored. */
  add(grant: Grant): void {
    if (this.list.includes(grant)) return;
    this.list.push(grant);
    if (this.wait && !this.list.slice(0, -1).some((g) => g.resource === grant.resource)) {
      this.wait.dependsOn = [...(this.wait.dependsOn ?? []), dependable(grant.resource)];
    }
  }

  /** What to depend on to use the grants: a wait for every grant of the principal. */
  inEffect(): ITerraformDependable {
    if (!this.wait) {
      const resources = () => [...new Set(this.list.map((grant) => grant.resource))];
      this.wait = new TimeSleep(this.principal, "grants-propagation", {
        createDuration: this.propagation,
        triggers: Lazy.anyValue({
          produce: () => Object.fromEntries(resources().map((resource, i) => [`grant_${i}`, resource.id])),
        }) as unknown as Record<string, string>,
        dependsOn: resources(),
      });
    }
    return this.wait;
  }
}

/**
 * The construct id of a grant of `kind` on `target`: readable, and unique per target (the
 * address is a hash of the full path, so "a/b-c" and "a-b/c" do not collide).
 */
export function grantId(kind: string, target: IConstruct): string {
  return `${kind.replace(/\s+/g, "")}-${target.node.id}-${target.node.addr.slice(0, 8)}`;
}

/**
 * Assigns `roleName` to `grantee` at `scopeId`, once: a second grant of the same role on the
 * same target returns the first. The assignment lives in the grantee's scope, so it is
 * destroyed with the identity that uses it. `target` is the construct the role is on.
 */
export function grantRole(grantee: IGrantable, target: IConstruct, scopeId: string, roleName: string): Grant {
  const id = grantId(roleName, target);
  const existing = grantee.grants.all.find(
    (grant) => grant.resource.node.id === id && grant.resource.node.scope === grantee,
  );
  if (existing) return existing;
  const assignment = new AzRoleAssignment(grantee, id, {
    scope: scopeId,
    roleDefinitionName: roleName,
    principalId: grantee.principalId,
    principalType: grantee.principalType,
    description: `${roleName} for ${grantee.node.id}, managed by cdktf`,
  });
  const grant = new Grant(grantee, roleName, scopeId, assignment);
  grantee.grants.add(grant);
  return grant;
}
