import { checkHealth } from "./health-check";
import { type HttpGet, joinUrl } from "./http-get";
import type { ReleaseSettings } from "./release-settings";
import type { Outcome } from "./step-recorder";

/**
 * The health check once more, then every critical path with its exact expected status; all
 * failures listed. No error budget here: one request per endpoint, each must be right.
 */
export async function runSmokeTests(
  baseUrl: string,
  settings: ReleaseSettings,
  http: HttpGet,
  expectedVersion?: string,
): Promise<Outcome> {
  const failures: string[] = [];
  const health = await checkHealth(baseUrl, settings, http, expectedVersion).catch((error: Error) => ({
    ok: false,
    detail: error.message,
  }));
  if (!health.ok) failures.push(`${settings.healthPath}: ${health.detail}`);
  for (const { path, expectedStatus } of settings.criticalPaths) {
    try {
      const { status } = await http(joinUrl(baseUrl, path), settings.requestTimeoutMs);
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
