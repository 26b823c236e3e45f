import { ExitCode } from "./exit-codes";
import { runGate } from "./gates";
import { waitForHealthy } from "./health-check";
import { probeLatency } from "./latency-probe";
import { probeLoad } from "./load-probe";
import type { ProbeIo } from "./probe-io";
import { describeProbe, type ProbeResult, phaseTable, reportPhases, writeReport } from "./release-report";
import type { ReleaseSettings } from "./release-settings";
import type { ReleaseTargets } from "./release-targets";
import { summarize } from "./request-stats";
import { baselineProblems, latencyProblems, loadProblems } from "./rollback-rules";
import type { SlotSwapper } from "./slot-swapper";
import { runSmokeTests } from "./smoke-tests";
import { StepRecorder } from "./step-recorder";

export interface ReleaseContext {
  readonly targets: ReleaseTargets;
  readonly settings: ReleaseSettings;
  /** Undefined: any version is accepted as long as the status is healthy. */
  readonly expectedVersion?: string;
  readonly swapper: SlotSwapper;
  /** HTTP and time; the system's in the CLI, the tests' own in tests. */
  readonly io: ProbeIo;
  readonly log: (line: string) => void;
  /** Where to write the JSON report (`--report-file`); none when absent. */
  readonly reportFile?: string;
}

export const versionNotChecked =
  "version: not checked (no --expect-version, no IMAGE_TAG, no synthesized image tag); status must be healthy";

type ReleaseExit = Exclude<ExitCode, typeof ExitCode.UsageError>;

const verdicts: Record<ReleaseExit, string> = {
  [ExitCode.Ok]: "done",
  [ExitCode.StagingFailed]:
    "verification before the swap failed (production baseline, staging or a gate); nothing was swapped",
  [ExitCode.RolledBack]: "production verification failed; swapped back, production is healthy",
  [ExitCode.RollbackFailed]: "ROLLBACK FAILED: production needs a human now",
  [ExitCode.SwapFailed]: "the swap failed; check the slot swap status in Azure before retrying",
};

/** One run: its steps, its probes and production's baseline once measured. */
class Run {
  readonly recorder: StepRecorder;
  readonly probes: ProbeResult[] = [];
  baselineP95Ms?: number;

  constructor(readonly ctx: ReleaseContext) {
    this.recorder = new StepRecorder(ctx.log, ctx.io.clock);
  }

  /** A probe as a step: its result joins the phase table, its numbers the step's line. */
  probe(step: string, target: string, measure: () => Promise<ProbeResult>, failure = ""): Promise<boolean> {
    return this.recorder.run(step, target, async () => {
      const result = await measure();
      this.probes.push(result);
      const ok = result.problems.length === 0;
      return { ok, detail: `${ok ? "" : failure}${describeProbe(result)}` };
    });
  }
}

/**
 * Production's baseline, staging checks and gates, swap, production checks, and a swap back
 * if production fails.
 */
export function runRelease(ctx: ReleaseContext): Promise<ReleaseExit> {
  return withSummary(ctx, "release", async (run) => {
    const { targets, settings, expectedVersion } = ctx;
    if (expectedVersion === undefined) ctx.log(versionNotChecked);
    const baselineP95Ms = await measureBaseline(run);
    if (baselineP95Ms === undefined) return ExitCode.StagingFailed;
    if (!(await verifySlot(run, "staging", targets.stagingUrl, baselineP95Ms))) return ExitCode.StagingFailed;
    for (const gate of settings.gates) {
      const passed = await run.recorder.run(`gate ${gate.name}`, `staging ${targets.stagingUrl}`, () =>
        runGate(gate, targets.stagingUrl),
      );
      if (!passed) return ExitCode.StagingFailed;
    }
    if (!(await swap(run, "swap"))) return ExitCode.SwapFailed;
    if (await verifySlot(run, "production", targets.productionUrl, baselineP95Ms)) return ExitCode.Ok;
    ctx.log(`production failed verification with ${expectedVersion ?? "the new build"}; swapping back`);
    return (await rollBack(run)) ? ExitCode.RolledBack : ExitCode.RollbackFailed;
  });
}

