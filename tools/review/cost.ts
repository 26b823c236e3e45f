/** Which way a change moves the bill; "unknown" when the review cannot tell (it knows no prices). */
export type CostDirection = "up" | "down" | "unknown";

/** Attributes (dotted, without list indexes) that decide what a resource costs, and how. */
const COST_ATTRIBUTES: Readonly<Record<string, "sku" | "more" | "enabled" | "set" | "rules">> = {
  sku_name: "sku",
  sku: "sku",
  "sku.name": "sku",
  "sku.tier": "sku",
  worker_count: "more",
  capacity: "more",
  "sku.capacity": "more",
  storage_mb: "more",
  maximum_elastic_worker_count: "more",
  "profile.capacity.minimum": "more",
  "profile.capacity.default": "more",
  "profile.capacity.maximum": "more",
  retention_in_days: "more",
  backup_retention_days: "more",
  daily_quota_gb: "more",
  zone_balancing_enabled: "enabled",
  zone_redundancy_enabled: "enabled",
  geo_redundant_backup_enabled: "enabled",
  "high_availability.mode": "set",
  "profile.rule": "rules",
};

/** The cost rule of an attribute path (dotted, without list indexes), if it is one that moves the bill. */
export function costAttribute(path: string): string | undefined {
  return Object.keys(COST_ATTRIBUTES).find(
    (attribute) => path === attribute || path.startsWith(`${attribute}.`),
  );
}

/** The direction of one change of a cost attribute; raw values, `undefined` when absent. */
export function costDirection(attribute: string, before: unknown, after: unknown): CostDirection {
  switch (COST_ATTRIBUTES[attribute]) {
    case "sku":
      return skuDirection(before, after);
    case "more":
      return typeof before === "number" && typeof after === "number"
        ? after > before
          ? "up"
          : "down"
        : before === undefined && typeof after === "number"
          ? "up"
          : "unknown";
    case "enabled":
      return after === true && before !== true
        ? "up"
        : before === true && after !== true
          ? "down"
          : "unknown";
    case "set":
      return before === undefined ? "up" : after === undefined ? "down" : "unknown";
    default:
      return "unknown";
  }
}

/** Several changes of one resource: one direction when they agree. */
export function combined(directions: readonly CostDirection[]): CostDirection {
  const set = new Set(directions);
  return set.size === 1 ? (directions[0] ?? "unknown") : "unknown";
}

/** App Service plan tiers, cheapest first (Free, Shared, Basic, Standard, Premium, Isolated). */
const PLAN_TIERS = ["F", "D", "B", "S", "P", "I"];
/** PostgreSQL flexible server tiers, cheapest first (Burstable, General Purpose, Memory Optimized). */
const DATABASE_TIERS = ["B", "GP", "MO"];
/** Named tiers (registries, Service Bus, Key Vault and the like), cheapest first. */
const NAMED_TIERS = ["free", "shared", "basic", "standard", "premium", "isolated"];

/** A SKU as [scheme, tier index, size, generation] for the SKU names the review can order. */
function parseSku(value: unknown): [string, number, number, string] | undefined {
  if (typeof value !== "string") return undefined;
  const plan = /^([FDBSPI])(\d+)(m?v\d)?$/i.exec(value);
  if (plan)
    return ["plan", PLAN_TIERS.indexOf((plan[1] ?? "").toUpperCase()), Number(plan[2]), plan[3] ?? ""];
  const database = /^(B|GP|MO)_Standard_[A-Z]+(\d+)/.exec(value);
  if (database) return ["database", DATABASE_TIERS.indexOf(database[1] ?? ""), Number(database[2]), ""];
  const named = NAMED_TIERS.indexOf(value.toLowerCase());
  return named >= 0 ? ["named", named, 0, ""] : undefined;
}

/**
 * Up or down when both SKUs are of a kind the review can order: a higher tier costs more; within
 * a tier, a bigger size (vCores, instance size) costs more. Across generations (P1v2 -> P1v3) or
 * unknown names: unknown.
 */
export function skuDirection(before: unknown, after: unknown): CostDirection {
  if (before === undefined && after !== undefined) return "up";
  if (after === undefined) return "unknown";
  const [a, b] = [parseSku(before), parseSku(after)];
  if (!a || !b || a[0] !== b[0]) return "unknown";
  if (a[1] !== b[1]) return b[1] > a[1] ? "up" : "down";
  if (a[3] !== b[3]) return "unknown";
  return b[2] > a[2] ? "up" : b[2] < a[2] ? "down" : "unknown";
}
