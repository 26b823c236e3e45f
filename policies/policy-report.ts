import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PolicyRule, Severity } from "./policy-rule";

export interface PolicyFinding {
  readonly rule: string;
  readonly severity: Severity;
  /** Construct path of the resource, e.g. `contoso-prod/api/app`. */
  readonly path: string;
  readonly message: string;
}

/** An accepted exception: one rule, one resource, and why. */
export interface PolicySuppression {
  readonly rule: string;
  readonly path: string;
  readonly reason: string;
}

/** File the review tool reads next to the synthesized stacks. */
export const POLICY_REPORT_FILE = "policy-report.json";

/** Synth failed a policy rule of severity "error". Printed as a list, never with a stack trace. */
export class PolicyError extends Error {
  constructor(readonly findings: readonly PolicyFinding[]) {
    super(
      [
        `Policy check failed (${findings.length} error${findings.length === 1 ? "" : "s"}); fix the config or add a suppression with a reason:`,
        ...findings.map((f) => `  - ${f.rule} at ${f.path}: ${f.message}`),
      ].join("\n"),
    );
    this.name = "PolicyError";
  }
}

/** Collects what the rules find, sets suppressed findings aside, and reports the rest. */
export class PolicyReport {
  private readonly findings: PolicyFinding[] = [];
  private readonly used = new Set<PolicySuppression>();

  constructor(private readonly suppressions: readonly PolicySuppression[] = []) {}

  add(rule: PolicyRule, path: string, message: string): void {
    const suppression = this.suppressions.find((s) => s.rule === rule.id && s.path === path);
    if (suppression) {
      this.used.add(suppression);
      return;
    }
    this.findings.push({
      rule: rule.id,
      severity: rule.severity,
      path,
      message: `${rule.title}: ${message} (${rule.rationale})`,
    });
  }

  get errors(): PolicyFinding[] {
    return this.findings.filter((f) => f.severity === "error");
  }

  get warnings(): PolicyFinding[] {
    return this.findings.filter((f) => f.severity === "warning");
  }

  /** Suppressions that matched no finding: stale exceptions a reviewer should remove. */
  get unusedSuppressions(): PolicySuppression[] {
    return this.suppressions.filter((s) => !this.used.has(s));
  }

  /** @throws PolicyError when a rule of severity "error" found something. */
  assertNoErrors(): void {
    if (this.errors.length > 0) throw new PolicyError(this.errors);
  }

  /** Writes the findings and every suppression (with whether it was used) for the review report. */
  writeTo(outdir: string): void {
    const report = {
      findings: this.findings,
      suppressions: this.suppressions.map((s) => ({ ...s, used: this.used.has(s) })),
    };
    writeFileSync(join(outdir, POLICY_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  }
}
