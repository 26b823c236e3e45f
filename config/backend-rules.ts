import { federatedCredentialProblems } from "../constructs/deployer-identity";
import { hcpProjectProblems } from "../constructs/hcp-project";
import { HCP_RUN_PHASES, hcpWorkspaceProblems } from "../constructs/hcp-workspace";
import type { PathProblem } from "./field-problems";
import type { PlatformConfig } from "./schema";
import { bootstrapStackName, hcpProjectName, platformStackNames, workspaceName } from "./stack-names";

/**
 * The rules of the `backend` section that span fields: with an HCP Terraform organization, the
 * names the bootstrap stack derives (default project, `<prefix><stack>` workspaces) must be
 * names HCP Terraform accepts, no environment may take the bootstrap stack's name, and the
 * deployer identity must hold every federated credential the workspaces and GitHub
 * environments need. The limits are the constructs' (hcp-project, hcp-workspace,
 * deployer-identity); this maps them onto config fields. Pure; for crossFieldProblems to call.
 */
export function backendProblems(config: PlatformConfig): PathProblem[] {
  const { backend, app } = config;
  if (backend.tfcOrganization === undefined) return [];
  const problems: PathProblem[] = [];

  // An explicit project was checked by the schema; the default (the app name) is checked here.
  if (backend.tfcProject === undefined) {
    for (const problem of hcpProjectProblems({ name: hcpProjectName(config) })) {
      problems.push({
        path: ["backend", "tfcProject"],
        value: hcpProjectName(config),
        rule: `${problem.rule}; the default is the app name, so set backend.tfcProject`,
      });
    }
  }

  const bootstrap = bootstrapStackName(app.name);
  const workspaces = platformStackNames(config)
    .filter((stack) => stack !== bootstrap)
    .map((stack) => workspaceName(backend, stack));
  const refused = workspaces
    .flatMap((name) => hcpWorkspaceProblems({ name }).map((problem) => ({ name, problem })))
    .sort((a, b) => b.name.length - a.name.length);
  if (refused.length > 0) {
    problems.push({
      path: ["backend", "tfcWorkspacePrefix"],
      value: backend.tfcWorkspacePrefix ?? "",
      rule: `makes workspace "${refused[0].name}", which ${refused[0].problem.rule}${refused.length > 1 ? ` (${refused.length} workspaces in all)` : ""}`,
    });
  }

  for (const environment of Object.keys(config.environments)) {
    if (`${app.name}-${environment}` === bootstrap) {
      problems.push({
        path: ["environments", environment],
        value: environment,
        rule: `makes stack "${bootstrap}", the name of the HCP Terraform bootstrap stack; choose another environment name`,
      });
    }
  }

  const githubEnvironments =
    backend.githubRepository === undefined ? 0 : Object.keys(config.environments).length;
  const credentials = workspaces.length * HCP_RUN_PHASES.length + githubEnvironments;
  for (const problem of federatedCredentialProblems(credentials, [])) {
    problems.push({
      path: ["environments"],
      value: Object.keys(config.environments),
      rule: `make ${credentials} federated credentials on the deployer identity (${HCP_RUN_PHASES.length} for each of ${workspaces.length} workspaces, 1 for each of ${githubEnvironments} GitHub environments), which ${problem.rule}`,
    });
  }
  return problems;
}
