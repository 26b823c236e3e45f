import { Construct } from "constructs";
import type { ActionGroup } from "./action-group";
import type { AppInsights } from "./app-insights";
import { AvailabilityTest, DEFAULT_AVAILABILITY_LOCATIONS } from "./availability-test";
import type { ContainerWebApp } from "./container-web-app";
import { metricAlertTimingProblems, queryRuleTimingProblems, severityProblem } from "./monitor-limits";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem } from "./problems";
import {
  type AzLinuxWebApp,
  AzLinuxWebAppSlot,
  AzMonitorMetricAlert,
  AzMonitorScheduledQueryRulesAlertV2,
} from "./providers";
import type { IResourceGroup } from "./resource-group";

/**
 * HealthCheckStatus is published with a 5-minute time grain (Azure's supported metrics for
 * Microsoft.Web/sites and Microsoft.Web/sites/slots), so no metric alert window may be shorter.
 */
export const HEALTH_CHECK_METRIC_TIME_GRAIN = "PT5M";

const NAME_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._()-]{0,199}$/;

export interface RollbackAlertsProps {
  readonly resourceGroup: IResourceGroup;
  /**
   * Start of every rule's name, unique per app and slot, e.g. "alert-contoso-prod-api-staging":
   * 1-200 letters, digits, '-', '_', '.', '(' and ')'.
   */
  readonly namePrefix: string;
  /** The app whose production slot, or slot {@link slot}, is watched. */
  readonly webApp: ContainerWebApp;
  /** The deployment slot to watch. @default the production slot (the web app itself) */
  readonly slot?: string;
  /** The watched slot's own component: the query rules read its `requests`. */
  readonly component: AppInsights;
  readonly actionGroup: ActionGroup;
  /** Environment label used in rule descriptions and alert payloads, e.g. "prod". */
  readonly environment: string;
  /** Host the availability test calls. @default the watched slot's default host name */
  readonly hostName?: string;
  /** Region of the scheduled query rules. @default the component's location */
  readonly location?: string;
  /** Severity of every rule, 0 (critical) to 4. @default 1 (error) */
  readonly severity?: number;

  /** Roll back when more than this percentage of requests fails. @default 5 */
  readonly errorRateThresholdPercent?: number;
  /** The P95 request duration of a healthy release, in milliseconds. */
  readonly baselineP95Ms: number;
  /** Roll back when P95 exceeds `baselineP95Ms` times this. @default 2 */
  readonly latencyFactor?: number;
  /**
   * Requests a window needs before its error rate or P95 counts: two failures out of three
   * requests are noise, not a failed release.
   * @default 20
   */
  readonly minimumRequests?: number;
  /**
   * How often the query rules run: PT1M, PT5M, PT10M, PT15M, PT30M, PT45M, PT1H ... PT6H or P1D.
   * @default "PT5M"
   */
  readonly queryEvaluationFrequency?: string;
  /** Period the query rules look at (PT1M-PT6H with PT1M frequency, else PT5M-P2D). @default "PT15M" */
  readonly queryWindowDuration?: string;

  /** Fire when the slot answers more than this many 5xx within the window. @default 10 */
  readonly http5xxThreshold?: number;
  /** How often the metric alerts run: PT1M, PT5M, PT15M, PT30M or PT1H. @default "PT5M" */
  readonly metricFrequency?: string;
  /** Period the metric alerts look at: PT5M, PT15M, PT30M, PT1H, PT6H, PT12H or P1D. @default "PT5M" */
  readonly metricWindowSize?: string;

