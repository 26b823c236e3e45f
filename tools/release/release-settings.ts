import { readFileSync } from "node:fs";
import type { z } from "zod";
import { type ReleaseSettings, releaseSettingsSchema } from "../../config/release-settings";
import { UsageError } from "./usage-error";

export type { ReleaseGate, ReleaseSettings } from "../../config/release-settings";

/** zod's issues as `<field>: <value> — <rule>`, the field named by `fieldOf` from the issue's path. */
export function describeIssues(error: z.ZodError, fieldOf: (path: string[]) => string): string[] {
  return error.issues.map((issue) => {
    const field = fieldOf(issue.path.map(String));
    // unrecognized_keys reports the whole parent object as input; the message names the key.
    if (issue.code === "unrecognized_keys") return `${field}: ${issue.message}`;
    const value = issue.input === undefined ? "(missing)" : JSON.stringify(issue.input);
    return `${field}: ${value} — ${issue.message}`;
  });
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
  const result = releaseSettingsSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new UsageError(describeIssues(result.error, (path) => ["settings", ...path].join(".")));
}
