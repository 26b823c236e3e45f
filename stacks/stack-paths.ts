import { relative, resolve, sep } from "node:path";
import { App, type TerraformStack } from "cdktf";

/**
 * A project path as Terraform sees it from the stack's working directory
 * (`<outdir>/stacks/<stack>`): relative, '/'-separated, so the synthesized JSON is the same on
 * every machine and holds no absolute path of the one that synthesized it.
 */
export function pathFromStack(stack: TerraformStack, projectRoot: string, projectPath: string): string {
  const workingDirectory = resolve(App.of(stack).outdir, "stacks", stack.node.id);
  return relative(workingDirectory, resolve(projectRoot, projectPath)).split(sep).join("/");
}
