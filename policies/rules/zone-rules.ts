import { type PlanSku, tierOf, ZONE_BALANCING_MIN_INSTANCES } from "../../constructs/plan-tiers";
import type { PolicyRule } from "../policy-rule";

/** Availability zones for production plans that can use them. */
export const ZONE_RULES: readonly PolicyRule[] = [
  {
    id: "APS054",
    title: "Production plans with 2+ instances are zone balanced",
    rationale:
      "instances in one zone fail together; spread over zones, one zone's outage leaves the others serving (suppress in a region without zones)",
    severity: "warning",
    resourceTypes: ["azurerm_service_plan"],
    check: (r, stack) => {
      if (!stack.production) return [];
      const tier = tierOf(r.attributes.sku_name as PlanSku);
      const workers = Number(r.attributes.worker_count ?? 1);
      return tier?.zoneBalancing &&
        workers >= ZONE_BALANCING_MIN_INSTANCES &&
        r.attributes.zone_balancing_enabled !== true
        ? [
            `zone_balancing_enabled is not true with worker_count ${workers} on sku_name "${r.attributes.sku_name}" (${tier.name}, which has zones)`,
          ]
        : [];
    },
  },
];
