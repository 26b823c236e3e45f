import { CloudBackend, LocalBackend, NamedCloudWorkspace, type TerraformStack } from "cdktf";
import type { PlatformConfig } from "../config/schema";

/** Where local state lives, relative to the project root; git-ignored. */
export const LOCAL_STATE_DIR = "state";

/**
 * The stack's state backend. Locally: a file under `state/`, addressed relative to the
 * stack's working directory (`cdktf.out/stacks/<stack>`), so the JSON holds no absolute path
 * of the machine that synthesized it. With an HCP Terraform organization: one named
 * workspace per stack; cross-stack references then read the other workspaces' outputs,
 * which needs remote state sharing between them.
 */
export function configureBackend(stack: TerraformStack, backend: PlatformConfig["backend"]): void {
  const stackName = stack.node.id;
  if (backend.tfcOrganization) {
    new CloudBackend(stack, {
      organization: backend.tfcOrganization,
      workspaces: new NamedCloudWorkspace(`${backend.tfcWorkspacePrefix ?? ""}${stackName}`),
    });
    return;
  }
  new LocalBackend(stack, { path: `../../../${LOCAL_STATE_DIR}/${stackName}.tfstate` });
}
