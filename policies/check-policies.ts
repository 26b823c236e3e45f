import { type App, Aspects, TerraformStack } from "cdktf";
import type { PlatformConfig } from "../config/schema";
import { BASELINE_RULES } from "./baseline";
import { PolicyAspect } from "./policy-aspect";
import { PolicyReport } from "./policy-report";

/**
 * Checks every stack of `app` (add them first) against the baseline at synth. The returned report fills during
 * `app.synth()`; then `assertNoErrors()` fails the run on an error-severity finding.
 */
export function checkPolicies(app: App, config: PlatformConfig): PolicyReport {
  const report = new PolicyReport(config.policies.suppressions);
  const production = new Set(
    Object.entries(config.environments)
      .filter(([, env]) => env.production)
      .map(([name]) => `${config.app.name}-${name}`),
  );
  const aspect = new PolicyAspect(BASELINE_RULES, report, (stack) => production.has(stack));
  // cdktf invokes aspects from each stack down, not from the app, so each stack gets it.
  for (const stack of app.node.children) if (stack instanceof TerraformStack) Aspects.of(stack).add(aspect);
  return report;
}

/** Warnings and stale suppressions, as lines for stderr; empty when there are none. */
export function policyNotes(report: PolicyReport): string[] {
  return [
    ...report.warnings.map((f) => `policy warning ${f.rule} at ${f.path}: ${f.message}`),
    ...report.unusedSuppressions.map(
      (s) => `policy suppression of ${s.rule} at ${s.path} matched nothing; remove it`,
    ),
  ];
}
