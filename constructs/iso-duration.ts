/**
 * ISO 8601 durations as Azure Monitor writes them (`PT5M`, `PT1H30M`, `P1D`, `P1W`).
 * Returns whole minutes, or undefined for anything else (seconds and fractions included:
 * no autoscale duration has sub-minute granularity).
 */
export function isoDurationMinutes(value: string): number | undefined {
  const week = /^P(\d+)W$/.exec(value);
  if (week) return Number(week[1]) * 7 * 24 * 60;
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(value);
  if (!match || value === "P" || value.endsWith("T")) return undefined;
  const [, days = "0", hours = "0", minutes = "0"] = match;
  return Number(days) * 24 * 60 + Number(hours) * 60 + Number(minutes);
}

/** "must be an ISO 8601 duration between PT5M and PT12H"-style rule text, or undefined when in range. */
export function durationProblem(
  value: string,
  minMinutes: number,
  maxMinutes: number,
  range: string,
): string | undefined {
  const minutes = isoDurationMinutes(value);
  if (minutes === undefined) return `must be an ISO 8601 duration in whole minutes (e.g. PT5M), ${range}`;
  if (minutes < minMinutes || minutes > maxMinutes) return `must be ${range}`;
  return undefined;
}
