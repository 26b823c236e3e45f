/**
 * The environment variables this project reads (12-factor: what changes per run). The
 * README's variable table is checked against this list by a test.
 * An empty value counts as unset, as CI systems often pass empty variables.
 */
export interface EnvironmentVariable {
  readonly name: string;
  readonly description: string;
  /** The config field it overrides; absent for variables with their own handling. */
  readonly path?: readonly string[];
  /** How the text becomes a config value. @default the text itself */
  readonly parse?: (text: string) => unknown;
}

/** "true"/"false" (also 1/0, yes/no); anything else is passed through for the schema to reject. */
function parseBoolean(text: string): unknown {
  const lower = text.toLowerCase();
  if (["true", "1", "yes"].includes(lower)) return true;
  if (["false", "0", "no"].includes(lower)) return false;
  return text;
}

export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  {
    name: "APP_CONFIG_FILE",
    description: "Path of a JSON config file used instead of the embedded default.",
  },
  {
    name: "APP_NAME",
    path: ["app", "name"],
    description: "Short app name all resource names derive from (2-12 lowercase letters and digits).",
  },
  {
    name: "AZURE_LOCATION",
    path: ["app", "location"],
    description: 'Azure region of every resource, e.g. "westeurope".',
  },
  {
    name: "NAME_SUFFIX",
    path: ["app", "nameSuffix"],
    description: "0-6 lowercase letters and digits appended to globally unique names.",
  },
  {
    name: "ENVIRONMENTS",
    description: 'Comma list of the configured environments to synthesize, e.g. "prod". Default: all.',
  },
  {
    name: "DEPLOYER_ADDRESSES",
    path: ["deployer", "addresses"],
    parse: (text) =>
      text
        .split(",")
        .map((address) => address.trim())
        .filter(Boolean),
    description:
      "Comma list of public IPv4 addresses or CIDR blocks the deploying machines come from: private vaults, an allow-listed registry and restricted sites admit them.",
  },
  {
    name: "IMAGE_TAG",
    path: ["image", "tag"],
    description: "Image tag to deploy. Default: a content hash of the build context.",
  },
  {
    name: "IMAGE_BUILD",
    path: ["image", "build"],
    parse: parseBoolean,
    description: '"false" skips the image stack (remote runs without Docker); needs IMAGE_TAG.',
  },
  {
    name: "POLICY_DATE",
    description:
      "The day (YYYY-MM-DD) the policy baseline judges runtime end-of-life dates by, for the same findings on any day (CI, tests). Default: today.",
  },
  {
    name: "TFC_ORGANIZATION",
    path: ["backend", "tfcOrganization"],
    description:
      "HCP Terraform organization: every stack gets a cloud backend, and the <app>-hcp bootstrap stack is synthesized.",
  },
  {
    name: "TFC_PROJECT",
    path: ["backend", "tfcProject"],
    description:
      "HCP Terraform project the bootstrap stack creates for the workspaces. Default: the app name.",
  },
  {
    name: "TFC_WORKSPACE_PREFIX",
    path: ["backend", "tfcWorkspacePrefix"],
    description: "Prefix for HCP Terraform workspace names (workspace = prefix + stack name). Default: none.",
  },
  {
    name: "GITHUB_REPOSITORY",
    path: ["backend", "githubRepository"],
    description:
      'GitHub repository ("owner/name", set by GitHub Actions) whose deploy workflow signs in as the deployer identity.',
  },
];
