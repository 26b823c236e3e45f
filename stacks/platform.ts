import type { App } from "cdktf";
import type { PlatformConfig } from "../config/schema";
import { EnvironmentStack } from "./environment-stack";
import { SharedStack } from "./shared-stack";

export interface PlatformStacks {
  readonly shared: SharedStack;
  readonly environments: readonly EnvironmentStack[];
}

/** Adds every stack of `config` to `app`: `<app>-shared`, then `<app>-<env>` per selected environment. */
export function addPlatformStacks(app: App, config: PlatformConfig, imageTag: string): PlatformStacks {
  const shared = new SharedStack(app, `${config.app.name}-shared`, { config });
  const environments = Object.keys(config.environments).map(
    (environment) =>
      new EnvironmentStack(app, `${config.app.name}-${environment}`, {
        config,
        environment,
        shared,
        imageTag,
      }),
  );
  return { shared, environments };
}
