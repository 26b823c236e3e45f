import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SwapTarget } from "./slot-swapper";
import { UsageError } from "./usage-error";

/** Where the release points: the app and slot to swap and the URLs to verify. */
export interface ReleaseTargets extends SwapTarget {
  readonly stagingUrl: string;
  readonly productionUrl: string;
  /** The synthesized stack file the targets came from, or "flags". */
  readonly source: string;
  /** Image tag the synthesized staging slot runs: the version /health must report. */
  readonly stagingImageTag?: string;
}

export interface TargetFlags {
  readonly env: string;
  readonly app?: string;
  readonly outdir: string;
  readonly slot: string;
  readonly resourceGroup?: string;
  readonly appName?: string;
  readonly stagingUrl?: string;
  readonly productionUrl?: string;
}

type TfResource = Record<string, unknown>;
type TfResources = Record<string, Record<string, TfResource> | undefined>;

/** Flags win; whatever they leave open comes from the synthesized stack `<app>-<env>`. */
export function resolveTargets(flags: TargetFlags): ReleaseTargets {
  let found: { resourceGroup: string; appName: string; source: string; stagingImageTag?: string };
  if (flags.resourceGroup && flags.appName) {
    found = { resourceGroup: flags.resourceGroup, appName: flags.appName, source: "flags" };
  } else {
    const file = join(findStackDir(flags), "cdk.tf.json");
    found = { ...readApiApp(file, flags.slot), source: file };
  }
  const appName = flags.appName ?? found.appName;
  return {
    appName,
    resourceGroup: flags.resourceGroup ?? found.resourceGroup,
    slot: flags.slot,
    stagingUrl: flags.stagingUrl ?? `https://${appName}-${flags.slot}.azurewebsites.net`,
    productionUrl: flags.productionUrl ?? `https://${appName}.azurewebsites.net`,
    source: found.source,
    stagingImageTag: found.stagingImageTag,
  };
}

function findStackDir({ outdir, env, app }: TargetFlags): string {
  const stacks = join(outdir, "stacks");
  const hint = "run `npm run synth` first, or pass --resource-group and --app-name";
  if (app) {
    const dir = join(stacks, `${app}-${env}`);
    if (!existsSync(dir)) throw new UsageError([`--app: no synthesized stack ${dir}; ${hint}`]);
    return dir;
  }
  if (!existsSync(stacks)) throw new UsageError([`--outdir: ${stacks} does not exist; ${hint}`]);
  const matches = readdirSync(stacks, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.endsWith(`-${env}`))
    .map((entry) => entry.name);
  if (matches.length === 1) return join(stacks, matches[0]);
  const found = matches.length === 0 ? "none" : matches.join(", ");
  throw new UsageError([
    `--env: need exactly one stack ending in -${env} in ${stacks}, found ${found}; pass --app or set APP_NAME`,
  ]);
}

function readResources(file: string): TfResources {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { resource?: TfResources }).resource ?? {};
  } catch (error) {
    throw new UsageError([`${file}: cannot read the synthesized stack — ${(error as Error).message}`]);
  }
}

function readApiApp(
  file: string,
  slot: string,
): { resourceGroup: string; appName: string; stagingImageTag?: string } {
  const resources = readResources(file);
  const apis = Object.entries(resources.azurerm_linux_web_app ?? {}).filter(
    ([, app]) => (app.tags as Record<string, unknown> | undefined)?.["platform-role"] === "api",
  );
  if (apis.length !== 1) {
    const ids = apis.map(([id]) => id).join(", ") || "none";
    throw new UsageError([`${file}: need one azurerm_linux_web_app tagged platform-role=api, found ${ids}`]);
  }
  const [apiId, api] = apis[0];
  const problems: string[] = [];
  const appName = literal(api.name);
  if (!appName) problems.push(`${file}: ${apiId}.name is not a literal (${api.name}); pass --app-name`);
  const resourceGroup = resourceGroupName(api.resource_group_name, resources);
  if (!resourceGroup) {
    problems.push(
      `${file}: cannot follow ${apiId}.resource_group_name (${api.resource_group_name}); pass --resource-group`,
    );
  }
  const ownRef = `\${azurerm_linux_web_app.${apiId}.id}`;
  const stagingSlot = Object.values(resources.azurerm_linux_web_app_slot ?? {}).find(
    (s) => s.name === slot && (s.app_service_id === ownRef || literal(s.app_service_id) !== undefined),
  );
  if (!stagingSlot) problems.push(`--slot: ${file} has no azurerm_linux_web_app_slot "${slot}" on ${apiId}`);
  if (problems.length > 0 || !appName || !resourceGroup) throw new UsageError(problems);
  return { appName, resourceGroup, stagingImageTag: imageTag(stagingSlot?.site_config) };
}

/** A plain string, not a Terraform interpolation such as `${azurerm_x.y.name}`. */
function literal(value: unknown): string | undefined {
  return typeof value === "string" && !value.includes("${") ? value : undefined;
}

/** A literal, or a reference to a resource group declared in the same stack. */
function resourceGroupName(value: unknown, resources: TfResources): string | undefined {
  const ref = typeof value === "string" ? /^\$\{azurerm_resource_group\.([^.}]+)\.name\}$/.exec(value) : null;
  return ref ? literal(resources.azurerm_resource_group?.[ref[1]]?.name) : literal(value);
}

/** The tag of `site_config.application_stack.docker_image_name` ("api:1.4.2" -> "1.4.2"), when literal. */
function imageTag(siteConfig: unknown): string | undefined {
  const first = (value: unknown) =>
    (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | undefined;
  const image = literal(first(first(siteConfig)?.application_stack)?.docker_image_name);
  const tag = image?.slice(image.lastIndexOf(":") + 1);
  return image?.includes(":") ? tag : undefined;
}
