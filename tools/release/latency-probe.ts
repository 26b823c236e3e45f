import { httpGet, joinUrl } from "./http-get";
import type { ReleaseSettings } from "./release-settings";
import type { Outcome } from "./step-recorder";

/** Nearest-rank percentile: the smallest sample that `p` percent of the samples do not exceed. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Sequential GETs (so the numbers measure the app, not our own queueing) to the health path and
 * every critical path, `samples` each. A request that fails or answers an unexpected status fails
 * the probe: the latency of errors says nothing.
 */
export async function probeLatency(baseUrl: string, settings: ReleaseSettings): Promise<Outcome> {
  const { samples, p95ThresholdMs, healthMaxMs } = settings.latency;
  const paths = [{ path: settings.healthPath, expectedStatus: 200 }, ...settings.criticalPaths];
  const health: number[] = [];
  const all: number[] = [];
  for (const { path, expectedStatus } of paths) {
    for (let i = 0; i < samples; i++) {
      const response = await httpGet(joinUrl(baseUrl, path), settings.requestTimeoutMs);
      if (response.status !== expectedStatus) {
        return { ok: false, detail: `${path} answered ${response.status} during the probe` };
      }
      all.push(response.durationMs);
      if (path === settings.healthPath) health.push(response.durationMs);
    }
  }
  const p95 = percentile(all, 95);
  const healthP95 = percentile(health, 95);
  const detail = `p95 ${Math.round(p95)} ms (limit ${p95ThresholdMs}), health p95 ${Math.round(healthP95)} ms (limit ${healthMaxMs}), ${all.length} requests`;
  return { ok: p95 < p95ThresholdMs && healthP95 < healthMaxMs, detail };
}
