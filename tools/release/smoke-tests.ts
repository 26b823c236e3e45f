import { checkHealth } from "./health-check";
import { httpGet, joinUrl } from "./http-get";
import type { ReleaseSettings } from "./release-settings";
import type { Outcome } from "./step-recorder";

/** The health check once more, then every critical path with its expected status; all failures listed. */
export async function runSmokeTests(
  baseUrl: string,
  settings: ReleaseSettings,
  expectedVersion?: string,
): Promise<Outcome> {
  const failures: string[] = [];
  const health = await checkHealth(baseUrl, settings, expectedVersion).catch((error: Error) => ({
    ok: false,
    detail: error.message,
  }));
  if (!health.ok) failures.push(`${settings.healthPath}: ${health.detail}`);
  for (const { path, expectedStatus } of settings.criticalPaths) {
    try {
      const { status } = await httpGet(joinUrl(baseUrl, path), settings.requestTimeoutMs);
      if (status !== expectedStatus) failures.push(`${path}: expected ${expectedStatus}, got ${status}`);
    } catch (error) {
      failures.push(`${path}: ${(error as Error).message}`);
    }
  }
  const checked = settings.criticalPaths.length + 1;
  return failures.length === 0
    ? { ok: true, detail: `${checked} of ${checked} endpoints as expected` }
    : { ok: false, detail: failures.join("; ") };
}
