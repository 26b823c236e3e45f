import type { App, TerraformStack } from "cdktf";
import type { PlatformConfig } from "../config/schema";
import {
  accessStackName,
  databaseRolesStackName,
  environmentStackName,
  imageStackName,
  sharedStackName,
} from "../config/stack-names";
import { DatabaseAccessStack } from "./database-access-stack";
import { DatabaseRolesStack } from "./database-roles-stack";
import { EnvironmentStack } from "./environment-stack";
import { addHcpBootstrapStack } from "./hcp-bootstrap-stack";
import { resolveImageSource } from "./image-source";
import { ImageStack } from "./image-stack";
import { SharedStack } from "./shared-stack";
import { terraformLiterals } from "./terraform-literal";

export interface PlatformStacks {
  readonly shared: SharedStack;
  /** Absent when the image is prebuilt (IMAGE_BUILD=false). */
  readonly image?: ImageStack;
  readonly environments: readonly EnvironmentStack[];
  /** `<app>-<env>-access` per environment with a public database, applied after that environment. */
  readonly databaseAccess: readonly DatabaseAccessStack[];
  /** `<app>-<env>-database-roles` per environment with a database: the slot logins, applied last. */
  readonly databaseRoles: readonly DatabaseRolesStack[];
}

/**
 * Adds every stack of `config` to `app`: `<app>-shared`, `<app>-image` when the image is built
 * here, `<app>-<env>` per selected environment, and `<app>-<env>-access` for each environment
 * with a public database. Environment stacks depend on the image
 * stack, so `cdktf deploy` pushes the image before any app is pointed at it.
 * @param projectRoot folder that config paths (build context, local state) are relative to
 */
export function addPlatformStacks(app: App, input: PlatformConfig, projectRoot: string): PlatformStacks {
  // The one boundary where configuration becomes Terraform: from here on every configured string is
  // a literal for Terraform (config paths cannot hold `${`/`%{`, so files are found as configured).
  const config = terraformLiterals(input);
  const name = config.app.name;
  const source = resolveImageSource(config, projectRoot);
  const shared = new SharedStack(app, sharedStackName(name), { config, projectRoot });
  const image =
    config.image.build && source.contextHash !== undefined
      ? new ImageStack(app, imageStackName(name), {
          config,
          projectRoot,
          tag: source.tag,
          contextHash: source.contextHash,
        })
      : undefined;
  const environments = Object.keys(config.environments).map((environment) => {
    const stack = new EnvironmentStack(app, environmentStackName(name, environment), {
      config,
      projectRoot,
      environment,
      imageTag: source.tag,
    });
    // No cross-stack references (they would read the other stack's state): the order is declared.
    stack.addDependency(shared);
    if (image) stack.addDependency(image);
    return stack;
  });
  // A private database needs no firewall: the API reaches it through the network. The slot logins
  // are made after the environment and its access stack (docs/database.md).
  const databaseAccess: DatabaseAccessStack[] = [];
  const databaseRoles = Object.keys(config.environments).flatMap((environment, index) => {
    const stack = environments[index];
    if (!stack.database) return [];
    const after: TerraformStack[] = [stack];
    if (stack.database.networkMode === "public") {
      const access = new DatabaseAccessStack(app, accessStackName(name, environment), {
        config,
        projectRoot,
        environment,
        after: [stack],
      });
      databaseAccess.push(access);
      after.push(access);
    }
    return [
      new DatabaseRolesStack(app, databaseRolesStackName(name, environment), {
        config,
        projectRoot,
        environment,
        after,
      }),
    ];
  });
  // With an HCP organization: the one-time bootstrap (workspaces, deployer, resource groups) of the stacks above.
  addHcpBootstrapStack(app, config, projectRoot);
  return { shared, image, environments, databaseAccess, databaseRoles };
}