/** On-demand rollback: swap again and check that production is healthy (any version). */
export function runRollback(ctx: ReleaseContext): Promise<ReleaseExit> {
  return withSummary(ctx, "rollback", async (run) =>
    (await rollBack(run)) ? ExitCode.Ok : ExitCode.RollbackFailed,
  );
}

async function withSummary(
  ctx: ReleaseContext,
  mode: "release" | "rollback",
  steps: (run: Run) => Promise<ReleaseExit>,
): Promise<ReleaseExit> {
  const run = new Run(ctx);
  const code = await steps(run);
  ctx.log(`\n${run.recorder.summary()}\n\n${phaseTable(run.probes)}\n\nexit ${code}: ${verdicts[code]}`);
  if (ctx.reportFile !== undefined) {
    const report = {
      mode,
      exitCode: code,
      result: verdicts[code],
      expectedVersion: ctx.expectedVersion ?? null,
      targets: ctx.targets,
      baselineP95Ms: run.baselineP95Ms ?? null,
      phases: reportPhases(run.probes),
      steps: run.recorder.records.map((r) => ({ ...r, durationMs: Math.round(r.durationMs) })),
    };
    writeReport(ctx.reportFile, report, ctx.log);
  }
  return code;
}

/**
 * The latency probe against production before anything is swapped. A production that cannot be
 * measured (unreachable, or failing more than the error budget) gives no baseline to judge the
 * new build by, and is no safe place to roll back to: the release stops.
 */
async function measureBaseline(run: Run): Promise<number | undefined> {
  const { settings, io, targets } = run.ctx;
  const url = targets.productionUrl;
  const measure = async (): Promise<ProbeResult> => {
    const stats = summarize(await probeLatency(url, settings, io));
    const problems = baselineProblems(stats, settings);
    if (problems.length === 0) run.baselineP95Ms = stats.p95Ms;
    return { phase: "baseline", probe: "latency", target: url, stats, problems };
  };
  const failure = "cannot measure production before the release: ";
  return (await run.probe("baseline latency probe", `production ${url}`, measure, failure))
    ? run.baselineP95Ms
    : undefined;
}

/** Health, smoke tests, latency against the baseline and, on staging, load. */
async function verifySlot(
  run: Run,
  phase: "staging" | "production",
  url: string,
  baselineP95Ms: number,
): Promise<boolean> {
  const { settings, expectedVersion, io } = run.ctx;
  const target = `${phase} ${url}`;
  const latency = async (): Promise<ProbeResult> => {
    const samples = await probeLatency(url, settings, io);
    const all = summarize(samples);
    const health = summarize(samples.filter((s) => s.path === settings.healthPath));
    const problems = latencyProblems({ all, health }, settings, baselineP95Ms);
    return { phase, probe: "latency", target: url, stats: all, baselineP95Ms, problems };
  };
  const load = async (): Promise<ProbeResult> => {
    const stats = summarize(await probeLoad(url, settings, io));
    return { phase, probe: "load", target: url, stats, problems: loadProblems(stats, settings) };
  };
  return (
    (await run.recorder.run("wait for health", target, () =>
      waitForHealthy(url, settings, io, expectedVersion),
    )) &&
    (await run.recorder.run("smoke tests", target, () =>
      runSmokeTests(url, settings, io.http, expectedVersion),
    )) &&
    (await run.probe("latency probe", target, latency)) &&
    // Load belongs on staging, like the external gates: not on the production users are on.
    (phase === "production" || (await run.probe("load probe", target, load)))
  );
}

function swap(run: Run, step: string): Promise<boolean> {
  const { targets, swapper } = run.ctx;
  const { resourceGroup, appName, slot } = targets;
  return run.recorder.run(step, `${appName}/${slot} <-> production (${resourceGroup})`, async () => {
    await swapper.swap({ resourceGroup, appName, slot });
    return { ok: true, detail: "swapped" };
  });
}

/** The previous build is back in production; its version is unknown here, so only health counts. */
async function rollBack(run: Run): Promise<boolean> {
  const { targets, settings, io } = run.ctx;
  return (
    (await swap(run, "swap back")) &&
    (await run.recorder.run("wait for health", `production ${targets.productionUrl}`, () =>
      waitForHealthy(targets.productionUrl, settings, io),
    ))
  );
}
