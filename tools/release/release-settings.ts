import { readFileSync } from "node:fs";
import { type ReleaseSettings, releaseSettingsSchema } from "../../config/release-settings";
import { UsageError } from "./usage-error";

export type { ReleaseGate, ReleaseSettings } from "../../config/release-settings";

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
