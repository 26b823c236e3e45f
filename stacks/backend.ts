import { LocalBackend, type TerraformStack } from "cdktf";
import type { PlatformConfig } from "../config/schema";
import { workspaceName } from "../config/stack-names";
import { HcpCloudBackend } from "./hcp-cloud-backend";
import { pathFromStack } from "./stack-paths";

/** Where local state lives, relative to the project root; git-ignored. */
export const LOCAL_STATE_DIR = "state";

/**
 * The stack's state backend. Locally: a file under `state/` (see {@link configureLocalBackend}).
 * With an HCP Terraform organization: the workspace named by `workspaceName` (the bootstrap
 * stack creates it under that same name). No stack reads another's state, so the workspaces
 * share none.
 */
export function configureBackend(
  stack: TerraformStack,
  backend: PlatformConfig["backend"],
  projectRoot: string,
): void {
  if (backend.tfcOrganization) {
    new HcpCloudBackend(stack, {
      organization: backend.tfcOrganization,
      workspace: workspaceName(backend, stack.node.id),
    });
    return;
  }
  configureLocalBackend(stack, projectRoot);
}

/**
 * State in `state/<stack>.tfstate` of the project, addressed relative to the stack's working
 * directory (see pathFromStack), so the JSON holds no absolute path of this machine.
 */
export function configureLocalBackend(stack: TerraformStack, projectRoot: string): void {
  new LocalBackend(stack, {
    path: pathFromStack(stack, projectRoot, `${LOCAL_STATE_DIR}/${stack.node.id}.tfstate`),
  });
}
