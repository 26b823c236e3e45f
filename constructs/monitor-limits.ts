import { Token } from "cdktf";
import { isoDurationMinutes } from "./iso-duration";
import type { PropProblem } from "./problems";

/**
 * The values Azure Monitor accepts for alert rules, availability tests and notification
 * targets, in one place so the constructs and their tests read the same table.
 *
 * Sources (checked for azurerm 4.55.0):
 * - azurerm docs `monitor_metric_alert`: `frequency` PT1M, PT5M, PT15M, PT30M, PT1H;
 *   `window_size` PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, P1D; severity 0-4.
 * - azurerm docs `monitor_scheduled_query_rules_alert_v2`: `evaluation_frequency` PT1M ... P1D;
 *   `window_duration` PT1M ... PT6H when the frequency is PT1M, otherwise PT5M ... P2D; the
 *   frequency must not exceed the look-back (window x evaluation periods).
 * - azurerm source `application_insights_standard_web_test`: `frequency` 300, 600 or 900 s.
 * - Azure Monitor docs "Standard test", location population tags (public cloud): the ids below;
 *   at least five locations recommended, at most 16, alert threshold = locations - 2.
 */

export const ALERT_SEVERITIES = [0, 1, 2, 3, 4] as const;

export const METRIC_ALERT_FREQUENCIES = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H"] as const;
export const METRIC_ALERT_WINDOWS = [
  "PT1M",
  "PT5M",
  "PT15M",
  "PT30M",
  "PT1H",
  "PT6H",
  "PT12H",
  "P1D",
] as const;

export const QUERY_RULE_FREQUENCIES = [
  "PT1M",
  "PT5M",
  "PT10M",
  "PT15M",
  "PT30M",
  "PT45M",
  "PT1H",
  "PT2H",
  "PT3H",
  "PT4H",
  "PT5H",
  "PT6H",
  "P1D",
] as const;
/** Windows of a scheduled query rule evaluated every minute. */
export const QUERY_RULE_WINDOWS_AT_PT1M = [
  "PT1M",
  "PT5M",
  "PT10M",
  "PT15M",
  "PT30M",
  "PT45M",
  "PT1H",
  "PT2H",
  "PT3H",
  "PT4H",
  "PT5H",
  "PT6H",
] as const;
/** Windows of a scheduled query rule evaluated less often than every minute. */
export const QUERY_RULE_WINDOWS = [
  "PT5M",
  "PT10M",
  "PT15M",
  "PT30M",
  "PT45M",
  "PT1H",
  "PT2H",
  "PT3H",
  "PT4H",
  "PT5H",
  "PT6H",
  "P1D",
  "P2D",
] as const;

/** Seconds between two runs of a standard availability test from one location. */
export const AVAILABILITY_TEST_FREQUENCIES = [300, 600, 900] as const;
export const MAX_AVAILABILITY_TEST_LOCATIONS = 16;

/** Availability test locations of the Azure public cloud: population tag -> region. */
export const AVAILABILITY_TEST_LOCATIONS: Readonly<Record<string, string>> = {
  "emea-au-syd-edge": "Australia East",
  "latam-br-gru-edge": "Brazil South",
  "us-fl-mia-edge": "Central US",
  "apac-hk-hkn-azr": "East Asia",
  "us-va-ash-azr": "East US",
  "emea-ch-zrh-edge": "France South",
  "emea-fr-pra-edge": "France Central",
  "apac-jp-kaw-edge": "Japan East",
  "emea-gb-db3-azr": "North Europe",
  "us-il-ch1-azr": "North Central US",
  "us-tx-sn1-azr": "South Central US",
  "apac-sg-sin-azr": "Southeast Asia",
  "emea-se-sto-edge": "UK West",
  "emea-nl-ams-azr": "West Europe",
  "us-ca-sjc-azr": "West US",
  "emea-ru-msa-edge": "UK South",
};

