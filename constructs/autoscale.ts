import { Construct } from "constructs";
import type { AppServicePlan } from "./app-service-plan";
import { durationProblem } from "./iso-duration";
import { emailProblem, httpsUrlProblem } from "./monitor-limits";
import type { PlanTier } from "./plan-tiers";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem, within } from "./problems";
import { AzMonitorAutoscaleSetting, type MonitorAutoscaleSettingProfileRule } from "./providers";
import type { IResourceGroup } from "./resource-group";

/** Metrics of an App Service plan (Microsoft.Web/serverfarms) that autoscale can act on. */
export const PLAN_METRICS = [
  "CpuPercentage",
  "MemoryPercentage",
  "HttpQueueLength",
  "DiskQueueLength",
  "BytesReceived",
  "BytesSent",
] as const;
export type PlanMetric = (typeof PLAN_METRICS)[number];

const PERCENT_METRICS: readonly PlanMetric[] = ["CpuPercentage", "MemoryPercentage"];

/**
 * One scale-out rule and its scale-in partner on the same metric, so no rule can scale out
 * without a way back. Thresholds are averages over the window.
 */
export interface ScaleRuleSpec {
  readonly metric: PlanMetric;
  /** Scale out when the metric's average is above this. */
  readonly scaleOutAbove: number;
  /** Scale in when the metric's average is below this; must be lower than scaleOutAbove. */
  readonly scaleInBelow: number;
  /** Instances added per scale-out. @default 1 */
  readonly scaleOutBy?: number;
  /** Instances removed per scale-in. @default 1 */
  readonly scaleInBy?: number;
  /** Averaging window of the scale-out rule, PT5M-PT12H. @default "PT5M" */
  readonly scaleOutWindow?: string;
  /** Averaging window of the scale-in rule, PT5M-PT12H. @default "PT10M" */
  readonly scaleInWindow?: string;
  /** Wait after a scale action before the next one, PT1M-P7D. @default "PT5M" */
  readonly cooldown?: string;
}

/** The classic rule pair: CPU above 70 % for 5 minutes adds 2; below 30 % for 10 minutes removes 1. */
export const DEFAULT_SCALE_RULES: readonly ScaleRuleSpec[] = [
  {
    metric: "CpuPercentage",
    scaleOutAbove: 70,
    scaleOutBy: 2,
    scaleOutWindow: "PT5M",
    scaleInBelow: 30,
    scaleInBy: 1,
    scaleInWindow: "PT10M",
  },
];

/** Azure accepts at most 10 rules in a profile, i.e. 5 pairs. */
export const MAX_RULE_PAIRS = 5;

export interface AutoscaleProps {
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** The plan to scale; its tier must have autoscale. */
  readonly plan: AppServicePlan;
  /** @default 1 */
  readonly minimum?: number;
  /** Instances when metrics are missing. @default minimum */
  readonly default?: number;
  /** @default the plan tier's instance limit */
  readonly maximum?: number;
  /** @default {@link DEFAULT_SCALE_RULES} */
  readonly rules?: readonly ScaleRuleSpec[];
  /** Addresses e-mailed on every scale action. @default none */
  readonly notificationEmails?: readonly string[];
  /**
   * https endpoints called on every scale action. A URL with a secret token in it belongs in a
   * sensitive Terraform variable: pass the variable's token.
   * @default none
   */
  readonly notificationWebhooks?: readonly string[];
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** Problems with one rule pair; props are the rule's own fields (`["scaleOutBy"]`). */
export function scaleRuleProblems(rule: ScaleRuleSpec): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!PLAN_METRICS.includes(rule.metric))
    problems.push({
      prop: ["metric"],
      value: rule.metric,
      rule: `must be one of ${PLAN_METRICS.join(", ")}`,
    });
  if (
    !isUnresolved(rule.scaleInBelow) &&
    !isUnresolved(rule.scaleOutAbove) &&
    !(rule.scaleInBelow < rule.scaleOutAbove)
  ) {
    problems.push({
      prop: ["scaleInBelow"],
      value: rule.scaleInBelow,
      rule: `must be lower than scaleOutAbove (${rule.scaleOutAbove}), or the plan flaps`,
    });
  }
  if (PERCENT_METRICS.includes(rule.metric)) {
    for (const key of ["scaleOutAbove", "scaleInBelow"] as const) {
      const value = rule[key];
      if (!isUnresolved(value) && (value < 0 || value > 100))
        problems.push({ prop: [key], value, rule: "must be a percentage from 0 to 100" });
    }
  }
  problems.push(
    ...wholeNumberProblem(["scaleOutBy"], rule.scaleOutBy ?? 1, 1),
    ...wholeNumberProblem(["scaleInBy"], rule.scaleInBy ?? 1, 1),
  );
  const durations = [
    ["scaleOutWindow", rule.scaleOutWindow ?? "PT5M", 5, 720, "between PT5M and PT12H"],
    ["scaleInWindow", rule.scaleInWindow ?? "PT10M", 5, 720, "between PT5M and PT12H"],
    ["cooldown", rule.cooldown ?? "PT5M", 1, 7 * 24 * 60, "between PT1M and P7D"],
  ] as const;
  for (const [key, value, min, max, range] of durations) {
    const problem = isUnresolved(value) ? undefined : durationProblem(value, min, max, range);
    if (problem) problems.push({ prop: [key], value, rule: problem });
  }
  return problems;
}

