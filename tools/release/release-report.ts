import { writeFileSync } from "node:fs";
import type { ReleaseTargets } from "./release-targets";
import type { ProbeStats } from "./request-stats";
import { formatMs, formatPercent } from "./rollback-rules";
import type { StepRecord } from "./step-recorder";
import { formatTable } from "./text-table";

/** Production before the swap (the baseline), the staging slot, production after the swap. */
export type Phase = "baseline" | "staging" | "production";

/** One probe of one phase, as measured and judged. */
export interface ProbeResult {
  readonly phase: Phase;
  readonly probe: "latency" | "load";
  readonly target: string;
  readonly stats: ProbeStats;
  /** Production's P95 before the release, for the latency probes judged against it. */
  readonly baselineP95Ms?: number;
  /** Why the probe failed; empty when it passed. */
  readonly problems: readonly string[];
}

/** What `--report-file` holds: the run's verdict, the phase table and the steps, for CI. */
export interface ReleaseReport {
  readonly mode: "release" | "rollback";
  readonly exitCode: number;
  readonly result: string;
  readonly expectedVersion: string | null;
  readonly targets: ReleaseTargets;
  readonly baselineP95Ms: number | null;
  readonly phases: readonly ReportPhase[];
  readonly steps: readonly StepRecord[];
}

/** A row of the phase table in JSON: durations in ms to 0.1, null where nothing was measured. */
export interface ReportPhase {
  readonly phase: Phase;
  readonly probe: "latency" | "load";
  readonly target: string;
  readonly requests: number;
  readonly errors: number;
  readonly errorRatePercent: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly baselineP95Ms: number | null;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

const tenth = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms * 10) / 10);
const shown = (ms: number | undefined) => (ms === undefined ? "-" : formatMs(Math.round(ms)));

/** The step's one-line result: the numbers, then why it failed. */
export function describeProbe({ stats, baselineP95Ms, problems }: ProbeResult): string {
  const numbers = [
    `${stats.requests} requests`,
    `errors ${formatPercent(stats.errorRatePercent)}`,
    `p50 ${shown(stats.p50Ms)}`,
    `p95 ${shown(stats.p95Ms)}`,
    ...(baselineP95Ms === undefined ? [] : [`baseline p95 ${shown(baselineP95Ms)}`]),
  ].join(", ");
  return problems.length === 0 ? numbers : `${problems.join("; ")} (${numbers})`;
}

/** The table the output ends with: a row per probe of each phase. */
export function phaseTable(results: readonly ProbeResult[]): string {
  if (results.length === 0) return "no probe ran";
  return formatTable([
    ["phase", "probe", "requests", "errors", "P50", "P95", "baseline", "verdict"],
    ...results.map((r) => [
      r.phase,
      r.probe,
      String(r.stats.requests),
      formatPercent(r.stats.errorRatePercent),
      shown(r.stats.p50Ms),
      shown(r.stats.p95Ms),
      shown(r.baselineP95Ms),
      r.problems.length === 0 ? "ok" : `FAILED: ${r.problems.join("; ")}`,
    ]),
  ]);
}

export function reportPhases(results: readonly ProbeResult[]): ReportPhase[] {
  return results.map(({ phase, probe, target, stats, baselineP95Ms, problems }) => ({
    phase,
    probe,
    target,
    requests: stats.requests,
    errors: stats.errors,
    errorRatePercent: Math.round(stats.errorRatePercent * 100) / 100,
    p50Ms: tenth(stats.p50Ms),
    p95Ms: tenth(stats.p95Ms),
    baselineP95Ms: tenth(baselineP95Ms),
    ok: problems.length === 0,
    problems,
  }));
}

/** Writes the report; a failure is said, not thrown: the release's exit code matters more. */
export function writeReport(file: string, report: ReleaseReport, log: (line: string) => void): void {
  try {
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`report written to ${file}`);
  } catch (error) {
    log(`could not write the report to ${file}: ${(error as Error).message}`);
  }
}
