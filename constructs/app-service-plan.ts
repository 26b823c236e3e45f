import { Construct } from "constructs";
import { type PlanSku, type PlanTier, tierOf, ZONE_BALANCING_MIN_INSTANCES } from "./plan-tiers";
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
      validate: () => {
        const problems: string[] = [];
        const where = `AppServicePlan ${this.node.path}`;
        if (this.tier === undefined) {
          problems.push(
            `${where}: sku = "${this.sku}" is not a Linux App Service plan SKU this project supports`,
          );
          return problems;
        }
        if (!Number.isInteger(workerCount) || workerCount < 1 || workerCount > this.tier.maxInstances) {
          problems.push(
            `${where}: workerCount = ${workerCount} must be a whole number from 1 to ${this.tier.maxInstances} (the ${this.tier.name} tier's limit)`,
          );
        }
        if (zoneBalancing && !this.tier.zoneBalancing) {
          problems.push(
            `${where}: zoneBalancingEnabled = true needs a Premium v2/v3 SKU (sku is "${this.sku}")`,
          );
        }
        if (zoneBalancing && workerCount < ZONE_BALANCING_MIN_INSTANCES) {
          problems.push(
            `${where}: zoneBalancingEnabled = true needs workerCount >= ${ZONE_BALANCING_MIN_INSTANCES} (workerCount is ${workerCount})`,
          );
        }
        return problems;
      },
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