/** The limits of autoscale on a plan of `tier`: counts in order and within the tier, rule pairs, notifications. */
export function autoscaleProblems(
  props: Pick<
    AutoscaleProps,
    "minimum" | "default" | "maximum" | "rules" | "notificationEmails" | "notificationWebhooks"
  > & {
    readonly tier: PlanTier;
    readonly sku: string;
  },
): PropProblem[] {
  const { tier } = props;
  const minimum = props.minimum ?? 1;
  const defaultCount = props.default ?? minimum;
  const maximum = props.maximum ?? tier.maxInstances;
  const rules = props.rules ?? DEFAULT_SCALE_RULES;
  const problems: PropProblem[] = [];
  if (!tier.autoscale)
    problems.push({
      prop: [],
      rule: `plan sku "${props.sku}" (${tier.name}) has no autoscale; it needs Standard (S1) or better`,
    });
  const counts = [minimum, defaultCount, maximum];
  // Counts that are tokens (a variable) are Terraform's to check at plan time.
  if (!counts.some(isUnresolved)) {
    if (
      !counts.every(Number.isInteger) ||
      !(1 <= minimum && minimum <= defaultCount && defaultCount <= maximum)
    )
      problems.push({
        prop: [],
        value: { minimum, default: defaultCount, maximum },
        rule: `minimum (${minimum}) <= default (${defaultCount}) <= maximum (${maximum}) must hold, from 1 up`,
      });
    if (maximum > tier.maxInstances)
      problems.push({
        prop: ["maximum"],
        value: maximum,
        rule: `exceeds the ${tier.name} tier's limit of ${tier.maxInstances} instances`,
      });
  }
  if (rules.length === 0) problems.push({ prop: ["rules"], rule: "must contain at least one rule pair" });
  if (rules.length > MAX_RULE_PAIRS)
    problems.push({
      prop: ["rules"],
      value: rules.length,
      rule: `has more pairs than Azure allows (${MAX_RULE_PAIRS} pairs, 10 rules per profile)`,
    });
  rules.forEach((rule, i) => {
    problems.push(...within(["rules", i], scaleRuleProblems(rule)));
  });
  (props.notificationEmails ?? []).forEach((email, i) => {
    const problem = isUnresolved(email) ? undefined : emailProblem(email);
    if (problem) problems.push({ prop: ["notificationEmails", i], value: email, rule: problem });
  });
  (props.notificationWebhooks ?? []).forEach((url, i) => {
    const problem = isUnresolved(url) ? undefined : httpsUrlProblem(url);
    if (problem) problems.push({ prop: ["notificationWebhooks", i], value: url, rule: problem });
  });
  return problems;
}

/**
 * Autoscale on an App Service plan: one default profile with rule pairs. The plan's own
 * worker count is left to autoscale afterwards (`ignore_changes`), so a deploy does not
 * reset the instance count autoscale chose.
 */
export class Autoscale extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzMonitorAutoscaleSetting;

  constructor(scope: Construct, id: string, props: AutoscaleProps) {
    super(scope, id);
    const plan = props.plan;
    const minimum = props.minimum ?? 1;
    const defaultCount = props.default ?? minimum;
    const maximum = props.maximum ?? plan.tier.maxInstances;
    const rules = props.rules ?? DEFAULT_SCALE_RULES;
    const notificationEmails = props.notificationEmails ?? [];
    const notificationWebhooks = props.notificationWebhooks ?? [];

    this.node.addValidation({
      validate: () =>
        validationMessages(
          "Autoscale",
          this,
          autoscaleProblems({ ...props, tier: plan.tier, sku: plan.sku }),
        ),
    });

    const ignored = plan.resource.lifecycle?.ignoreChanges;
    plan.resource.lifecycle = {
      ...plan.resource.lifecycle,
      ignoreChanges: ignored === "all" ? "all" : [...new Set([...(ignored ?? []), "worker_count"])],
    };
    this.resource = new AzMonitorAutoscaleSetting(this, "autoscale", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      targetResourceId: plan.id,
      profile: [
        {
          name: "default",
          capacity: { minimum, default: defaultCount, maximum },
          rule: rules.flatMap((rule) => this.rulePair(rule, plan.id)),
        },
      ],
      notification:
        notificationEmails.length > 0 || notificationWebhooks.length > 0
          ? {
              email:
                notificationEmails.length > 0
                  ? {
                      customEmails: [...notificationEmails],
                      sendToSubscriptionAdministrator: false,
                      sendToSubscriptionCoAdministrator: false,
                    }
                  : undefined,
              webhook:
                notificationWebhooks.length > 0
                  ? notificationWebhooks.map((serviceUri) => ({ serviceUri }))
                  : undefined,
            }
          : undefined,
      tags: props.tags,
    });
  }

  private rulePair(rule: ScaleRuleSpec, planId: string): MonitorAutoscaleSettingProfileRule[] {
    const cooldown = rule.cooldown ?? "PT5M";
    const trigger = (operator: string, threshold: number, timeWindow: string) => ({
      metricName: rule.metric,
      metricNamespace: "microsoft.web/serverfarms",
      metricResourceId: planId,
      operator,
      threshold,
      statistic: "Average",
      timeAggregation: "Average",
      timeGrain: "PT1M",
      timeWindow,
    });
    return [
      {
        metricTrigger: trigger("GreaterThan", rule.scaleOutAbove, rule.scaleOutWindow ?? "PT5M"),
        scaleAction: { direction: "Increase", type: "ChangeCount", value: rule.scaleOutBy ?? 1, cooldown },
      },
      {
        metricTrigger: trigger("LessThan", rule.scaleInBelow, rule.scaleInWindow ?? "PT10M"),
        scaleAction: { direction: "Decrease", type: "ChangeCount", value: rule.scaleInBy ?? 1, cooldown },
      },
    ];
  }
}
