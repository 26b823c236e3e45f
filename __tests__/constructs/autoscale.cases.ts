import { TerraformVariable } from "cdktf";
import { AppServicePlan } from "../../constructs/app-service-plan";
import {
  Autoscale,
  type AutoscaleProps,
  DEFAULT_SCALE_RULES,
  type PlanMetric,
  type ScaleRuleSpec,
  scaleRuleProblems,
} from "../../constructs/autoscale";
import type { PlanSku } from "../../constructs/plan-tiers";
import {
  RG_LOCATION,
  RG_NAME,
  refOf,
  resourceOf,
  synth,
  synthError,
  testStack,
  validationErrors,
} from "./helpers";

const AUTOSCALE = "azurerm_monitor_autoscale_setting";

interface Options extends Partial<Omit<AutoscaleProps, "plan">> {
  readonly sku?: PlanSku;
}

function autoscale(options: Options = {}) {
  const t = testStack();
  const { sku, ...props } = options;
  const plan = new AppServicePlan(t.stack, "plan", {
    name: "asp-x",
    resourceGroup: t.rg,
    sku: sku ?? "P1v3",
  });
  const construct = new Autoscale(t.stack, "scale", {
    name: "autoscale-x",
    resourceGroup: t.rg,
    plan,
    ...props,
  });
  return { ...t, plan, autoscale: construct };
}

const rule = (overrides: Partial<ScaleRuleSpec> = {}): ScaleRuleSpec => ({
  metric: "MemoryPercentage",
  scaleOutAbove: 80,
  scaleInBelow: 40,
  ...overrides,
});

