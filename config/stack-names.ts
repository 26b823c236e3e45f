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
    sharedStackName(app),
    ...(config.image.build ? [imageStackName(app)] : []),
    ...environments.map(([environment]) => environmentStackName(app, environment)),
    ...environments.flatMap(([environment, env]) => [
      ...(env.database?.network === "public" ? [accessStackName(app, environment)] : []),
      ...(env.database ? [databaseRolesStackName(app, environment)] : []),
    ]),
    ...(config.backend.tfcOrganization === undefined ? [] : [bootstrapStackName(app)]),
  ];
}

/** What every environment shares: registry, workspace. */
export function sharedStackName(app: string): string {
  return `${app}-shared`;
}

/** The image build and push (only when built here). */
export function imageStackName(app: string): string {
  return `${app}-image`;
}

/** One environment. */
export function environmentStackName(app: string, environment: string): string {
  return `${app}-${environment}`;
}

/** The firewall rules that open an environment's public database to its API. */
export function accessStackName(app: string, environment: string): string {
  return `${environmentStackName(app, environment)}-access`;
}

/** The slot logins of an environment's database. */
export function databaseRolesStackName(app: string, environment: string): string {
  return `${environmentStackName(app, environment)}-database-roles`;
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
