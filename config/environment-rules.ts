import { appInsightsProblems } from "../constructs/app-insights";
import { networkLayoutProblems } from "../constructs/app-network";
import { appServicePlanProblems } from "../constructs/app-service-plan";
import { autoscaleProblems } from "../constructs/autoscale";
import {
  DEFAULT_STICKY_SETTINGS,
  settingNameProblems,
  slotNameProblems,
  stickySettingProblems,
} from "../constructs/container-web-app";
import { messageQueueProblems } from "../constructs/message-queue";
import { emailProblem, httpsUrlProblem } from "../constructs/monitor-limits";
import { NamingError } from "../constructs/naming";
import { tierOf } from "../constructs/plan-tiers";
import { postgresDatabaseProblems } from "../constructs/postgres-database";
import { rollbackAlertsProblems } from "../constructs/rollback-alerts";
import { secretVaultProblems } from "../constructs/secret-vault";
import { type ConfigPath, fromProps, type PathProblem } from "./field-problems";
import { type EnvironmentNames, environmentNames, namingContext } from "./resource-names";
import type { EnvironmentConfig, PlatformConfig } from "./schema";

/** Everything wrong with environment `name`, each problem at its config field. */
export function environmentProblems(config: PlatformConfig, name: string): PathProblem[] {
  const env = config.environments[name];
  const at = (...rest: (string | number)[]): ConfigPath => ["environments", name, ...rest];
  let names: EnvironmentNames;
  try {
    names = environmentNames(namingContext(config.app), name);
  } catch (error) {
    if (!(error instanceof NamingError)) throw error;
    return [
      { path: ["app", "name"], value: config.app.name, rule: `with environment "${name}": ${error.message}` },
    ];
  }
  return [
    ...planAndSlotProblems(env, names, at),
    ...fromProps(at("vault"), secretVaultProblems(env.vault)),
    ...monitoringProblems(env, names, name, at),
    ...dataProblems(env, names, at),
    ...settingsProblems(config, name, at),
  ];
}

function planAndSlotProblems(
  env: EnvironmentConfig,
  names: EnvironmentNames,
  at: (...rest: (string | number)[]) => ConfigPath,
): PathProblem[] {
  const { sku } = env.plan;
  const tier = tierOf(sku);
  return [
    ...fromProps(
      at("plan"),
      appServicePlanProblems({ ...env.plan, zoneBalancingEnabled: env.plan.zoneBalancing }),
      {
        zoneBalancingEnabled: ["zoneBalancing"],
      },
    ),
    ...fromProps(at("slots"), slotNameProblems(env.slots, tier, sku, names.apiApp)),
    ...(env.autoscale ? fromProps(at("autoscale"), autoscaleProblems({ ...env.autoscale, tier, sku })) : []),
  ];
}

function monitoringProblems(
  env: EnvironmentConfig,
  names: EnvironmentNames,
  environment: string,
  at: (...rest: (string | number)[]) => ConfigPath,
): PathProblem[] {
  const { monitoring } = env;
  const problems: PathProblem[] = [
    ...fromProps(
      at("monitoring"),
      appInsightsProblems({
        name: names.apiInsights("production"),
        retentionInDays: monitoring.appInsightsRetentionDays,
      }),
      {
        retentionInDays: ["appInsightsRetentionDays"],
      },
    ),
    ...fromProps(
      at("monitoring"),
      rollbackAlertsProblems({
        namePrefix: names.apiAlerts("production"),
        environment,
        errorRateThresholdPercent: monitoring.errorRatePercent,
        baselineP95Ms: monitoring.baselineP95Ms,
        latencyFactor: monitoring.latencyFactor,
        severity: monitoring.severity,
      }),
      { errorRateThresholdPercent: ["errorRatePercent"] },
    ),
  ];
  monitoring.emails.forEach((email, i) => {
    const rule = emailProblem(email);
    if (rule) problems.push({ path: at("monitoring", "emails", i), value: email, rule });
  });
  monitoring.webhooks.forEach((url, i) => {
    const rule = httpsUrlProblem(url);
    if (rule) problems.push({ path: at("monitoring", "webhooks", i), value: url, rule });
  });
  if (monitoring.alerts && monitoring.emails.length + monitoring.webhooks.length === 0)
    problems.push({
      path: at("monitoring"),
      rule: "alerts are on but nobody is told: add monitoring.emails or monitoring.webhooks (or set monitoring.alerts to false)",
    });
  return problems;
}

