import { CloudBackend, LocalBackend, NamedCloudWorkspace, type TerraformStack } from "cdktf";
import type { PlatformConfig } from "../config/schema";
import { pathFromStack } from "./stack-paths";

/** Where local state lives, relative to the project root; git-ignored. */
export const LOCAL_STATE_DIR = "state";

/**
 * The stack's state backend. Locally: a file under `state/` in the project, addressed
 * relative to the stack's working directory (see pathFromStack). With an HCP Terraform organization: one named
 * workspace per stack; cross-stack references then read the other workspaces' outputs,
 * which needs remote state sharing between them.
 */
export function configureBackend(
  stack: TerraformStack,
  backend: PlatformConfig["backend"],
  projectRoot: string,
): void {
  const stackName = stack.node.id;
  if (backend.tfcOrganization) {
    new CloudBackend(stack, {
      organization: backend.tfcOrganization,
      workspaces: new NamedCloudWorkspace(`${backend.tfcWorkspacePrefix ?? ""}${stackName}`),
    });
    return;
  }
  new LocalBackend(stack, {
    path: pathFromStack(stack, projectRoot, `${LOCAL_STATE_DIR}/${stackName}.tfstate`),
  });
}
