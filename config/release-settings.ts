import { z } from "zod";

const positiveInt = z.number().int().positive();

const criticalPathSchema = z.strictObject({
  /** Path below the slot URL, requested with GET. */
  path: z.string().startsWith("/"),
  expectedStatus: z.number().int().min(100).max(599).default(200),
});

const gateSchema = z.strictObject({
  name: z.string().min(1),
  /** Executable run without a shell; TARGET_URL and STAGING_URL carry the staging slot's URL. */
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  timeoutSeconds: z.number().positive().default(600),
});

/**
 * How the release tool verifies a slot. Every field has a default, so `{}` is a valid value;
 * the per-environment config can embed this schema as is.
 */
export const releaseSettingsSchema = z.strictObject({
  healthPath: z.string().startsWith("/").default("/health"),
  criticalPaths: z.array(criticalPathSchema).default([]),
  latency: z
    .strictObject({
      /** Sequential requests per probed path (the health path and every critical path). */
      samples: positiveInt.max(1000).default(20),
      /** P95 over all probed paths must stay below this. */
      p95ThresholdMs: z.number().positive().default(500),
      /** P95 of the health path alone must stay below this. */
      healthMaxMs: z.number().positive().default(100),
    })
    .prefault({}),
  healthWait: z
    .strictObject({
      attempts: positiveInt.default(20),
      initialBackoffMs: z.number().nonnegative().default(1000),
      maxBackoffMs: z.number().nonnegative().default(15_000),
      deadlineSeconds: z.number().positive().default(600),
    })
    .prefault({}),
  requestTimeoutMs: z.number().positive().default(5000),
  gates: z.array(gateSchema).default([]),
});

export type ReleaseSettings = z.infer<typeof releaseSettingsSchema>;
export type ReleaseGate = ReleaseSettings["gates"][number];
