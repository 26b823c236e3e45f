import { networkLayoutProblems } from "../constructs/app-network";
import { MAX_RULE_PAIRS, scaleRuleProblems } from "../constructs/autoscale";
import { DEFAULT_STICKY_SETTINGS, RESERVED_SETTINGS, SETTING_NAME } from "../constructs/container-web-app";
import { PREMIUM_CAPACITIES } from "../constructs/message-queue";
import { NamingError, nameProblem } from "../constructs/naming";
import { tierOf, ZONE_BALANCING_MIN_INSTANCES } from "../constructs/plan-tiers";
import { postgresTierOf } from "../constructs/postgres-database";
import { environmentNames, namingContext, sharedNames } from "./resource-names";
import type { PlatformConfig } from "./schema";

export interface PathProblem {
  readonly path: readonly PropertyKey[];
  readonly value?: unknown;
  readonly rule: string;
}

/**
 * The rules that span fields (tier capabilities, instance counts, sticky settings, derived
 * names). Runs only on input whose shape is already valid, and reports every problem.
 */
export function crossFieldProblems(config: PlatformConfig): PathProblem[] {
  return [
    ...appProblems(config),
    ...registryProblems(config),
    ...apiProblems(config),
    ...Object.keys(config.environments).flatMap((name) => environmentProblems(config, name)),
  ];
}

function appProblems(config: PlatformConfig): PathProblem[] {
  const problems: PathProblem[] = [];
  try {
    sharedNames(namingContext(config.app));
  } catch (error) {
    if (!(error instanceof NamingError)) throw error;
    problems.push({ path: ["app", "name"], value: config.app.name, rule: error.message });
  }
  if (Object.keys(config.environments).length === 0) {
    problems.push({ path: ["environments"], rule: "must define at least one environment" });
  }
  if (config.image.build === false && config.image.tag === undefined) {
    problems.push({
      path: ["image", "tag"],
      rule: "is required when image.build is false (a prebuilt image to deploy)",
    });
  }
  return problems;
}

function registryProblems(config: PlatformConfig): PathProblem[] {
  const { registry, app } = config;
  const problems: PathProblem[] = [];
  if (registry.sku !== "Premium") {
    const premiumOnly = (field: string, value: unknown) =>
      problems.push({
        path: ["registry", field],
        value,
        rule: `needs registry.sku "Premium" (sku is "${registry.sku}")`,
      });
    if (registry.zoneRedundancy) premiumOnly("zoneRedundancy", true);
    if (registry.georeplicationLocations.length > 0)
      premiumOnly("georeplicationLocations", registry.georeplicationLocations);
    if (registry.untaggedRetentionDays !== undefined)
      premiumOnly("untaggedRetentionDays", registry.untaggedRetentionDays);
  }
  registry.georeplicationLocations.forEach((location, i) => {
    if (location === app.location) {
      problems.push({
        path: ["registry", "georeplicationLocations", i],
        value: location,
        rule: "must differ from app.location (the registry's home region)",
      });
    }
  });
  return problems;
}

function apiProblems(config: PlatformConfig): PathProblem[] {
  const { api } = config;
  const problems: PathProblem[] = [];
  problems.push(...settingNameProblems(["api", "settings"], api.settings));
  const secretSettings = new Set<string>();
  api.secrets.forEach((secret, i) => {
    const path = ["api", "secrets", i, "setting"];
    problems.push(...settingNameProblems(path.slice(0, -1), { [secret.setting]: "" }, path));
    if (secret.setting in api.settings) {
      problems.push({
        path,
        value: secret.setting,
        rule: "is also a plain setting in api.settings; a setting is either plain or a secret",
      });
    }
    if (secretSettings.has(secret.setting))
      problems.push({ path, value: secret.setting, rule: "is listed twice in api.secrets" });
    secretSettings.add(secret.setting);
    if ((DEFAULT_STICKY_SETTINGS as readonly string[]).includes(secret.setting)) {
      problems.push({
        path,
        value: secret.setting,
        rule: "is managed per slot by the platform; choose another setting name",
      });
    }
  });
  api.stickySettings.forEach((name, i) => {
    if (!SETTING_NAME.test(name)) {
      problems.push({
        path: ["api", "stickySettings", i],
        value: name,
        rule: "setting names are letters, digits and '_', not starting with a digit",
      });
    }
  });
  return problems;
}

