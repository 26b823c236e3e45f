import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { TimeSleep } from "./providers";

/** A grant to wait for: a role assignment or an access policy. */
export type Grant = ITerraformDependable & { readonly id: string };

/**
 * Azure role assignments take up to a few minutes to take effect. Anything that uses a role
 * right after granting it (writing a secret, pulling an image at first start) depends on this
 * wait, which runs once when the grants are created and again only when they are replaced.
 */
export function waitForRbac(scope: Construct, id: string, grants: Grant[], duration: string): TimeSleep {
  return new TimeSleep(scope, id, {
    createDuration: duration,
    triggers: Object.fromEntries(grants.map((grant, index) => [`grant_${index}`, grant.id])),
    dependsOn: grants,
  });
}
