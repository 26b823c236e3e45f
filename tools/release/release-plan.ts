import { joinUrl } from "./http-get";
import { type ReleaseContext, versionNotChecked } from "./release";

/** What a run would do, with every target resolved; printed by --dry-run, which calls nothing. */
export function describePlan(
  ctx: Pick<ReleaseContext, "targets" | "settings" | "expectedVersion">,
  mode: { rollback: boolean; subscription?: string; settingsSource: string },
): string {
  const { targets, settings, expectedVersion } = ctx;
  const { attempts, deadlineSeconds } = settings.healthWait;
  const { samples, p95ThresholdMs, healthMaxMs, latencyFactor } = settings.latency;
  const { concurrency, requests, durationSeconds } = settings.load;
  const errors = `errors ≤ ${settings.maxErrorRatePercent} %`;
  const swap = `swap ${targets.appName}/${targets.slot} <-> production in ${targets.resourceGroup} (subscription ${mode.subscription ?? "not set"})`;
  const waitProduction = `wait for health: ${joinUrl(targets.productionUrl, settings.healthPath)}, any version`;
  const steps = mode.rollback
    ? [swap, waitProduction]
    : [
        `baseline latency probe on production ${targets.productionUrl}: ${samples} requests per path, ${errors}; if production cannot be measured, stop`,
        ...verification("staging", targets.stagingUrl),
        `load probe on staging: ${concurrency} clients, ${requests === undefined ? `${durationSeconds} s` : `${requests} requests`}, p95 < ${settings.load.p95ThresholdMs} ms, ${errors}`,
        ...settings.gates.map(
          (g) =>
            `gate ${g.name}: ${[g.command, ...g.args].join(" ")} (TARGET_URL=${targets.stagingUrl}, timeout ${g.timeoutSeconds} s)`,
        ),
        swap,
        ...verification("production", targets.productionUrl),
        `on failure: ${swap}, then ${waitProduction}`,
      ];
  return [
    `Dry run: ${mode.rollback ? "rollback" : "release"} plan, nothing is called`,
    `targets from ${targets.source}, settings from ${mode.settingsSource}`,
    mode.rollback
      ? "version: any (the previous build)"
      : expectedVersion === undefined
        ? versionNotChecked
        : `version: ${expectedVersion}`,
    ...steps.map((step, i) => `  ${i + 1}. ${step}`),
  ].join("\n");

  function verification(slot: string, url: string): string[] {
    const paths = settings.criticalPaths.map((p) => `${p.path} -> ${p.expectedStatus}`);
    return [
      `wait for health: ${joinUrl(url, settings.healthPath)} (${slot}; up to ${attempts} attempts within ${deadlineSeconds} s)`,
      `smoke tests on ${slot}: ${[`${settings.healthPath} -> healthy`, ...paths].join(", ")}`,
      `latency probe on ${slot}: ${samples} requests per path, p95 < ${p95ThresholdMs} ms and ≤ ${latencyFactor} x baseline, health p95 < ${healthMaxMs} ms, ${errors}`,
    ];
  }
}