/** "must be one of A, B, C" when `value` is not listed. */
export function oneOfProblem<T extends string | number>(value: T, allowed: readonly T[]): string | undefined {
  return allowed.includes(value) ? undefined : `must be one of ${allowed.join(", ")}`;
}

/** Alert severity: a whole number from 0 (critical) to 4 (verbose). */
export function severityProblem(value: number): string | undefined {
  return (ALERT_SEVERITIES as readonly number[]).includes(value)
    ? undefined
    : "must be a whole number from 0 (critical) to 4 (verbose)";
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An e-mail address shape check; Terraform references (tokens) are left to Azure. */
export function emailProblem(value: string): string | undefined {
  if (Token.isUnresolved(value)) return undefined;
  return EMAIL.test(value) ? undefined : "must be an e-mail address (name@domain)";
}

/**
 * An https URL with a host. Terraform references (tokens), e.g. a sensitive variable holding a
 * webhook URL with a secret in it, are left to Azure.
 */
export function httpsUrlProblem(value: string): string | undefined {
  if (Token.isUnresolved(value)) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" || url.hostname === "") return "must be an https:// URL";
    return undefined;
  } catch {
    return "must be an https:// URL";
  }
}

/**
 * Problems with a metric alert's frequency and window: listed values only, and the window at
 * least as long as the frequency (Azure evaluates the window every `frequency`). `props` are
 * the construct's prop names for the two values.
 */
export function metricAlertTimingProblems(
  frequency: string,
  windowSize: string,
  props: { readonly frequency: string; readonly windowSize: string },
): PropProblem[] {
  const problems: PropProblem[] = [];
  const frequencyIssue = oneOfProblem(frequency, METRIC_ALERT_FREQUENCIES);
  if (frequencyIssue) problems.push({ prop: [props.frequency], value: frequency, rule: frequencyIssue });
  const windowIssue = oneOfProblem(windowSize, METRIC_ALERT_WINDOWS);
  if (windowIssue) problems.push({ prop: [props.windowSize], value: windowSize, rule: windowIssue });
  if (!frequencyIssue && !windowIssue) {
    const frequencyMinutes = isoDurationMinutes(frequency) ?? 0;
    const windowMinutes = isoDurationMinutes(windowSize) ?? 0;
    if (windowMinutes < frequencyMinutes)
      problems.push({
        prop: [props.windowSize],
        value: windowSize,
        rule: `must not be shorter than ${props.frequency} = "${frequency}"`,
      });
  }
  return problems;
}

/**
 * Problems with a scheduled query rule's evaluation frequency and window: listed values only
 * (the windows allowed depend on the frequency), and the frequency no longer than the
 * look-back, which is the window for rules without failing periods.
 */
export function queryRuleTimingProblems(
  frequency: string,
  windowDuration: string,
  props: { readonly frequency: string; readonly windowDuration: string },
): PropProblem[] {
  const problems: PropProblem[] = [];
  const frequencyIssue = oneOfProblem(frequency, QUERY_RULE_FREQUENCIES);
  if (frequencyIssue) problems.push({ prop: [props.frequency], value: frequency, rule: frequencyIssue });
  const windows = frequency === "PT1M" ? QUERY_RULE_WINDOWS_AT_PT1M : QUERY_RULE_WINDOWS;
  const windowIssue = oneOfProblem(windowDuration, windows);
  if (windowIssue)
    problems.push({
      prop: [props.windowDuration],
      value: windowDuration,
      rule: `${windowIssue} (with ${props.frequency} = "${frequency}")`,
    });
  if (!frequencyIssue && !windowIssue) {
    const frequencyMinutes = isoDurationMinutes(frequency) ?? 0;
    const windowMinutes = isoDurationMinutes(windowDuration) ?? 0;
    if (frequencyMinutes > windowMinutes)
      problems.push({
        prop: [props.frequency],
        value: frequency,
        rule: `must not be longer than ${props.windowDuration} = "${windowDuration}" (the query's look-back)`,
      });
  }
  return problems;
}
