import { defaultAppUrl, releaseFilePath } from "../../app/release-files";
import type { SwapTarget } from "./slot-swapper";
import { type SynthesizedRelease, synthesizedEnvironments } from "./synthesized-release";
import { UsageError } from "./usage-error";

/** Where the release points: the app and slot to swap and the URLs to verify. */
export interface ReleaseTargets extends SwapTarget {
  readonly stagingUrl: string;
  readonly productionUrl: string;
  /** The release file the targets came from, or "flags". */
  readonly source: string;
  /** Image tag the slot runs (the synth's, else IMAGE_TAG): the version /health must report. */
  readonly stagingImageTag?: string;
}

export interface TargetFlags {
  readonly env: string;
  readonly outdir: string;
  /** App name of the synth (`--app`, else APP_NAME); only checked against the synth. */
  readonly app?: string;
  readonly appFrom?: "--app" | "APP_NAME";
  /** Absent: `staging`, or the environment's only slot. */
  readonly slot?: string;
  readonly resourceGroup?: string;
  readonly appName?: string;
  readonly stagingUrl?: string;
  readonly productionUrl?: string;
  /** IMAGE_TAG of the release run. */
  readonly imageTag?: string;
}

const DEFAULT_SLOT = "staging";

/**
 * From the synth's release file of the environment: app, resource group, slot, URLs and image
 * tag. A flag or variable that says otherwise than the synth is an error, except the URLs:
 * the synth knows only the default host names, a custom domain is the operator's to give.
 * Without a release file, `--resource-group` and `--app-name` say everything (no synth needed).
 */
export function resolveTargets(flags: TargetFlags, synthesized?: SynthesizedRelease): ReleaseTargets {
  if (!synthesized) return fromFlags(flags);
  const { file, release } = synthesized;
  const problems: string[] = [];
  const contradicts = (field: string, given: string | undefined, synthesizedValue: string) => {
    if (given !== undefined && given !== synthesizedValue) {
      problems.push(
        `${field}: "${given}" contradicts the synth, whose ${file} says "${synthesizedValue}"; drop it or synthesize again`,
      );
    }
  };
  contradicts(flags.appFrom ?? "--app", flags.app, release.app);
  contradicts("--app-name", flags.appName, release.appName);
  contradicts("--resource-group", flags.resourceGroup, release.resourceGroup);
  contradicts("IMAGE_TAG", flags.imageTag, release.imageTag);
  const slots = release.slots.map((s) => s.name);
  const slot =
    flags.slot ?? (slots.includes(DEFAULT_SLOT) ? DEFAULT_SLOT : slots.length === 1 ? slots[0] : undefined);
  const slotUrl = release.slots.find((s) => s.name === slot)?.url;
  if (slots.length === 0) {
    problems.push(
      `--env: ${flags.env} has no deployment slot in ${file} (Terraform deploys its image straight to production); nothing to swap`,
    );
  } else if (slot === undefined) {
    problems.push(`--slot: ${flags.env} has the slots ${slots.join(", ")} in ${file}; name one`);
  } else if (slotUrl === undefined) {
    problems.push(`--slot: "${slot}" is not a slot of ${flags.env} in ${file} (slots: ${slots.join(", ")})`);
  }
  if (problems.length > 0 || slot === undefined || slotUrl === undefined) throw new UsageError(problems);
  return {
    appName: release.appName,
    resourceGroup: release.resourceGroup,
    slot,
    stagingUrl: flags.stagingUrl ?? slotUrl,
    productionUrl: flags.productionUrl ?? release.productionUrl,
    source: file,
    stagingImageTag: release.imageTag,
  };
}

function fromFlags(flags: TargetFlags): ReleaseTargets {
  const { resourceGroup, appName } = flags;
  if (resourceGroup === undefined || appName === undefined) {
    const written = synthesizedEnvironments(flags.outdir);
    const found =
      written.length === 0 ? `no synth output in ${flags.outdir}` : `it wrote ${written.join(", ")}`;
    throw new UsageError([
      `--env: no ${releaseFilePath(flags.outdir, flags.env)} (${found}); run \`npm run synth\` with the config that has ${flags.env} (ENVIRONMENTS narrows what it writes), or pass --resource-group and --app-name`,
    ]);
  }
  const slot = flags.slot ?? DEFAULT_SLOT;
  return {
    appName,
    resourceGroup,
    slot,
    stagingUrl: flags.stagingUrl ?? defaultAppUrl(appName, slot),
    productionUrl: flags.productionUrl ?? defaultAppUrl(appName),
    source: "flags",
    ...(flags.imageTag !== undefined && { stagingImageTag: flags.imageTag }),
  };
}
