import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { withoutPreparePass } from "../../app/prepare-pass";
import { loadConfig } from "../../config/load-config";
import type { PlatformConfig } from "../../config/schema";
import { baselineRules } from "../../policies/baseline";
import { checkPolicies, policyChecker } from "../../policies/check-policies";
import { PolicyReport } from "../../policies/policy-report";
import { addPlatformStacks, type PlatformStacks } from "../../stacks/platform";
import { REPO_ROOT, synthPlatform, type TerraformJson } from "../stacks/platform-fixture";

/** The day the dated rules (runtime end of life) are judged on in tests, never the wall clock. */
export const POLICY_TEST_DAY = new Date("2026-11-30T12:00:00Z");

/**
 * Builds the platform of `config`, lets `breakIt` change it (usually through an escape
 * hatch), synthesizes as main.ts does, with the policy check (dated rules judged on
 * {@link POLICY_TEST_DAY}), and returns the report.
 */
export function policyReportFor(
  breakIt: (stacks: PlatformStacks) => void = () => {},
  // Prod and shared only: what most rules are about, at a fraction of the full synth's cost.
  config: PlatformConfig = loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "prod" }),
): PolicyReport {
  const outdir = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
  try {
    const app = new App({ outdir });
    const stacks = addPlatformStacks(app, config, REPO_ROOT);
    const report = checkPolicies(
      app,
      config,
      baselineRules(() => POLICY_TEST_DAY),
    );
    breakIt(stacks);
    withoutPreparePass(app);
    app.synth();
    return report;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Checks the synth of `config` after `change` edited its JSON (stacks by name; each call gets its
 * own copy), with the engine synth uses. The synth is shared (`synthPlatform`), so a rule test
 * that only needs an attribute changed costs no synth of its own; a test that a rule sees an
 * escape hatch (`addOverride`) needs {@link policyReportFor}.
 */
export function policyReportForJson(
  change: (stacks: Record<string, TerraformJson>) => void = () => {},
  config: PlatformConfig = loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "prod" }),
): PolicyReport {
  const { stacks } = synthPlatform(config);
  change(stacks);
  const report = new PolicyReport(config.policies.suppressions);
  const checker = policyChecker(
    config,
    report,
    baselineRules(() => POLICY_TEST_DAY),
  );
  for (const [name, json] of Object.entries(stacks)) checker.checkStack(name, json);
  return report;
}

/**
 * What `addOverride(attribute, value)` on the construct at `path` ("<stack>/<construct path>")
 * does to the synthesized JSON, on stacks of {@link policyReportForJson}: `attribute` is a dotted
 * path (`site_config.ftps_state`, `profile.0.rule.1.scale_action.direction`), missing objects are
 * made, and `undefined` removes the attribute.
 */
export function overrideAt(
  stacks: Record<string, TerraformJson>,
  path: string,
  attribute: string,
  value: unknown,
): void {
  const stack = stacks[path.split("/")[0]];
  const resource = Object.values(stack?.resource ?? {})
    .flatMap((byId) => Object.values(byId as Record<string, TerraformJson>))
    .find((candidate) => candidate["//"]?.metadata?.path === path);
  if (!resource) throw new Error(`no resource at ${path}`);
  const keys = attribute.split(".");
  const last = keys.pop() as string;
  let target: Record<string, any> = resource;
  for (const key of keys) {
    target[key] ??= {};
    target = target[key];
  }
  if (value === undefined) delete target[last];
  else target[last] = value;
}

/** "<rule> <path>" of every finding, for compact assertions. */
export function findingsOf(report: PolicyReport): string[] {
  return [...report.errors, ...report.warnings].map((f) => `${f.rule} ${f.path}`);
}
