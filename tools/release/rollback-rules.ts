import type { ReleaseSettings } from "./release-settings";
import type { ProbeStats } from "./request-stats";

/**
 * The runbook's rules as pure functions of measured numbers: each returns why a probe failed,
 * or nothing. Kept apart from the HTTP so that tests feed them synthetic durations.
 */

/** A duration for messages: whole milliseconds, one decimal where that is what tips a comparison. */
export function formatMs(ms: number): string {
  return `${Number.isInteger(ms) ? ms : Number(ms.toFixed(1))} ms`;
}

export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)} %`;
}

/** More than `maxPercent` of `requests` failed (compared without dividing, so 3 of 60 is exactly 5 %). */
export function tooManyErrors(errors: number, requests: number, maxPercent: number): boolean {
  return errors * 100 > maxPercent * requests;
}

function errorRateProblems(stats: ProbeStats, { maxErrorRatePercent }: ReleaseSettings): string[] {
  if (!tooManyErrors(stats.errors, stats.requests, maxErrorRatePercent)) return [];
  return [
    `errors ${formatPercent(stats.errorRatePercent)} (${stats.errors} of ${stats.requests}) > ${maxErrorRatePercent} %, first: ${stats.firstError}`,
  ];
}

const noAnswer = "no request answered as expected";

/** Production before the release: usable as a baseline when it answers within the error budget. */
export function baselineProblems(stats: ProbeStats, settings: ReleaseSettings): string[] {
  return [...errorRateProblems(stats, settings), ...(stats.p95Ms === undefined ? [noAnswer] : [])];
}

/**
 * The latency probe of staging or of production after the swap: error rate, the absolute
 * limits, and P95 against `latencyFactor` times production's baseline P95.
 */
export function latencyProblems(
  stats: { readonly all: ProbeStats; readonly health: ProbeStats },
  settings: ReleaseSettings,
  baselineP95Ms: number,
): string[] {
  const { p95ThresholdMs, healthMaxMs, latencyFactor } = settings.latency;
  const { p95Ms } = stats.all;
  const problems = errorRateProblems(stats.all, settings);
  if (p95Ms === undefined) return [...problems, noAnswer];
  if (p95Ms >= p95ThresholdMs) problems.push(`p95 ${formatMs(p95Ms)} ≥ limit ${formatMs(p95ThresholdMs)}`);
  const relativeLimit = latencyFactor * baselineP95Ms;
  if (p95Ms > relativeLimit) {
    problems.push(
      `p95 ${formatMs(p95Ms)} > ${latencyFactor} x baseline ${formatMs(baselineP95Ms)} = ${formatMs(relativeLimit)}`,
    );
  }
  const healthP95 = stats.health.p95Ms;
  if (healthP95 !== undefined && healthP95 >= healthMaxMs) {
    problems.push(`health p95 ${formatMs(healthP95)} ≥ limit ${formatMs(healthMaxMs)}`);
  }
  return problems;
}

/** The load probe: error rate and P95 under concurrent clients. */
export function loadProblems(stats: ProbeStats, settings: ReleaseSettings): string[] {
  const { p95ThresholdMs } = settings.load;
  const problems = errorRateProblems(stats, settings);
  if (stats.p95Ms === undefined) return [...problems, noAnswer];
  if (stats.p95Ms >= p95ThresholdMs) {
    problems.push(`p95 ${formatMs(stats.p95Ms)} ≥ limit ${formatMs(p95ThresholdMs)}`);
  }
  return problems;
}
