import { PLAN_SKU_NAMES, PLAN_SKUS, tierOf, ZONE_BALANCING_MIN_INSTANCES } from "../../constructs/plan-tiers";

describe("plan tiers", () => {
  test.each([
    ["F1", "Free", 0, false, 1, false, false],
    ["B1", "Basic", 0, false, 3, false, true],
    ["B2", "Basic", 0, false, 3, false, true],
    ["B3", "Basic", 0, false, 3, false, true],
    ["S1", "Standard", 5, true, 10, false, true],
    ["S2", "Standard", 5, true, 10, false, true],
    ["S3", "Standard", 5, true, 10, false, true],
    ["P1v2", "PremiumV2", 20, true, 30, true, true],
    ["P2v2", "PremiumV2", 20, true, 30, true, true],
    ["P3v2", "PremiumV2", 20, true, 30, true, true],
    ["P0v3", "PremiumV3", 20, true, 30, true, true],
    ["P1v3", "PremiumV3", 20, true, 30, true, true],
    ["P2v3", "PremiumV3", 20, true, 30, true, true],
    ["P3v3", "PremiumV3", 20, true, 30, true, true],
    ["P1mv3", "PremiumV3", 20, true, 30, true, true],
    ["P5mv3", "PremiumV3", 20, true, 30, true, true],
  ] as const)(
    "%s is %s: %d slots, autoscale %s, %d instances, zones %s, always on %s",
    (sku, name, maxSlots, autoscale, maxInstances, zoneBalancing, alwaysOn) => {
      expect(tierOf(sku)).toEqual({ name, maxSlots, autoscale, maxInstances, zoneBalancing, alwaysOn });
    },
  );

  test("slots and autoscale need Standard or better: exactly the Free and Basic SKUs lack them", () => {
    const without = PLAN_SKU_NAMES.filter(
      (sku) => !PLAN_SKUS[sku].autoscale || PLAN_SKUS[sku].maxSlots === 0,
    );
    expect(without.sort()).toEqual(["B1", "B2", "B3", "F1"]);
  });

  test("only Premium v2/v3 SKUs can balance zones", () => {
    for (const sku of PLAN_SKU_NAMES) {
      expect([sku, tierOf(sku).zoneBalancing]).toEqual([sku, /^P\d/.test(sku)]);
    }
  });

  test("the SKU list is the table's keys, Linux SKUs only (no Isolated, Elastic or Windows-only SKUs)", () => {
    expect(PLAN_SKU_NAMES).toEqual(Object.keys(PLAN_SKUS));
    expect(PLAN_SKU_NAMES).toHaveLength(19);
    expect(PLAN_SKU_NAMES.some((sku) => /^(I|EP|Y|D1|WS)/.test(sku))).toBe(false);
  });

  test("zone-balanced plans need 2 instances", () => {
    expect(ZONE_BALANCING_MIN_INSTANCES).toBe(2);
  });
});
