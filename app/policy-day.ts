import { ConfigError } from "../config/config-error";

/**
 * The day the policy baseline judges dated rules by (runtime end-of-life): `POLICY_DATE`
 * (YYYY-MM-DD) when set, so a synth in CI or a test gives the same findings on any day; else today.
 * @throws ConfigError naming POLICY_DATE for anything but a real calendar day
 */
export function policyDay(env: Readonly<Record<string, string | undefined>>): () => Date {
  const text = env.POLICY_DATE;
  if (text === undefined || text === "") return () => new Date();
  const day = new Date(`${text}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(text) ||
    Number.isNaN(day.getTime()) ||
    day.toISOString().slice(0, 10) !== text
  ) {
    throw new ConfigError([
      { field: "POLICY_DATE", value: text, rule: "must be a calendar day written YYYY-MM-DD" },
    ]);
  }
  return () => day;
}
