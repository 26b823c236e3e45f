import { Construct } from "constructs";
import { type PlanSku, type PlanTier, tierOf, ZONE_BALANCING_MIN_INSTANCES } from "./plan-tiers";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem } from "./problems";
import { AzServicePlan } from "./providers";
import type { IResourceGroup } from "./resource-group";

export interface AppServicePlanProps {
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** @default "P1v3" (slots, autoscale and zone balancing available) */
  readonly sku?: PlanSku;
  /** Instances when no autoscale setting manages the plan. @default 1 */
  readonly workerCount?: number;
  /** Spread instances over availability zones; Premium v2/v3 with 2+ instances. @default false */
  readonly zoneBalancingEnabled?: boolean;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** The limits of a plan's props: a known SKU, instances within its tier, zone balancing where the tier has it. */
export function appServicePlanProblems(
  props: Pick<AppServicePlanProps, "sku" | "workerCount" | "zoneBalancingEnabled">,
): PropProblem[] {
  const sku = props.sku ?? "P1v3";
  const tier = tierOf(sku);
  if (tier === undefined)
    return [{ prop: ["sku"], value: sku, rule: "is not a Linux App Service plan SKU this project supports" }];
  const workerCount = props.workerCount ?? 1;
  const problems = wholeNumberProblem(["workerCount"], workerCount, 1, tier.maxInstances).map((p) => ({
    ...p,
    rule: `${p.rule} (the ${tier.name} tier's limit)`,
  }));
  if (props.zoneBalancingEnabled && !tier.zoneBalancing)
    problems.push({
      prop: ["zoneBalancingEnabled"],
      value: true,
      rule: `needs a Premium v2/v3 SKU (sku is "${sku}")`,
    });
  if (props.zoneBalancingEnabled && !isUnresolved(workerCount) && workerCount < ZONE_BALANCING_MIN_INSTANCES)
    problems.push({
      prop: ["workerCount"],
      value: workerCount,
      rule: `must be at least ${ZONE_BALANCING_MIN_INSTANCES} with zoneBalancingEnabled`,
    });
  return problems;
}

/** A Linux App Service plan; its {@link tier} says what the apps on it can use. */
export class AppServicePlan extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzServicePlan;
  readonly sku: PlanSku;
  /** Capabilities of the plan's tier (slots, autoscale, instance limit). */
  readonly tier: PlanTier;

  constructor(scope: Construct, id: string, props: AppServicePlanProps) {
    super(scope, id);
    this.sku = props.sku ?? "P1v3";
    this.tier = tierOf(this.sku);
    const workerCount = props.workerCount ?? 1;
    const zoneBalancing = props.zoneBalancingEnabled ?? false;

    this.node.addValidation({
      validate: () => validationMessages("AppServicePlan", this, appServicePlanProblems(props)),
    });

    this.resource = new AzServicePlan(this, "plan", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      osType: "Linux",
      skuName: this.sku,
      workerCount,
      zoneBalancingEnabled: zoneBalancing,
      tags: props.tags,
    });
  }

  get id(): string {
    return this.resource.id;
  }
}
