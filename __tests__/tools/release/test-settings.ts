import { type ReleaseSettings, releaseSettingsSchema } from "../../../config/release-settings";

/**
 * Few samples and short backoffs, so the suite runs in seconds; a generous request timeout,
 * so a loaded machine never turns a slow loopback answer into an error (timeouts are tested
 * with scripted HTTP). Overrides merge one level deep.
 */
export function testSettings(overrides: Record<string, unknown> = {}): ReleaseSettings {
  const base: Record<string, Record<string, number> | number> = {
    latency: { samples: 5 },
    load: { concurrency: 3, requests: 12 },
    healthWait: { attempts: 3, initialBackoffMs: 10, maxBackoffMs: 40, deadlineSeconds: 60 },
    requestTimeoutMs: 30_000,
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = base[key];
    merged[key] = typeof current === "object" && typeof value === "object" ? { ...current, ...value } : value;
  }
  return releaseSettingsSchema.parse(merged);
}
