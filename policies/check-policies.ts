import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type App, type ISynthesisSession, TerraformStack } from "cdktf";
import type { PlatformConfig } from "../config/schema";
import { environmentStackName } from "../config/stack-names";
import { BASELINE_RULES } from "./baseline";
import { PolicyAspect, type StackJson } from "./policy-aspect";
import { PolicyReport } from "./policy-report";
import type { PolicyRule } from "./policy-rule";

/**
 * Checks every stack of `app` (add them first) against the baseline (or `rules`, e.g. the
 * baseline judged on a fixed day in a test) at synth. The returned report fills during
 * `app.synth()`; then `assertNoErrors()` fails the run on an error-severity finding.
 *
 * The rules read the JSON each stack's synthesizer has just written, after every aspect and
 * override, instead of converting the stack a second time (that doubled synth's
 * `toTerraform` work).
 */
export function checkPolicies(
  app: App,
  config: PlatformConfig,
  rules: readonly PolicyRule[] = BASELINE_RULES,
): PolicyReport {
  const report = new PolicyReport(config.policies.suppressions);
  const checker = policyChecker(config, report, rules);
  for (const stack of app.node.children) {
    if (!(stack instanceof TerraformStack)) continue;
    const synthesizer = stack.synthesizer;
    stack.synthesizer = {
      synthesize: (session) => {
        synthesizer.synthesize(session);
        checker.checkStack(stack.node.id, synthesizedJson(stack, session));
      },
    };
  }
  return report;
}

/** Checks stacks' JSON against `rules` into `report`, production stacks (of `config`) held to the stricter rules. */
export function policyChecker(
  config: PlatformConfig,
  report: PolicyReport,
  rules: readonly PolicyRule[] = BASELINE_RULES,
): PolicyAspect {
  const production = new Set(
    Object.entries(config.environments)
      .filter(([, env]) => env.production)
      .map(([name]) => environmentStackName(config.app.name, name)),
  );
  return new PolicyAspect(rules, report, (stack) => production.has(stack));
}

/** What the stack's synthesizer wrote; with HCL output (SYNTH_HCL_OUTPUT=true) there is no JSON file to read. */
function synthesizedJson(stack: TerraformStack, session: ISynthesisSession): StackJson {
  const { manifest, outdir } = session;
  if (manifest.hclOutput) return stack.toTerraform();
  return JSON.parse(readFileSync(join(outdir, manifest.forStack(stack).synthesizedStackPath), "utf8"));
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
