/**
 * Release tool: measures production's latency (the baseline), verifies the staging slot, swaps
 * it into production, verifies production and swaps back if production fails. Run after
 * `cdktf deploy` has put the new image on staging; targets and settings come from the release
 * file `npm run synth` wrote (`cdktf.out/release/<env>.json`):
 *
 *     npm run release -- --env prod [--expect-version 1.4.2] [--dry-run] [--rollback] [--report-file r.json]
 *
 * A plain entry point: it runs through tsx and bundled by esbuild alike. `@azure/*` is loaded
 * only when a swap runs (azure-slot-swapper.ts).
 *
 * Exit codes (see exit-codes.ts and README.md):
 * - 0: released; with --rollback: swapped back and production is healthy; --dry-run / --help printed
 * - 1: bad flags, settings or targets; nothing was called
 * - 2: production could not be measured, or staging verification or a gate failed; no swap happened
 * - 3: production verification failed; swapped back and production is healthy
 * - 4: swapping back failed or production is unhealthy afterwards; a human is needed
 * - 5: the release swap failed; check the slot swap status in Azure before retrying
 *
 * @module
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { AzureSlotSwapper } from "./azure-slot-swapper";
import { helpText, parseCliFlags } from "./cli-flags";
import { ExitCode } from "./exit-codes";
import { type ProbeIo, systemProbeIo } from "./probe-io";
import { runRelease, runRollback } from "./release";
import { describePlan } from "./release-plan";
import { loadReleaseSettings } from "./release-settings";
import { resolveTargets } from "./release-targets";
import type { SlotSwapper } from "./slot-swapper";
import { readSynthesizedRelease } from "./synthesized-release";
import { UsageError } from "./usage-error";

export interface CliIo {
  log(line: string): void;
  error(line: string): void;
  createSwapper(subscriptionId: string): SlotSwapper;
  /** HTTP and time for the checks. */
  readonly probes: ProbeIo;
}

const processIo: CliIo = {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  createSwapper: (subscriptionId) => new AzureSlotSwapper(subscriptionId),
  probes: systemProbeIo,
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
  // null: the synth wrote no release file; undefined: it could not be read (a problem is listed).
  const synthesized = flags.env
    ? collect(() => readSynthesizedRelease(flags.outdir, flags.env) ?? null)
    : null;
  // --settings replaces the synthesized settings; without either, the defaults.
  const settings = collect(() =>
    flags.settings !== undefined || !synthesized
      ? loadReleaseSettings(flags.settings)
      : synthesized.release.settings,
  );
  const targets =
    flags.env && synthesized !== undefined
      ? collect(() => resolveTargets(flags, synthesized ?? undefined))
      : undefined;
  if (flags.reportFile !== undefined && !existsSync(dirname(resolve(flags.reportFile)))) {
    problems.push(`--report-file: the folder of ${flags.reportFile} does not exist`);
  }
  if (problems.length > 0 || !settings || !targets) {
    io.error(`release: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    return ExitCode.UsageError;
  }
  const { subscription } = flags;
  // --expect-version, else the synthesized image tag (or IMAGE_TAG without a release file).
  const expectedVersion = flags.expectVersion ?? targets.stagingImageTag;
  const settingsSource =
    flags.settings !== undefined ? flags.settings : synthesized ? synthesized.file : "the defaults";
  if (flags.dryRun) {
    io.log(
      describePlan(
        { targets, settings, expectedVersion },
        { rollback: flags.rollback, subscription, settingsSource },
      ),
    );
    return ExitCode.Ok;
  }
  // parseCliFlags reports a missing subscription unless --dry-run.
  const ctx = {
    targets,
    settings,
    expectedVersion,
    swapper: io.createSwapper(subscription ?? ""),
    io: io.probes,
    log: io.log,
    reportFile: flags.reportFile,
  };
  return flags.rollback ? runRollback(ctx) : runRelease(ctx);
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