  /** Path the availability test calls. @default "/health" */
  readonly availabilityPath?: string;
  /** Availability test locations. @default {@link DEFAULT_AVAILABILITY_LOCATIONS} */
  readonly availabilityLocations?: readonly string[];
  /** Locations that must fail at once. @default locations - 2, at least 1 */
  readonly availabilityFailedLocationCount?: number;
  /** Seconds between availability test runs: 300, 600 or 900. @default 300 */
  readonly availabilityFrequencySeconds?: number;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * The rollback signals of one app or one slot, each an alert to the action group:
 * - error rate above {@link RollbackAlertsProps.errorRateThresholdPercent} (scheduled query
 *   over the component's `requests`: a rate is not a platform metric);
 * - P95 request duration above `baselineP95Ms * latencyFactor` (scheduled query, `percentile`);
 * - HealthCheckStatus below 100 (an instance failing `/health`; App Service takes it out of
 *   rotation) and Http5xx above a count (metric alerts on the web app or slot);
 * - the critical path broken from outside: a standard availability test on `/health`.
 *
 * Each slot gets its own instance and its own component, so staging's alerts never read
 * production's telemetry; the validation refuses one component for two slots.
 */
export class RollbackAlerts extends Construct {
  /** The watched web app or slot. */
  readonly site: AzLinuxWebApp | AzLinuxWebAppSlot;
  /** "production" or the slot's name. */
  readonly slotName: string;
  readonly component: AppInsights;
  /** P95 threshold in milliseconds: `baselineP95Ms * latencyFactor`. */
  readonly latencyThresholdMs: number;
  /** Escape hatches: the underlying azurerm resources. */
  readonly errorRate: AzMonitorScheduledQueryRulesAlertV2;
  readonly latency: AzMonitorScheduledQueryRulesAlertV2;
  readonly healthCheck: AzMonitorMetricAlert;
  readonly http5xx: AzMonitorMetricAlert;
  readonly availability: AvailabilityTest;

  private readonly props: RollbackAlertsProps;
  /** "<environment>/<slot>", in names shown to people. */
  private readonly label: string;

  constructor(scope: Construct, id: string, props: RollbackAlertsProps) {
    super(scope, id);
    this.props = props;
    this.slotName = props.slot ?? "production";
    this.site = watchedSite(this, props);
    this.component = props.component;
    this.label = `${props.environment}/${this.slotName}`;
    this.latencyThresholdMs = Math.round(props.baselineP95Ms * (props.latencyFactor ?? 2) * 100) / 100;
    this.node.addValidation({
      validate: () => [
        ...validationMessages("RollbackAlerts", this, rollbackAlertsProblems(props)),
        ...this.sharedComponentProblems(),
      ],
    });

    const errorRate = props.errorRateThresholdPercent ?? 5;
    const minimumRequests = props.minimumRequests ?? 20;
    const queryWindow = props.queryWindowDuration ?? "PT15M";
    const factor = props.latencyFactor ?? 2;
    this.errorRate = this.queryRule(
      "error-rate",
      `error rate > ${errorRate} %`,
      `Roll back ${this.label}: more than ${errorRate} % of requests failed over ${queryWindow} (windows with at least ${minimumRequests} requests).`,
      errorRateQuery(errorRate, minimumRequests),
      "errorRatePercent",
      errorRate,
    );
    this.latency = this.queryRule(
      "p95-latency",
      `P95 > ${this.latencyThresholdMs} ms`,
      `Roll back ${this.label}: P95 request duration above ${this.latencyThresholdMs} ms (${factor} x the ${props.baselineP95Ms} ms baseline) over ${queryWindow}.`,
      latencyQuery(props.baselineP95Ms, factor, this.latencyThresholdMs, minimumRequests),
      "p95DurationMs",
      this.latencyThresholdMs,
    );

    const metricWindow = props.metricWindowSize ?? "PT5M";
    const http5xx = props.http5xxThreshold ?? 10;
    this.healthCheck = this.metricAlert(
      "health-check",
      `Roll back ${this.label}: HealthCheckStatus averaged below 100 over ${metricWindow}; an instance fails its health check and App Service takes it out of the load balancer.`,
      { metricName: "HealthCheckStatus", aggregation: "Average", operator: "LessThan", threshold: 100 },
    );
    this.http5xx = this.metricAlert(
      "http-5xx",
      `Roll back ${this.label}: more than ${http5xx} responses with status 5xx over ${metricWindow}.`,
      { metricName: "Http5xx", aggregation: "Total", operator: "GreaterThan", threshold: http5xx },
    );

    this.availability = new AvailabilityTest(this, "availability", {
      name: `${props.namePrefix}-availability`,
      resourceGroup: props.resourceGroup,
      component: props.component,
      hostName: props.hostName ?? this.site.defaultHostname,
      path: props.availabilityPath ?? "/health",
      actionGroup: props.actionGroup,
      locations: props.availabilityLocations ?? DEFAULT_AVAILABILITY_LOCATIONS,
      frequencySeconds: props.availabilityFrequencySeconds,
      failedLocationCount: props.availabilityFailedLocationCount,
      severity: props.severity ?? 1,
      webhookProperties: this.payload("availability"),
      tags: props.tags,
    });
  }

  /** What every alert sends along, so a receiver knows which slot to roll back and why. */
  private payload(rule: string): Record<string, string> {
    return { environment: this.props.environment, slot: this.slotName, rollbackRule: rule };
  }

  /** A scheduled query rule over the slot's own component; fires above `threshold`. */
  private queryRule(
    name: string,
    displayName: string,
    description: string,
    query: string,
    measure: string,
    threshold: number,
  ): AzMonitorScheduledQueryRulesAlertV2 {
    const { props } = this;
    return new AzMonitorScheduledQueryRulesAlertV2(this, name, {
      name: `${props.namePrefix}-${name}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.component.location,
      displayName: `${this.label}: ${displayName}`,
      description,
      scopes: [props.component.id],
      severity: props.severity ?? 1,
      evaluationFrequency: props.queryEvaluationFrequency ?? "PT5M",
      windowDuration: props.queryWindowDuration ?? "PT15M",
      autoMitigationEnabled: true,
      criteria: [
        {
          query,
          timeAggregationMethod: "Maximum",
          metricMeasureColumn: measure,
          operator: "GreaterThan",
          threshold,
        },
      ],
      action: { actionGroups: [props.actionGroup.id], customProperties: this.payload(name) },
      tags: props.tags,
    });
  }

  /** A metric alert on the watched site. */
  private metricAlert(
    name: string,
    description: string,
    criteria: { metricName: string; aggregation: string; operator: string; threshold: number },
  ): AzMonitorMetricAlert {
    const { props } = this;
    const namespace =
      this.site instanceof AzLinuxWebAppSlot ? "Microsoft.Web/sites/slots" : "Microsoft.Web/sites";
    return new AzMonitorMetricAlert(this, name, {
      name: `${props.namePrefix}-${name}`,
      resourceGroupName: props.resourceGroup.name,
      scopes: [this.site.id],
      description,
      severity: props.severity ?? 1,
      frequency: props.metricFrequency ?? "PT5M",
      windowSize: props.metricWindowSize ?? "PT5M",
      autoMitigate: true,
      criteria: [{ metricNamespace: namespace, ...criteria }],
      action: [{ actionGroupId: props.actionGroup.id, webhookProperties: this.payload(name) }],
      tags: props.tags,
    });
  }

  /** One component watched for two sites means one slot's alerts read the other's telemetry. */
  private sharedComponentProblems(): string[] {
    return this.node.root.node
      .findAll()
      .filter(
        (other): other is RollbackAlerts =>
          other instanceof RollbackAlerts &&
          other !== this &&
          other.component === this.component &&
          other.site !== this.site,
      )
      .map(
        (other) =>
          `RollbackAlerts ${this.node.path}: component ${this.component.node.path} also watches ${other.slotName} (${other.node.path}); each slot needs its own App Insights component, or one slot's alerts read the other's telemetry`,
      );
  }
}

/** The web app itself, or its slot `props.slot`. */
function watchedSite(alerts: Construct, props: RollbackAlertsProps): AzLinuxWebApp | AzLinuxWebAppSlot {
  if (props.slot === undefined) return props.webApp.resource;
  const slot = props.webApp.slots.get(props.slot);
  if (slot) return slot;
  const known = [...props.webApp.slots.keys()];
  throw new Error(
    `RollbackAlerts ${alerts.node.path}: slot = "${props.slot}" is not a slot of ${props.webApp.node.path} (its slots: ${known.join(", ") || "none"}); omit slot to watch production`,
  );
}

/** The limits of the rollback alerts' props: thresholds, names and the timing Azure accepts. */
export function rollbackAlertsProblems(
  props: Omit<RollbackAlertsProps, "resourceGroup" | "webApp" | "component" | "actionGroup">,
): PropProblem[] {
  const problems: PropProblem[] = [];
  const errorRate = props.errorRateThresholdPercent ?? 5;
  const factor = props.latencyFactor ?? 2;
  const metricWindow = props.metricWindowSize ?? "PT5M";
  if (!isUnresolved(props.namePrefix) && !NAME_PREFIX.test(props.namePrefix))
    problems.push({
      prop: ["namePrefix"],
      value: props.namePrefix,
      rule: "must be 1-200 letters, digits, '-', '_', '.', '(' or ')', starting with a letter or digit",
    });
  if (props.environment.trim() === "" || /[\r\n]/.test(props.environment))
    problems.push({ prop: ["environment"], value: props.environment, rule: "must be a one-line label" });
  if (!(errorRate > 0 && errorRate < 100))
    problems.push({
      prop: ["errorRateThresholdPercent"],
      value: errorRate,
      rule: "must be above 0 and below 100",
    });
  if (!(Number.isFinite(props.baselineP95Ms) && props.baselineP95Ms > 0))
    problems.push({
      prop: ["baselineP95Ms"],
      value: props.baselineP95Ms,
      rule: "must be a positive number of milliseconds",
    });
  if (!(Number.isFinite(factor) && factor > 1))
    problems.push({
      prop: ["latencyFactor"],
      value: factor,
      rule: "must be above 1, or the alert fires at the healthy baseline",
    });
  problems.push(
    ...wholeNumberProblem(["minimumRequests"], props.minimumRequests ?? 20, 1),
    ...wholeNumberProblem(["http5xxThreshold"], props.http5xxThreshold ?? 10, 0),
  );
  const severity = props.severity ?? 1;
  const severityIssue = severityProblem(severity);
  if (severityIssue) problems.push({ prop: ["severity"], value: severity, rule: severityIssue });
  problems.push(
    ...queryRuleTimingProblems(
      props.queryEvaluationFrequency ?? "PT5M",
      props.queryWindowDuration ?? "PT15M",
      {
        frequency: "queryEvaluationFrequency",
        windowDuration: "queryWindowDuration",
      },
    ),
    ...metricAlertTimingProblems(props.metricFrequency ?? "PT5M", metricWindow, {
      frequency: "metricFrequency",
      windowSize: "metricWindowSize",
    }),
  );
  if (metricWindow === "PT1M")
    problems.push({
      prop: ["metricWindowSize"],
      value: metricWindow,
      rule: `is shorter than HealthCheckStatus's time grain (${HEALTH_CHECK_METRIC_TIME_GRAIN})`,
    });
  return problems;
}

/** KQL: the share of failed requests in the window, in percent; no row below `minimumRequests`. */
export function errorRateQuery(thresholdPercent: number, minimumRequests: number): string {
  return [
    `// Rollback rule: error rate above ${thresholdPercent} % of requests.`,
    "requests",
    "| summarize requestCount = count(), failedCount = countif(success == false)",
    `| where requestCount >= ${minimumRequests}`,
    "| extend errorRatePercent = round(100.0 * failedCount / requestCount, 2)",
    "| project errorRatePercent",
  ].join("\n");
}

/** KQL: the P95 request duration in the window, in milliseconds; no row below `minimumRequests`. */
export function latencyQuery(
  baselineMs: number,
  factor: number,
  thresholdMs: number,
  minimumRequests: number,
): string {
  return [
    `// Rollback rule: P95 duration above ${factor} x baseline ${baselineMs} ms = ${thresholdMs} ms.`,
    "requests",
    "| summarize p95DurationMs = percentile(duration, 95), requestCount = count()",
    `| where requestCount >= ${minimumRequests}`,
    "| project p95DurationMs",
  ].join("\n");
}
