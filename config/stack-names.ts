import type { PlatformConfig } from "./schema";

/**
 * The names of the stacks a configuration synthesizes (what `cdktf deploy` takes), as
 * stacks/platform.ts names them: `<app>-shared`, `<app>-image` when the image is built here,
 * `<app>-<env>` per environment, `<app>-<env>-access` per environment with a public database,
 * `<app>-<env>-database-roles` per environment with a database, and `<app>-hcp` with an HCP
 * Terraform organization. The config layer checks the workspace
 * names they make before any stack exists.
 */
export function platformStackNames(config: PlatformConfig): string[] {
  const app = config.app.name;
  const environments = Object.entries(config.environments);
  return [
    `${app}-shared`,
    ...(config.image.build ? [`${app}-image`] : []),
    ...environments.map(([environment]) => `${app}-${environment}`),
    ...environments.flatMap(([environment, env]) => [
      ...(env.database?.network === "public" ? [`${app}-${environment}-access`] : []),
      ...(env.database ? [`${app}-${environment}-database-roles`] : []),
    ]),
    ...(config.backend.tfcOrganization === undefined ? [] : [bootstrapStackName(app)]),
  ];
}

/** The HCP Terraform bootstrap stack: workspaces, deployer identity, resource groups. */
export function bootstrapStackName(app: string): string {
  return `${app}-hcp`;
}

/** The HCP Terraform workspace of a stack; the `cloud` block and the bootstrap stack both name it so. */
export function workspaceName(backend: PlatformConfig["backend"], stackName: string): string {
  return `${backend.tfcWorkspacePrefix ?? ""}${stackName}`;
}

/** The HCP Terraform project the bootstrap stack creates for the workspaces. */
export function hcpProjectName(config: PlatformConfig): string {
  return config.backend.tfcProject ?? config.app.name;
}
