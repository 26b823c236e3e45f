import { type PlanSku, tierOf } from "../../constructs/plan-tiers";
import {
  block,
  type PolicyRule,
  type ResourceView,
  type StackView,
  type TerraformValue,
} from "../policy-rule";

function planOf(site: ResourceView | undefined, stack: StackView): ResourceView | undefined {
  return site && stack.resolve(site.attributes.service_plan_id);
}

function tier(plan: ResourceView | undefined) {
  const sku = plan?.attributes.sku_name as PlanSku | undefined;
  return sku ? tierOf(sku) : undefined;
}

function rulesOf(autoscale: ResourceView): Array<Record<string, TerraformValue>> {
  const profiles = Array.isArray(autoscale.attributes.profile)
    ? autoscale.attributes.profile
    : [autoscale.attributes.profile];
  return profiles.flatMap((profile: TerraformValue) => profile?.rule ?? []);
}

/** Autoscale, plan tier and the provider rules the design relies on. */
export const SCALE_AND_TIER_RULES: readonly PolicyRule[] = [
  {
    id: "APS030",
    title: "Every scale-out rule has a scale-in partner",
    rationale: "a plan that can only grow keeps paying for its peak",
    severity: "error",
    resourceTypes: ["azurerm_monitor_autoscale_setting"],
    check: (r) => {
      const rules = rulesOf(r);
      const metrics = (direction: string) =>
        new Set(
          rules
            .filter((rule) => block(rule.scale_action).direction === direction)
            .map((rule) => block(rule.metric_trigger).metric_name),
        );
      const scaleIn = metrics("Decrease");
      return [...metrics("Increase")]
        .filter((metric) => !scaleIn.has(metric))
        .map((metric) => `scale-out rule on ${metric} has no scale-in rule`);
    },
  },
  {
    id: "APS031",
    title: "Production plans are Standard or better and run 2+ instances",
    rationale:
      "Free and Basic have no slots, no autoscale and no SLA for one instance; one instance is one failure from an outage",
    severity: "error",
    resourceTypes: ["azurerm_service_plan", "azurerm_monitor_autoscale_setting"],
    check: (r, stack) => {
      if (!stack.production) return [];
      if (r.type === "azurerm_service_plan") {
        const planTier = tier(r);
        return [
          ...(planTier && !planTier.autoscale
            ? [`sku_name "${r.attributes.sku_name}" (${planTier.name}) in a production environment`]
            : []),
          ...(Number(r.attributes.worker_count ?? 1) < 2
            ? [`worker_count is ${r.attributes.worker_count ?? 1}, must be 2 or more`]
            : []),
        ];
      }
      // The instance count autoscale runs at when metrics are normal; scaling in at night is allowed.
      const profiles = Array.isArray(r.attributes.profile) ? r.attributes.profile : [r.attributes.profile];
      return profiles
        .map((profile: TerraformValue) => block(profile?.capacity).default)
        .filter((count: unknown) => Number(count) < 2)
        .map((count: unknown) => `autoscale default capacity is ${count}, must be 2 or more`);
    },
  },
  {
    id: "APS032",
    title: "Slots and autoscale only on tiers that have them",
    rationale: "Free and Basic plans have neither; the deploy fails late in Azure",
    severity: "error",
    resourceTypes: ["azurerm_linux_web_app_slot", "azurerm_monitor_autoscale_setting"],
    check: (r, stack) => {
      if (r.type === "azurerm_linux_web_app_slot") {
        const plan = planOf(stack.resolve(r.attributes.app_service_id), stack);
        const planTier = tier(plan);
        return planTier && planTier.maxSlots === 0
          ? [`deployment slot on plan sku "${plan?.attributes.sku_name}" (${planTier.name})`]
          : [];
      }
      const plan = stack.resolve(r.attributes.target_resource_id);
      const planTier = plan?.type === "azurerm_service_plan" ? tier(plan) : undefined;
      return planTier && !planTier.autoscale
        ? [`autoscale on plan sku "${plan?.attributes.sku_name}" (${planTier.name})`]
        : [];
    },
  },
  {
    id: "APS033",
    title: "Sticky settings only on the parent app",
    rationale:
      "azurerm applies sticky_settings of the parent web app to every slot; slots have none of their own",
    severity: "error",
    resourceTypes: ["azurerm_linux_web_app_slot"],
    check: (r) => (r.attributes.sticky_settings !== undefined ? ["sticky_settings is set on a slot"] : []),
  },
];
