/**
 * When the language runtimes App Service offers (`site_config.application_stack`) stop getting
 * security fixes. One dated table, read by the policy rules (a warning before the date, an error
 * after) and by whoever picks a default: edit it when a runtime's schedule changes or a new
 * version ships, with the source.
 *
 * App Service follows the upstream schedules: a version past its community end of life gets no
 * patches, is removed from the portal's choices and later stops being offered to new apps
 * ("Language runtime support policy for App Service",
 * https://learn.microsoft.com/azure/app-service/language-support-policy).
 */
export interface RuntimeEndOfLife {
  /** The `application_stack` attribute that selects the runtime, e.g. "node_version". */
  readonly attribute: string;
  /** The attribute's value, e.g. "22-lts". */
  readonly version: string;
  /** Last day of security fixes, ISO 8601 (YYYY-MM-DD). */
  readonly endOfLife: string;
  /** Where the date comes from. */
  readonly source: string;
}

const NODE_SCHEDULE = "https://github.com/nodejs/Release#release-schedule";
/** The Python devguide gives a month (3.9 released its last fix on 2025-10-31): the table uses its last day. */
const PYTHON_SCHEDULE = "https://devguide.python.org/versions/";

export const RUNTIME_END_OF_LIFE: readonly RuntimeEndOfLife[] = [
  { attribute: "node_version", version: "12-lts", endOfLife: "2022-04-30", source: NODE_SCHEDULE },
  { attribute: "node_version", version: "14-lts", endOfLife: "2023-04-30", source: NODE_SCHEDULE },
  { attribute: "node_version", version: "16-lts", endOfLife: "2023-09-11", source: NODE_SCHEDULE },
  { attribute: "node_version", version: "18-lts", endOfLife: "2025-04-30", source: NODE_SCHEDULE },
  { attribute: "node_version", version: "20-lts", endOfLife: "2026-04-30", source: NODE_SCHEDULE },
  { attribute: "node_version", version: "22-lts", endOfLife: "2027-04-30", source: NODE_SCHEDULE },
  { attribute: "python_version", version: "3.8", endOfLife: "2024-10-07", source: PYTHON_SCHEDULE },
  { attribute: "python_version", version: "3.9", endOfLife: "2025-10-31", source: PYTHON_SCHEDULE },
  { attribute: "python_version", version: "3.10", endOfLife: "2026-10-31", source: PYTHON_SCHEDULE },
  { attribute: "python_version", version: "3.11", endOfLife: "2027-10-31", source: PYTHON_SCHEDULE },
  { attribute: "python_version", version: "3.12", endOfLife: "2028-10-31", source: PYTHON_SCHEDULE },
];

/** Days before the end of life from which a runtime is reported as ending soon. */
export const END_OF_LIFE_WARNING_DAYS = 90;

export type RuntimeSupport =
  | { readonly status: "supported" | "unknown" }
  | { readonly status: "ending" | "ended"; readonly entry: RuntimeEndOfLife; readonly days: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Where `version` of the runtime `attribute` stands on `today` (a date, compared by its UTC
 * day): "ended" after its end of life (`days` since), "ending" within
 * {@link END_OF_LIFE_WARNING_DAYS} of it (`days` left, 0 on the day itself), "supported"
 * before that, "unknown" when the table does not list it.
 */
export function runtimeSupport(attribute: string, version: string, today: Date): RuntimeSupport {
  const entry = RUNTIME_END_OF_LIFE.find((e) => e.attribute === attribute && e.version === version);
  if (!entry) return { status: "unknown" };
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const left = Math.round((Date.parse(`${entry.endOfLife}T00:00:00Z`) - day) / DAY_MS);
  if (left < 0) return { status: "ended", entry, days: -left };
  if (left <= END_OF_LIFE_WARNING_DAYS) return { status: "ending", entry, days: left };
  return { status: "supported" };
}
