import { type ReleaseSettings, releaseSettingsSchema } from "../../../config/release-settings";

/** Short waits and timeouts so the suite runs in seconds; overrides merge one level deep. */
export function fastSettings(overrides: Record<string, unknown> = {}): ReleaseSettings {
  const base: Record<string, Record<string, number> | number> = {
    latency: { samples: 5 },
    healthWait: { attempts: 3, initialBackoffMs: 10, maxBackoffMs: 40, deadlineSeconds: 2 },
    requestTimeoutMs: 300,
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = base[key];
    merged[key] = typeof current === "object" && typeof value === "object" ? { ...current, ...value } : value;
  }
  return releaseSettingsSchema.parse(merged);
}
