import { type HttpGet, joinUrl } from "./http-get";
import type { ReleaseSettings } from "./release-settings";

/** A path a probe requests and the status it must answer. */
export interface ProbedPath {
  readonly path: string;
  readonly expectedStatus: number;
}

/** One request of a probe. */
export interface RequestSample {
  readonly path: string;
  /** Absent when no answer came (timeout, no connection). */
  readonly durationMs?: number;
  /** Why the request counts as an error; absent when it answered with the expected status. */
  readonly error?: string;
}

/** What a probe measured: the numbers of the table the release tool prints. */
export interface ProbeStats {
  readonly requests: number;
  /** Unexpected statuses, timeouts and refused connections. */
  readonly errors: number;
  readonly errorRatePercent: number;
  /** Over the requests that answered as expected; absent when none did (an error's latency says nothing). */
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  /** The first error, to say why; the others usually repeat it. */
  readonly firstError?: string;
}

/** The health path (200) and every critical path with its expected status. */
export function probedPaths(settings: ReleaseSettings): ProbedPath[] {
  return [{ path: settings.healthPath, expectedStatus: 200 }, ...settings.criticalPaths];
}

/** One GET, as a sample: an unexpected status or a failed request is an error, never an exception. */
export async function sampleRequest(
  http: HttpGet,
  baseUrl: string,
  { path, expectedStatus }: ProbedPath,
  timeoutMs: number,
): Promise<RequestSample> {
  try {
    const { status, durationMs } = await http(joinUrl(baseUrl, path), timeoutMs);
    return status === expectedStatus
      ? { path, durationMs }
      : { path, durationMs, error: `${path} answered ${status}, expected ${expectedStatus}` };
  } catch (error) {
    return { path, error: (error as Error).message };
  }
}

/** Nearest-rank percentile: the smallest sample that `p` percent of the samples do not exceed. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(samples: readonly RequestSample[]): ProbeStats {
  const answered = samples.flatMap((s) =>
    s.error === undefined && s.durationMs !== undefined ? [s.durationMs] : [],
  );
  const failed = samples.filter((s) => s.error !== undefined);
  return {
    requests: samples.length,
    errors: failed.length,
    errorRatePercent: samples.length === 0 ? 0 : (100 * failed.length) / samples.length,
    ...(answered.length > 0 && { p50Ms: percentile(answered, 50), p95Ms: percentile(answered, 95) }),
    ...(failed.length > 0 && { firstError: failed[0].error }),
  };
}
