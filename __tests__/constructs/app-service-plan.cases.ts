import { Testing } from "cdktf";
import { AppServicePlan, type AppServicePlanProps } from "../../constructs/app-service-plan";
import type { PlanSku } from "../../constructs/plan-tiers";
import {
  RG_LOCATION,
  RG_NAME,
  refOf,
  resolved,
  resourceOf,
  synth,
  synthError,
  testStack,
  validationErrors,
} from "./helpers";

const PLAN = "azurerm_service_plan";

function plan(props: Partial<AppServicePlanProps> = {}) {
  const t = testStack();
  const construct = new AppServicePlan(t.stack, "plan", {
    name: "asp-contoso",
    resourceGroup: t.rg,
    ...props,
  });
  return { ...t, plan: construct };
}

describe("AppServicePlan", () => {
  test("defaults: P1v3 Linux, one worker, no zone balancing, resource group's name and location", () => {
    const { stack, plan: p } = plan();
    const json = synth(stack);
    expect(resourceOf(json, PLAN)).toEqual({
      name: "asp-contoso",
      resource_group_name: RG_NAME,
      location: RG_LOCATION,
      os_type: "Linux",
      sku_name: "P1v3",
      worker_count: 1,
      zone_balancing_enabled: false,
    });
    expect(p.sku).toBe("P1v3");
    expect(p.tier.name).toBe("PremiumV3");
    expect(resolved(stack, p.id)).toBe(refOf(json, PLAN, "id"));
  });

  test("overrides: location, sku, workerCount, zone balancing, tags", () => {
    const { stack, plan: p } = plan({
      location: "northeurope",
      sku: "P2v2",
      workerCount: 3,
      zoneBalancingEnabled: true,
      tags: { env: "prod" },
    });
    const resource = resourceOf(synth(stack), PLAN);
    expect(resource.location).toBe("northeurope");
    expect(resource.sku_name).toBe("P2v2");
    expect(resource.worker_count).toBe(3);
    expect(resource.zone_balancing_enabled).toBe(true);
    expect(resource.tags).toEqual({ env: "prod" });
    expect(p.tier.name).toBe("PremiumV2");
  });

  test("no ignore_changes on worker_count without autoscale", () => {
    expect(resourceOf(synth(plan().stack), PLAN).lifecycle).toBeUndefined();
  });

  test.each([
    ["F1", "Free", 0, false, 1],
    ["B1", "Basic", 0, false, 3],
    ["S1", "Standard", 5, true, 10],
    ["P1v2", "PremiumV2", 20, true, 30],
    ["P0v3", "PremiumV3", 20, true, 30],
  ] as const)(
    "tier of %s: %s, %d slots, autoscale %s, up to %d instances",
    (sku, name, maxSlots, autoscale, maxInstances) => {
      const { stack, plan: p } = plan({ sku, workerCount: maxInstances });
      expect(p.tier).toMatchObject({ name, maxSlots, autoscale, maxInstances });
      expect(resourceOf(synth(stack), PLAN)).toMatchObject({ sku_name: sku, worker_count: maxInstances });
    },
  );

  test.each([
    ["F1", 2, "Free", 1],
    ["B1", 4, "Basic", 3],
    ["S2", 11, "Standard", 10],
    ["P1v3", 31, "PremiumV3", 30],
  ] as const)("refuses workerCount above the %s tier limit (%d)", (sku, workerCount, tierName, limit) => {
    const error = synthError(plan({ sku, workerCount }).stack);
    expect(error).toContain(
      `AppServicePlan test/plan: workerCount = ${workerCount} must be a whole number from 1 to ${limit} (the ${tierName} tier's limit)`,
    );
  });

  test.each([0, -1, 1.5])("refuses workerCount = %d", (workerCount) => {
    expect(synthError(plan({ workerCount }).stack)).toContain(
      `workerCount = ${workerCount} must be a whole number`,
    );
  });

  test.each(["B2", "S1", "S3"] as const)("refuses zone balancing on %s", (sku) => {
    const errors = validationErrors(plan({ sku, workerCount: 2, zoneBalancingEnabled: true }).stack);
    expect(errors).toEqual([
      `AppServicePlan test/plan: zoneBalancingEnabled = true needs a Premium v2/v3 SKU (sku is "${sku}")`,
    ]);
  });

  test("refuses zone balancing with fewer than 2 workers", () => {
    const error = synthError(plan({ sku: "P1v3", zoneBalancingEnabled: true }).stack);
    expect(error).toContain(
      "AppServicePlan test/plan: workerCount = 1 must be at least 2 with zoneBalancingEnabled",
    );
  });

  test("zone balancing on Premium with 2 workers is accepted", () => {
    const { stack } = plan({ sku: "P1v3", workerCount: 2, zoneBalancingEnabled: true });
    expect(validationErrors(stack)).toEqual([]);
    expect(resourceOf(synth(stack), PLAN).zone_balancing_enabled).toBe(true);
  });

  test("validations run on app.synth() and Testing.synth(stack, true), not on a plain Testing.synth(stack)", () => {
    const { app, stack } = plan({ workerCount: 0 });
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(() => Testing.synth(stack, true)).toThrow(/workerCount = 0/);
    expect(() => app.synth()).toThrow(/AppServicePlan test\/plan: workerCount = 0/);
  });

  test("refuses a SKU outside the table (e.g. from untyped config)", () => {
    const error = synthError(plan({ sku: "I1v2" as PlanSku }).stack);
    expect(error).toContain('AppServicePlan test/plan: sku = "I1v2" is not a Linux App Service plan SKU');
  });
});
