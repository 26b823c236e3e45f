/**
 * What each App Service plan tier can do. One table, read by the config validation, the
 * AppServicePlan construct and the policies, so the three never disagree.
 *
 * Source: Azure App Service limits (deployment slots, autoscale, maximum instances) and
 * zone redundancy docs. Isolated (ASE) and Elastic/Functions SKUs are out of scope here.
 */
export interface PlanTier {
  readonly name: "Free" | "Basic" | "Standard" | "PremiumV2" | "PremiumV3";
  /** Deployment slots beyond production; 0 means none. */
  readonly maxSlots: number;
  readonly autoscale: boolean;
  readonly maxInstances: number;
  readonly zoneBalancing: boolean;
  /** "Always on" keeps the worker loaded; the Free tier does not have it. */
  readonly alwaysOn: boolean;
}

const FREE: PlanTier = {
  name: "Free",
  maxSlots: 0,
  autoscale: false,
  maxInstances: 1,
  zoneBalancing: false,
  alwaysOn: false,
};
const BASIC: PlanTier = {
  name: "Basic",
  maxSlots: 0,
  autoscale: false,
  maxInstances: 3,
  zoneBalancing: false,
  alwaysOn: true,
};
const STANDARD: PlanTier = {
  name: "Standard",
  maxSlots: 5,
  autoscale: true,
  maxInstances: 10,
  zoneBalancing: false,
  alwaysOn: true,
};
const PREMIUM_V2: PlanTier = {
  name: "PremiumV2",
  maxSlots: 20,
  autoscale: true,
  maxInstances: 30,
  zoneBalancing: true,
  alwaysOn: true,
};
const PREMIUM_V3: PlanTier = {
  name: "PremiumV3",
  maxSlots: 20,
  autoscale: true,
  maxInstances: 30,
  zoneBalancing: true,
  alwaysOn: true,
};

/** Linux plan SKUs this project deploys to, with their tier. */
export const PLAN_SKUS = {
  F1: FREE,
  B1: BASIC,
  B2: BASIC,
  B3: BASIC,
  S1: STANDARD,
  S2: STANDARD,
  S3: STANDARD,
  P1v2: PREMIUM_V2,
  P2v2: PREMIUM_V2,
  P3v2: PREMIUM_V2,
  P0v3: PREMIUM_V3,
  P1v3: PREMIUM_V3,
  P2v3: PREMIUM_V3,
  P3v3: PREMIUM_V3,
  P1mv3: PREMIUM_V3,
  P2mv3: PREMIUM_V3,
  P3mv3: PREMIUM_V3,
  P4mv3: PREMIUM_V3,
  P5mv3: PREMIUM_V3,
} as const satisfies Record<string, PlanTier>;

export type PlanSku = keyof typeof PLAN_SKUS;

export const PLAN_SKU_NAMES = Object.keys(PLAN_SKUS) as PlanSku[];

/** Zone-balanced plans need at least this many instances (one per zone pair, Azure's minimum). */
export const ZONE_BALANCING_MIN_INSTANCES = 2;

export function tierOf(sku: PlanSku): PlanTier {
  return PLAN_SKUS[sku];
}
