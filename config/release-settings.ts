import { z } from "zod";

const positiveInt = z.number().int().positive();

/** Requests of the load probe when neither `requests` nor `durationSeconds` is given. */
const DEFAULT_LOAD_REQUESTS = 200;

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

const loadSchema = z
  .strictObject({
    /** Clients sending requests at the same time, each one after the other. */
    concurrency: z
      .number()
      .int()
      .min(1, "must be 1-100 clients")
      .max(100, "must be 1-100 clients: a release check, not a load test (run one as a gate)")
      .default(10),
    /** Stop after this many requests in all. @default 200 when `durationSeconds` is absent */
    requests: positiveInt.max(100_000).optional(),
    /** Stop after this many seconds instead of a request count. */
    durationSeconds: z.number().positive().max(3600).optional(),
    /** P95 of every request of the load probe must stay below this. */
    p95ThresholdMs: z.number().positive().default(500),
  })
  .superRefine((load, context) => {
    if (load.requests !== undefined && load.durationSeconds !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["durationSeconds"],
        input: load.durationSeconds,
        message: "give either requests or durationSeconds, not both",
      });
    }
  })
  .transform((load) =>
    load.durationSeconds === undefined ? { ...load, requests: load.requests ?? DEFAULT_LOAD_REQUESTS } : load,
  );

/**
 * How the release tool verifies a slot and when it rolls back. Every field has a default, so
 * `{}` is a valid value; the per-environment config embeds this schema as is, and synth writes
 * the parsed value into `cdktf.out/release/<env>.json`.
 */
export const releaseSettingsSchema = z.strictObject({
  healthPath: z.string().startsWith("/").default("/health"),
  criticalPaths: z.array(criticalPathSchema).default([]),
  /**
   * A latency or load probe fails when more than this percentage of its requests fails (an
   * unexpected status, a timeout, no connection). The smoke tests allow no error at all.
   */
  maxErrorRatePercent: z
    .number()
    .min(0, "must be a percentage from 0 to 100")
    .max(100, "must be a percentage from 0 to 100")
    .default(5),
  latency: z
    .strictObject({
      /** Sequential requests per probed path (the health path and every critical path). */
      samples: positiveInt.max(1000).default(20),
      /** P95 over all probed paths must stay below this. */
      p95ThresholdMs: z.number().positive().default(500),
      /** P95 of the health path alone must stay below this. */
      healthMaxMs: z.number().positive().default(100),
      /**
       * Staging, and production after the swap, fail when their P95 exceeds this times the
       * baseline: production's P95, measured by the same probe before anything is swapped.
       */
      latencyFactor: z
        .number()
        .gt(
          1,
          "must be more than 1: the limit is this times production's own P95, which a new build need not beat",
        )
        .max(100, "must be at most 100")
        .default(2),
    })
    .prefault({}),
  /** The built-in load probe against staging: concurrent clients, P95 and error rate. */
  load: loadSchema.prefault({}),
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
export type LoadSettings = ReleaseSettings["load"];
