import { containerRegistryProblems } from "../constructs/container-registry";
import { logAnalyticsWorkspaceProblems } from "../constructs/log-analytics-workspace";
import { NamingError } from "../constructs/naming";
import { fromProps, type PathProblem } from "./field-problems";
import { namingContext, sharedNames } from "./resource-names";
import type { PlatformConfig } from "./schema";

/** The app, the shared registry and workspace, and the image. */
export function appProblems(config: PlatformConfig): PathProblem[] {
  const problems: PathProblem[] = [];
  try {
    // The shared names are made here first: a name too long for its resource is reported at app.name.
    sharedNames(namingContext(config.app));
  } catch (error) {
    if (!(error instanceof NamingError)) throw error;
    problems.push({ path: ["app", "name"], value: config.app.name, rule: error.message });
  }
  if (Object.keys(config.environments).length === 0)
    problems.push({ path: ["environments"], rule: "must define at least one environment" });
  if (config.image.build === false && config.image.tag === undefined)
    problems.push({
      path: ["image", "tag"],
      rule: "is required when image.build is false (a prebuilt image to deploy)",
    });
  const { registry } = config;
  problems.push(
    ...fromProps(
      ["registry"],
      containerRegistryProblems({
        ...registry,
        zoneRedundancyEnabled: registry.zoneRedundancy,
        location: config.app.location,
      }),
      { zoneRedundancyEnabled: ["zoneRedundancy"] },
    ),
    ...fromProps(
      ["logAnalytics"],
      logAnalyticsWorkspaceProblems({
        retentionInDays: config.logAnalytics.retentionDays,
        dailyQuotaGb: config.logAnalytics.dailyQuotaGb,
      }),
      { retentionInDays: ["retentionDays"] },
    ),
  );
  return problems;
}
