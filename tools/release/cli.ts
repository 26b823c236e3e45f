/**
 * Release tool: verifies the staging slot, swaps it into production, verifies production and
 * swaps back if production fails. Run after `cdktf deploy` has put the new image on staging:
 *
 *     npm run release -- --env prod [--expect-version 1.4.2] [--dry-run] [--rollback]
 *
 * Exit codes (see exit-codes.ts and README.md):
 * - 0: released; with --rollback: swapped back and production is healthy; --dry-run / --help printed
 * - 1: bad flags, settings or targets; nothing was called
 * - 2: staging verification or a gate failed; no swap happened
 * - 3: production verification failed; swapped back and production is healthy
 * - 4: swapping back failed or production is unhealthy afterwards; a human is needed
 * - 5: the release swap failed; check the slot swap status in Azure before retrying
 *
 * @module
 */
import { AzureSlotSwapper } from "./azure-slot-swapper";
import { helpText, parseCliFlags } from "./cli-flags";
import { ExitCode } from "./exit-codes";
import { runRelease, runRollback } from "./release";
import { describePlan } from "./release-plan";
import { loadReleaseSettings } from "./release-settings";
import { resolveTargets } from "./release-targets";
import { settingsFromConfig } from "./settings-from-config";
import type { SlotSwapper } from "./slot-swapper";
import { UsageError } from "./usage-error";

export interface CliIo {
  log(line: string): void;
  error(line: string): void;
  createSwapper(subscriptionId: string): SlotSwapper;
}

const processIo: CliIo = {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  createSwapper: (subscriptionId) => new AzureSlotSwapper(subscriptionId),
};

export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io = processIo,
): Promise<ExitCode> {
  const { flags, problems } = parseCliFlags(argv, env);
  if (flags.help) {
    io.log(helpText);
    return ExitCode.Ok;
  }
  // Every stage runs even after a failure, so one run lists every problem.
  const collect = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const settings = collect(() =>
    flags.settings !== undefined || !flags.env
      ? loadReleaseSettings(flags.settings)
      : settingsFromConfig(flags.env, env),
  );
  const targets = flags.env ? collect(() => resolveTargets(flags)) : undefined;
  if (problems.length > 0 || !settings || !targets) {
    io.error(`release: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    return ExitCode.UsageError;
  }
  const { subscription } = flags;
  // --expect-version, else IMAGE_TAG, else the tag synth put on the staging slot.
  const expectedVersion = flags.expectVersion ?? targets.stagingImageTag;
  if (flags.dryRun) {
    io.log(describePlan({ targets, settings, expectedVersion }, { rollback: flags.rollback, subscription }));
    return ExitCode.Ok;
  }
  // parseCliFlags reports a missing subscription unless --dry-run.
  const ctx = {
    targets,
    settings,
    expectedVersion,
    swapper: io.createSwapper(subscription ?? ""),
    log: io.log,
  };
  return flags.rollback ? runRollback(ctx) : runRelease(ctx);
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