function dataProblems(
  env: EnvironmentConfig,
  names: EnvironmentNames,
  at: (...rest: (string | number)[]) => ConfigPath,
): PathProblem[] {
  const slots = ["production", ...env.slots];
  const problems: PathProblem[] = [];
  if (env.database) {
    const { database } = env;
    const limits = postgresDatabaseProblems({
      ...database,
      name: names.database,
      skuName: database.sku,
      slots,
      vault: { authorization: env.vault.authorization },
    });
    // The vault and the slots are fields of the environment, not of its database.
    const ofEnvironment = (p: { prop: readonly (string | number)[] }) =>
      p.prop[0] === "vault" || p.prop[0] === "slots";
    problems.push(
      ...fromProps(
        at("database"),
        limits.filter((p) => !ofEnvironment(p)),
        { skuName: ["sku"] },
      ),
      ...fromProps(at(), limits.filter(ofEnvironment)),
    );
    if (database.network === "private" && !env.network)
      problems.push({
        path: at("database", "network"),
        value: "private",
        rule: `needs ${at("network").join(".")} (the virtual network the database lives in)`,
      });
  }
  if (env.network) problems.push(...fromProps(at("network"), networkLayoutProblems(env.network)));
  if (env.messaging) {
    const { queues } = env.messaging;
    // Each slot gets its own copy, so a name must leave room for the longest slot suffix.
    const copies = slots.flatMap((slot) =>
      queues.map((queue, i) => ({ i, name: slot === "production" ? queue : `${queue}-${slot}` })),
    );
    const limits = messageQueueProblems({ ...env.messaging, name: names.messaging, queues: copies }).map(
      (p) => (p.prop[0] === "queues" ? { ...p, prop: ["queues", copies[Number(p.prop[1])].i] } : p),
    );
    // A bad name is bad in every slot's copy: report it once, at the configured queue.
    const once = limits.filter(
      (p, i) =>
        limits.findIndex((other) => other.rule === p.rule && String(other.prop) === String(p.prop)) === i,
    );
    problems.push(...fromProps(at("messaging"), once));
  }
  return problems;
}

/** Environment settings, per-slot values and the sticky names every slot must set. */
function settingsProblems(
  config: PlatformConfig,
  name: string,
  at: (...rest: (string | number)[]) => ConfigPath,
): PathProblem[] {
  const env = config.environments[name];
  const slots = ["production", ...env.slots];
  const problems: PathProblem[] = [...fromProps(at("settings"), settingNameProblems(env.settings))];
  for (const [slot, values] of Object.entries(env.slotSettings)) {
    if (!slots.includes(slot))
      problems.push({
        path: at("slotSettings", slot),
        rule: `is not a slot of this environment (${slots.join(", ")})`,
      });
    problems.push(...fromProps(at("slotSettings", slot), settingNameProblems(values)));
    for (const setting of Object.keys(values)) {
      if ((DEFAULT_STICKY_SETTINGS as readonly string[]).includes(setting))
        problems.push({
          path: at("slotSettings", slot, setting),
          rule: "is set per slot by the platform; it cannot be configured",
        });
    }
  }
  const shared = { ...config.api.settings, ...env.settings };
  const perSlot = Object.fromEntries(slots.map((slot) => [slot, env.slotSettings[slot] ?? {}]));
  for (const problem of stickySettingProblems(shared, perSlot, config.api.stickySettings)) {
    if (problem.prop[0] === "stickySettings") {
      problems.push({
        path: ["api", "stickySettings", problem.prop[1]],
        value: problem.value,
        rule: `${problem.rule} in environment "${name}" (set it in environments.${name}.slotSettings)`,
      });
    } else {
      problems.push({ path: at("slotSettings", ...problem.prop), rule: problem.rule });
    }
  }
  return problems;
}
