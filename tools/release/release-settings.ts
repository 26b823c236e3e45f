import { readFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "./usage-error";

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

/** Parses with every problem reported as `settings.<path>: <value> — <rule>`. */
function parseSettings(input: unknown): ReleaseSettings {
  const result = releaseSettingsSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new UsageError(
    result.error.issues.map((issue) => {
      const field = ["settings", ...issue.path.map(String)].join(".");
      // unrecognized_keys reports the whole parent object as input; the message names the key.
      if (issue.code === "unrecognized_keys") return `${field}: ${issue.message}`;
      const value = issue.input === undefined ? "(missing)" : JSON.stringify(issue.input);
      return `${field}: ${value} — ${issue.message}`;
    }),
  );
}

/** Defaults, overridden by the JSON file given with --settings. */
export function loadReleaseSettings(file?: string): ReleaseSettings {
  if (file === undefined) return releaseSettingsSchema.parse({});
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError([`--settings: cannot read ${file} as JSON — ${(error as Error).message}`]);
  }
  return parseSettings(input);
}