function settingNameProblems(
  path: (string | number)[],
  settings: Record<string, string>,
  at?: (string | number)[],
): PathProblem[] {
  return Object.keys(settings).flatMap((name): PathProblem[] => {
    const where = at ?? [...path, name];
    if (!SETTING_NAME.test(name)) {
      return [
        {
          path: where,
          value: name,
          rule: "setting names are letters, digits and '_', not starting with a digit",
        },
      ];
    }
    if (name in RESERVED_SETTINGS)
      return [{ path: where, value: name, rule: "is set by the platform; it cannot be configured" }];
    if (name.startsWith("DOCKER_REGISTRY_SERVER_")) {
      return [
        {
          path: where,
          value: name,
          rule: "registry credentials never go into app settings; the app's identity pulls images",
        },
      ];
    }
    return [];
  });
}

function environmentProblems(config: PlatformConfig, name: string): PathProblem[] {
  const env = config.environments[name];
  const at = (...rest: (string | number)[]) => ["environments", name, ...rest];
  const tier = tierOf(env.plan.sku);
  const sku = `plan.sku "${env.plan.sku}" (${tier.name})`;
  const problems: PathProblem[] = [];

  try {
    const names = environmentNames(namingContext(config.app), name);
    for (const slot of env.slots) {
      const hostLabel = `${names.apiApp}-${slot}`;
      if (hostLabel.length > 60) {
        problems.push({
          path: at("slots"),
          value: slot,
          rule: `makes the slot host name "${hostLabel}" longer than 60 characters`,
        });
      }
    }
  } catch (error) {
    if (!(error instanceof NamingError)) throw error;
    problems.push({
      path: ["app", "name"],
      value: config.app.name,
      rule: `with environment "${name}": ${error.message}`,
    });
  }

  if (env.plan.workerCount > tier.maxInstances) {
    problems.push({
      path: at("plan", "workerCount"),
      value: env.plan.workerCount,
      rule: `exceeds the ${tier.name} tier's limit of ${tier.maxInstances} instances`,
    });
  }
  if (env.plan.zoneBalancing && !tier.zoneBalancing) {
    problems.push({
      path: at("plan", "zoneBalancing"),
      value: true,
      rule: `needs a Premium v2/v3 plan; ${sku} has none`,
    });
  }
  if (env.plan.zoneBalancing && env.plan.workerCount < ZONE_BALANCING_MIN_INSTANCES) {
    problems.push({
      path: at("plan", "workerCount"),
      value: env.plan.workerCount,
      rule: `must be at least ${ZONE_BALANCING_MIN_INSTANCES} with zoneBalancing`,
    });
  }

  if (env.slots.length > tier.maxSlots) {
    problems.push({
      path: at("slots"),
      value: env.slots,
      rule: `${sku} allows ${tier.maxSlots} deployment slots; slots need Standard (S1) or better`,
    });
  }
  env.slots.forEach((slot, i) => {
    const rule =
      slot === "production"
        ? '"production" is the app itself, not a slot'
        : env.slots.indexOf(slot) !== i
          ? "is listed twice"
          : nameProblem("webAppSlot", slot);
    if (rule) problems.push({ path: at("slots", i), value: slot, rule });
  });

  if (env.autoscale) {
    const { minimum } = env.autoscale;
    const defaultCount = env.autoscale.default ?? minimum;
    const maximum = env.autoscale.maximum ?? tier.maxInstances;
    if (!tier.autoscale) {
      problems.push({
        path: at("autoscale"),
        rule: `${sku} has no autoscale; it needs Standard (S1) or better`,
      });
    }
    if (!(minimum <= defaultCount && defaultCount <= maximum)) {
      problems.push({
        path: at("autoscale"),
        value: { minimum, default: defaultCount, maximum },
        rule: "minimum <= default <= maximum must hold",
      });
    }
    if (maximum > tier.maxInstances) {
      problems.push({
        path: at("autoscale", "maximum"),
        value: maximum,
        rule: `exceeds the ${tier.name} tier's limit of ${tier.maxInstances} instances`,
      });
    }
    const rules = env.autoscale.rules ?? [];
    if (env.autoscale.rules && rules.length === 0)
      problems.push({
        path: at("autoscale", "rules"),
        rule: "must contain at least one rule pair (or be left out for the default)",
      });
    if (rules.length > MAX_RULE_PAIRS) {
      problems.push({
        path: at("autoscale", "rules"),
        value: rules.length,
        rule: `Azure allows ${MAX_RULE_PAIRS} rule pairs (10 rules per profile)`,
      });
    }
    rules.forEach((rule, i) => {
      const prefix = `environments.${name}.autoscale.rules[${i}]`;
      for (const message of scaleRuleProblems(rule, prefix)) {
        problems.push({
          path: at("autoscale", "rules", i),
          rule: message.slice(prefix.length).replace(/^[.:]\s?/, ""),
        });
      }
    });
  }

  if (env.monitoring.alerts && env.monitoring.emails.length + env.monitoring.webhooks.length === 0) {
    problems.push({
      path: at("monitoring"),
      rule: "alerts are on but nobody is told: add monitoring.emails or monitoring.webhooks (or set monitoring.alerts to false)",
    });
  }

  if (env.database?.highAvailability && postgresTierOf(env.database.sku) === "Burstable") {
    problems.push({
      path: at("database", "highAvailability"),
      value: true,
      rule: `needs a General Purpose or Memory Optimized SKU (sku is "${env.database.sku}")`,
    });
  }
  if (env.database?.network === "private" && !env.network) {
    problems.push({
      path: at("database", "network"),
      value: "private",
      rule: `needs environments.${name}.network (the virtual network the database lives in)`,
    });
  }
  if (env.network) {
    for (const { field, rule } of networkLayoutProblems(env.network)) {
      problems.push({ path: at("network", field), value: env.network[field], rule });
    }
  }
  if (env.messaging) {
    const { sku, capacity } = env.messaging;
    if (sku === "Premium" && !(PREMIUM_CAPACITIES as readonly number[]).includes(capacity ?? -1)) {
      problems.push({
        path: at("messaging", "capacity"),
        value: capacity,
        rule: `must be one of ${PREMIUM_CAPACITIES.join(", ")} on Premium`,
      });
    }
    if (sku !== "Premium" && capacity !== undefined) {
      problems.push({
        path: at("messaging", "capacity"),
        value: capacity,
        rule: `needs messaging.sku "Premium" (sku is "${sku}")`,
      });
    }
    const seen = new Set<string>();
    env.messaging.queues.forEach((queue, i) => {
      if (seen.has(queue.toLowerCase()))
        problems.push({
          path: at("messaging", "queues", i),
          value: queue,
          rule: "is listed twice (queue names are case-insensitive)",
        });
      seen.add(queue.toLowerCase());
    });
  }

  problems.push(...settingNameProblems(at("settings"), env.settings));
  const slotNames = ["production", ...env.slots];
  for (const [slot, values] of Object.entries(env.slotSettings)) {
    if (!slotNames.includes(slot)) {
      problems.push({
        path: at("slotSettings", slot),
        rule: `is not a slot of this environment (${slotNames.join(", ")})`,
      });
    }
    problems.push(...settingNameProblems(at("slotSettings", slot), values));
    for (const setting of Object.keys(values)) {
      if ((DEFAULT_STICKY_SETTINGS as readonly string[]).includes(setting)) {
        problems.push({
          path: at("slotSettings", slot, setting),
          rule: "is set per slot by the platform; it cannot be configured",
        });
      }
      if (setting in env.settings || setting in config.api.settings) {
        problems.push({
          path: at("slotSettings", slot, setting),
          rule: "is also a shared setting; a setting is either shared or per slot",
        });
      }
    }
  }
  config.api.stickySettings.forEach((setting, i) => {
    const shared = setting in config.api.settings || setting in env.settings;
    const unsetOn = slotNames.filter((slot) => !shared && !(setting in (env.slotSettings[slot] ?? {})));
    if (unsetOn.length > 0) {
      problems.push({
        path: ["api", "stickySettings", i],
        value: setting,
        rule: `is sticky but environment "${name}" does not set it on ${unsetOn.join(", ")} (set it in environments.${name}.slotSettings)`,
      });
    }
  });
  return problems;
}
