import { type HttpGet, joinUrl } from "./http-get";
import type { ProbeIo } from "./probe-io";
import type { ReleaseSettings } from "./release-settings";
import type { Outcome } from "./step-recorder";

/** One request to the health path: 200 with `{"status": "healthy"}` and, if given, the expected version. */
export async function checkHealth(
  baseUrl: string,
  settings: ReleaseSettings,
  http: HttpGet,
  expectedVersion?: string,
  timeoutMs = settings.requestTimeoutMs,
): Promise<Outcome> {
  const response = await http(joinUrl(baseUrl, settings.healthPath), timeoutMs);
  if (response.status !== 200)
    return { ok: false, detail: `${settings.healthPath} answered ${response.status}` };
  let body: { status?: unknown; version?: unknown };
  try {
    body = JSON.parse(response.body);
  } catch {
    return { ok: false, detail: `${settings.healthPath} did not answer JSON: ${response.body.slice(0, 80)}` };
  }
  if (body?.status !== "healthy") return { ok: false, detail: `status is ${JSON.stringify(body?.status)}` };
  if (expectedVersion !== undefined && body.version !== expectedVersion) {
    return { ok: false, detail: `version is ${JSON.stringify(body.version)}, expected "${expectedVersion}"` };
  }
  return { ok: true, detail: `healthy, version ${JSON.stringify(body.version)}` };
}

/**
 * Polls the health path until it passes: at most `attempts` requests, exponential backoff
 * between them, and never past the deadline (a new slot needs minutes to pull and start).
 * Failed attempts are a slot warming up, not errors: the probes after this count those.
 */
export async function waitForHealthy(
  baseUrl: string,
  settings: ReleaseSettings,
  { http, clock }: ProbeIo,
  expectedVersion?: string,
): Promise<Outcome> {
  const { attempts, initialBackoffMs, maxBackoffMs, deadlineSeconds } = settings.healthWait;
  const deadline = clock.now() + deadlineSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    const timeoutMs = Math.max(1, Math.min(settings.requestTimeoutMs, deadline - clock.now()));
    const outcome = await checkHealth(baseUrl, settings, http, expectedVersion, timeoutMs).catch(
      (error: Error): Outcome => ({ ok: false, detail: error.message }),
    );
    if (outcome.ok) return { ok: true, detail: `${outcome.detail} (attempt ${attempt})` };
    const backoffMs = Math.min(initialBackoffMs * 2 ** (attempt - 1), maxBackoffMs);
    if (attempt >= attempts)
      return { ok: false, detail: `${outcome.detail} (gave up after ${attempt} attempts)` };
    if (clock.now() + backoffMs >= deadline) {
      return {
        ok: false,
        detail: `${outcome.detail} (deadline of ${deadlineSeconds} s reached, attempt ${attempt})`,
      };
    }
    await clock.sleep(backoffMs);
  }
}
