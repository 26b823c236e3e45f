import type { App } from "cdktf";
import type { PlatformConfig } from "../config/schema";
import { DatabaseAccessStack } from "./database-access-stack";
import { EnvironmentStack } from "./environment-stack";
import { resolveImageSource } from "./image-source";
import { ImageStack } from "./image-stack";
import { SharedStack } from "./shared-stack";

export interface PlatformStacks {
  readonly shared: SharedStack;
  /** Absent when the image is prebuilt (IMAGE_BUILD=false). */
  readonly image?: ImageStack;
  readonly environments: readonly EnvironmentStack[];
  /** `<app>-<env>-access` per environment with a public database, applied after that environment. */
  readonly databaseAccess: readonly DatabaseAccessStack[];
}

/**
 * Adds every stack of `config` to `app`: `<app>-shared`, `<app>-image` when the image is built
 * here, `<app>-<env>` per selected environment, and `<app>-<env>-access` for each environment
 * with a public database. Environment stacks depend on the image
 * stack, so `cdktf deploy` pushes the image before any app is pointed at it.
 * @param projectRoot folder that config paths (build context, local state) are relative to
 */
export function addPlatformStacks(app: App, config: PlatformConfig, projectRoot: string): PlatformStacks {
  const name = config.app.name;
  const source = resolveImageSource(config, projectRoot);
  const shared = new SharedStack(app, `${name}-shared`, { config, projectRoot });
  const image =
    config.image.build && source.contextHash !== undefined
      ? new ImageStack(app, `${name}-image`, {
          config,
          projectRoot,
          tag: source.tag,
          contextHash: source.contextHash,
        })
      : undefined;
  const environments = Object.keys(config.environments).map((environment) => {
    const stack = new EnvironmentStack(app, `${name}-${environment}`, {
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
  // A private database needs no firewall: the API reaches it through the network.
  const databaseAccess = environments.flatMap(({ node, database, api }) =>
    database?.networkMode === "public"
      ? [new DatabaseAccessStack(app, `${node.id}-access`, { config, projectRoot, database, api })]
      : [],
  );
  return { shared, image, environments, databaseAccess };
}