describe("Autoscale", () => {
  test("default profile: the CPU rule pair on the plan, capacity 1..tier limit", () => {
    const { stack } = autoscale();
    const json = synth(stack);
    const planId = refOf(json, "azurerm_service_plan", "id");
    const trigger = {
      metric_name: "CpuPercentage",
      metric_namespace: "microsoft.web/serverfarms",
      metric_resource_id: planId,
      statistic: "Average",
      time_aggregation: "Average",
      time_grain: "PT1M",
    };
    expect(resourceOf(json, AUTOSCALE)).toEqual({
      name: "autoscale-x",
      resource_group_name: RG_NAME,
      location: RG_LOCATION,
      target_resource_id: planId,
      profile: [
        {
          name: "default",
          capacity: { minimum: 1, default: 1, maximum: 30 },
          rule: [
            {
              metric_trigger: { ...trigger, operator: "GreaterThan", threshold: 70, time_window: "PT5M" },
              scale_action: { direction: "Increase", type: "ChangeCount", value: 2, cooldown: "PT5M" },
            },
            {
              metric_trigger: { ...trigger, operator: "LessThan", threshold: 30, time_window: "PT10M" },
              scale_action: { direction: "Decrease", type: "ChangeCount", value: 1, cooldown: "PT5M" },
            },
          ],
        },
      ],
    });
    expect(DEFAULT_SCALE_RULES).toHaveLength(1);
  });

  test("the plan's worker_count is left to autoscale (ignore_changes)", () => {
    const json = synth(autoscale().stack);
    expect(resourceOf(json, "azurerm_service_plan").lifecycle).toEqual({ ignore_changes: ["worker_count"] });
  });

  test("keeps ignore_changes already set on the plan", () => {
    const t = testStack();
    const plan = new AppServicePlan(t.stack, "plan", { name: "asp-x", resourceGroup: t.rg });
    plan.resource.lifecycle = { ignoreChanges: ["tags"] };
    new Autoscale(t.stack, "scale", { name: "autoscale-x", resourceGroup: t.rg, plan });
    const ignored = resourceOf(synth(t.stack), "azurerm_service_plan").lifecycle.ignore_changes;
    expect([...ignored].sort()).toEqual(["tags", "worker_count"]);
  });

  test("capacity: default follows minimum; maximum defaults to the tier limit (Standard 10)", () => {
    const json = synth(autoscale({ sku: "S1", minimum: 2 }).stack);
    expect(resourceOf(json, AUTOSCALE).profile[0].capacity).toEqual({ minimum: 2, default: 2, maximum: 10 });
  });

  test("capacity overrides, location and tags", () => {
    const json = synth(
      autoscale({ minimum: 2, default: 3, maximum: 8, location: "northeurope", tags: { env: "prod" } }).stack,
    );
    const setting = resourceOf(json, AUTOSCALE);
    expect(setting.profile[0].capacity).toEqual({ minimum: 2, default: 3, maximum: 8 });
    expect(setting.location).toBe("northeurope");
    expect(setting.tags).toEqual({ env: "prod" });
  });

  test("custom rules: every pair becomes an Increase and a Decrease rule with its own values", () => {
    const json = synth(
      autoscale({
        rules: [
          rule(),
          {
            metric: "HttpQueueLength",
            scaleOutAbove: 100,
            scaleInBelow: 10,
            scaleOutBy: 3,
            scaleInBy: 2,
            scaleOutWindow: "PT15M",
            scaleInWindow: "PT1H",
            cooldown: "PT20M",
          },
        ],
      }).stack,
    );
    const rules = resourceOf(json, AUTOSCALE).profile[0].rule;
    const summary = rules.map(
      (r: { metric_trigger: Record<string, unknown>; scale_action: Record<string, unknown> }) => [
        r.metric_trigger.metric_name,
        r.metric_trigger.operator,
        r.metric_trigger.threshold,
        r.metric_trigger.time_window,
        r.scale_action.direction,
        r.scale_action.value,
        r.scale_action.cooldown,
      ],
    );
    expect(summary).toEqual([
      ["MemoryPercentage", "GreaterThan", 80, "PT5M", "Increase", 1, "PT5M"],
      ["MemoryPercentage", "LessThan", 40, "PT10M", "Decrease", 1, "PT5M"],
      ["HttpQueueLength", "GreaterThan", 100, "PT15M", "Increase", 3, "PT20M"],
      ["HttpQueueLength", "LessThan", 10, "PT1H", "Decrease", 2, "PT20M"],
    ]);
  });

  describe("validation", () => {
    test("accepts five rule pairs and a capacity at the tier limit", () => {
      const { stack } = autoscale({ sku: "S1", maximum: 10, rules: Array.from({ length: 5 }, () => rule()) });
      expect(validationErrors(stack)).toEqual([]);
    });

    test.each(["F1", "B1", "B3"] as const)("refuses a plan without autoscale (%s)", (sku) => {
      const error = synthError(autoscale({ sku, maximum: 1 }).stack);
      expect(error).toContain(
        `Autoscale test/scale: plan sku "${sku}" (${sku === "F1" ? "Free" : "Basic"}) has no autoscale`,
      );
      expect(error).toContain("needs Standard (S1) or better");
    });

    test.each([
      [{ minimum: 0 }, "minimum (0) <= default (0) <= maximum (30)"],
      [{ minimum: 3, default: 2 }, "minimum (3) <= default (2) <= maximum (30)"],
      [{ default: 5, maximum: 4 }, "minimum (1) <= default (5) <= maximum (4)"],
      [{ minimum: 1.5, default: 2 }, "minimum (1.5) <= default (2) <= maximum (30)"],
    ])("refuses capacity %j", (capacity, text) => {
      expect(synthError(autoscale(capacity).stack)).toContain(
        `Autoscale test/scale: ${text} must hold, from 1 up`,
      );
    });

    test("refuses a maximum above the tier limit", () => {
      expect(synthError(autoscale({ sku: "S1", maximum: 11 }).stack)).toContain(
        "Autoscale test/scale: maximum = 11 exceeds the Standard tier's limit of 10 instances",
      );
    });

    test("refuses no rules and more than five pairs", () => {
      expect(synthError(autoscale({ rules: [] }).stack)).toContain(
        "Autoscale test/scale: rules must contain at least one rule pair",
      );
      expect(synthError(autoscale({ rules: Array.from({ length: 6 }, () => rule()) }).stack)).toContain(
        "Autoscale test/scale: rules = 6 has more pairs than Azure allows (5 pairs, 10 rules per profile)",
      );
    });

    test("refuses an unknown metric", () => {
      const error = synthError(autoscale({ rules: [rule({ metric: "Requests" as PlanMetric })] }).stack);
      expect(error).toContain(
        'Autoscale test/scale: rules[0].metric = "Requests" must be one of CpuPercentage, MemoryPercentage, HttpQueueLength',
      );
    });

    test.each([
      [40, 40],
      [50, 40],
    ])("refuses scaleInBelow %d >= scaleOutAbove %d", (scaleInBelow, scaleOutAbove) => {
      expect(synthError(autoscale({ rules: [rule({ scaleInBelow, scaleOutAbove })] }).stack)).toContain(
        `rules[0].scaleInBelow = ${scaleInBelow} must be lower than scaleOutAbove (${scaleOutAbove}), or the plan flaps`,
      );
    });

    test.each([
      [
        "CpuPercentage",
        { scaleOutAbove: 120 },
        "rules[0].scaleOutAbove = 120 must be a percentage from 0 to 100",
      ],
      [
        "MemoryPercentage",
        { scaleInBelow: -5 },
        "rules[0].scaleInBelow = -5 must be a percentage from 0 to 100",
      ],
    ] as const)("refuses a %s threshold out of 0-100: %j", (metric, overrides, text) => {
      expect(synthError(autoscale({ rules: [rule({ metric, ...overrides })] }).stack)).toContain(text);
    });

    test("thresholds of count metrics are not percentages", () => {
      const { stack } = autoscale({
        rules: [rule({ metric: "HttpQueueLength", scaleOutAbove: 500, scaleInBelow: 100 })],
      });
      expect(validationErrors(stack)).toEqual([]);
    });

    test.each([
      [{ scaleOutBy: 0 }, "rules[0].scaleOutBy = 0 must be a whole number >= 1"],
      [{ scaleInBy: 1.5 }, "rules[0].scaleInBy = 1.5 must be a whole number >= 1"],
    ])("refuses step %j", (overrides, text) => {
      expect(synthError(autoscale({ rules: [rule(overrides)] }).stack)).toContain(text);
    });

    test.each([
      [
        { scaleOutWindow: "5m" },
        'scaleOutWindow = "5m" must be an ISO 8601 duration in whole minutes (e.g. PT5M), between PT5M and PT12H',
      ],
      [{ scaleOutWindow: "PT4M" }, 'scaleOutWindow = "PT4M" must be between PT5M and PT12H'],
      [{ scaleInWindow: "PT13H" }, 'scaleInWindow = "PT13H" must be between PT5M and PT12H'],
      [{ scaleInWindow: "PT30S" }, 'scaleInWindow = "PT30S" must be an ISO 8601 duration in whole minutes'],
      [{ cooldown: "PT0M" }, 'cooldown = "PT0M" must be between PT1M and P7D'],
      [{ cooldown: "P8D" }, 'cooldown = "P8D" must be between PT1M and P7D'],
      [
        { cooldown: "1 hour" },
        'cooldown = "1 hour" must be an ISO 8601 duration in whole minutes (e.g. PT5M), between PT1M and P7D',
      ],
    ])("refuses duration %j", (overrides, text) => {
      expect(synthError(autoscale({ rules: [rule(overrides)] }).stack)).toContain(
        `Autoscale test/scale: rules[0].${text}`,
      );
    });

    test.each([
      { scaleOutWindow: "PT5M", scaleInWindow: "PT12H", cooldown: "PT1M" },
      { scaleOutWindow: "PT12H", scaleInWindow: "PT5M", cooldown: "P7D" },
      { cooldown: "P1W" },
    ])("accepts durations at the bounds %j", (overrides) => {
      expect(validationErrors(autoscale({ rules: [rule(overrides)] }).stack)).toEqual([]);
    });

    test("reports every problem of a pair as props of the rule", () => {
      const problems = scaleRuleProblems(
        rule({ metric: "CpuPercentage", scaleOutAbove: 150, scaleInBelow: 160, cooldown: "PT0M" }),
      );
      expect(problems).toEqual([
        {
          prop: ["scaleInBelow"],
          value: 160,
          rule: "must be lower than scaleOutAbove (150), or the plan flaps",
        },
        { prop: ["scaleOutAbove"], value: 150, rule: "must be a percentage from 0 to 100" },
        { prop: ["scaleInBelow"], value: 160, rule: "must be a percentage from 0 to 100" },
        { prop: ["cooldown"], value: "PT0M", rule: "must be between PT1M and P7D" },
      ]);
      expect(scaleRuleProblems(DEFAULT_SCALE_RULES[0])).toEqual([]);
    });

    test("counts that are Terraform variables are left to Terraform, not refused at synth", () => {
      const t = testStack();
      const plan = new AppServicePlan(t.stack, "plan", { name: "asp-x", resourceGroup: t.rg });
      const maximum = new TerraformVariable(t.stack, "max", { type: "number" }).numberValue;
      new Autoscale(t.stack, "scale", { name: "autoscale-x", resourceGroup: t.rg, plan, maximum });
      expect(validationErrors(t.stack)).toEqual([]);
      expect(resourceOf(synth(t.stack), AUTOSCALE).profile[0].capacity.maximum).toBe("${var.max}");
    });
  });
});
