import { z } from "zod";

const positiveInt = z.number().int().positive();

/** Requests of the load probe when neither `requests` nor `durationSeconds` is given. */
const DEFAULT_LOAD_REQUESTS = 200;

const criticalPathSchema = z.strictObject({
  path: z.string().startsWith("/").describe("Path below the slot URL, requested with GET."),
  expectedStatus: z
    .number()
    .int()
    .min(100)
    .max(599)
    .default(200)
    .describe("The exact status it must answer."),
});

const gateSchema = z.strictObject({
  name: z.string().min(1).describe("Shown in the output."),
  command: z
    .string()
    .min(1)
    .describe("Executable run without a shell; TARGET_URL and STAGING_URL carry the staging slot's URL."),
  args: z.array(z.string()).default([]).describe("Its arguments."),
  timeoutSeconds: z.number().positive().default(600).describe("SIGTERM after this, SIGKILL 5 s later."),
});

const loadSchema = z
  .strictObject({
    concurrency: z
      .number()
      .int()
      .min(1, "must be 1-100 clients")
      .max(100, "must be 1-100 clients: a release check, not a load test (run one as a gate)")
      .default(10)
      .describe("Clients sending requests at the same time (1-100), each one after the other."),
    requests: positiveInt
      .max(100_000)
      .optional()
      .describe(
        `Stop after this many requests in all. Default: ${DEFAULT_LOAD_REQUESTS} when durationSeconds is absent.`,
      ),
    durationSeconds: z
      .number()
      .positive()
      .max(3600)
      .optional()
      .describe("Stop after this many seconds instead of a request count."),
    p95ThresholdMs: z
      .number()
      .positive()
      .default(500)
      .describe("P95 of every request of the load probe must stay below this."),
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
  healthPath: z
    .string()
    .startsWith("/")
    .default("/health")
    .describe('Must answer 200 {"status":"healthy","version":<expected>}.'),
  criticalPaths: z
    .array(criticalPathSchema)
    .default([])
    .describe("Smoke requests, each with its exact status."),
  maxErrorRatePercent: z
    .number()
    .min(0, "must be a percentage from 0 to 100")
    .max(100, "must be a percentage from 0 to 100")
    .default(5)
    .describe(
      "A latency or load probe fails when more than this percentage of its requests fails (a wrong status, a timeout, no connection); smoke requests allow none.",
    ),
  latency: z
    .strictObject({
      samples: positiveInt
        .max(1000)
        .default(20)
        .describe("Sequential requests per probed path (the health path and every critical path)."),
      p95ThresholdMs: z
        .number()
        .positive()
        .default(500)
        .describe("P95 over all probed paths must stay below this."),
      healthMaxMs: z
        .number()
        .positive()
        .default(100)
        .describe("P95 of the health path alone must stay below this."),
      latencyFactor: z
        .number()
        .gt(
          1,
          "must be more than 1: the limit is this times production's own P95, which a new build need not beat",
        )
        .max(100, "must be at most 100")
        .default(2)
        .describe(
          "Staging, and production after the swap, fail when their P95 exceeds this times the baseline: production's own P95, measured before anything is swapped.",
        ),
    })
    .prefault({})
    .describe("The latency probe, run against production first (the baseline), then staging."),
  load: loadSchema
    .prefault({})
    .describe("The built-in load probe against staging: concurrent clients, P95, error rate."),
  healthWait: z
    .strictObject({
      attempts: positiveInt.default(20).describe("Health checks before giving up."),
      initialBackoffMs: z
        .number()
        .nonnegative()
        .default(1000)
        .describe("First wait between attempts; doubles each time."),
      maxBackoffMs: z.number().nonnegative().default(15_000).describe("Longest wait between attempts."),
      deadlineSeconds: z
        .number()
        .positive()
        .default(600)
        .describe("Give up after this, whatever the attempts."),
    })
    .prefault({})
    .describe("Waiting for a slot to be healthy after a deploy or a swap."),
  requestTimeoutMs: z.number().positive().default(5000).describe("Each request's time limit."),
  gates: z
    .array(gateSchema)
    .default([])
    .describe("External checks (E2E, contract tests) run against staging, in order."),
});

export type ReleaseSettings = z.infer<typeof releaseSettingsSchema>;
export type ReleaseGate = ReleaseSettings["gates"][number];
export type LoadSettings = ReleaseSettings["load"];
