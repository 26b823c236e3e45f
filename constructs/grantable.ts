import type { Construct } from "constructs";
import { AzRoleAssignment } from "./providers";

/**
 * Anything that can be granted an Azure role: a managed identity today, a group or a
 * service principal tomorrow. Role assignments are created in the grantee's scope, so they
 * live (and are destroyed) with the identity that uses them, not with the shared resource.
 */
export interface IGrantable extends Construct {
  /** Object id of the principal in Entra ID. */
  readonly principalId: string;
  /**
   * "ServicePrincipal" for managed identities: it lets Azure skip the directory look-up that
   * fails with PrincipalNotFound right after an identity is created.
   */
  readonly principalType?: string;
}

/**
 * The construct id of `grantee`'s grant on `target`: readable, and unique per target (the
 * address is a hash of the full path, so "a/b-c" and "a-b/c" do not collide).
 */
export function grantId(kind: string, target: Construct): string {
  return `${kind.replace(/\s+/g, "")}-${target.node.id}-${target.node.addr.slice(0, 8)}`;
}

/**
 * Assigns `roleName` to `grantee` at `scopeId`, once: a second grant of the same role on the
 * same target returns the first assignment. `target` is the construct the role is on.
 */
export function grantRole(
  grantee: IGrantable,
  target: Construct,
  scopeId: string,
  roleName: string,
): AzRoleAssignment {
  const id = grantId(roleName, target);
  const existing = grantee.node.tryFindChild(id);
  if (existing) return existing as AzRoleAssignment;
  return new AzRoleAssignment(grantee, id, {
    scope: scopeId,
    roleDefinitionName: roleName,
    principalId: grantee.principalId,
    principalType: grantee.principalType,
    description: `${roleName} for ${grantee.node.id}, managed by cdktf`,
  });
}
