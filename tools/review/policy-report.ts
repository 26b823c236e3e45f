import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { POLICY_REPORT_FILE } from "../../policies/policy-report";
import { InputError } from "./input-error";
import { readJson } from "./synth-dir";

const policyReportSchema = z.object({
  findings: z
    .array(
      z.object({
        rule: z.string(),
        severity: z.enum(["error", "warning"]),
        path: z.string(),
        message: z.string(),
      }),
    )
    .default([]),
  suppressions: z
    .array(
      z.object({
        rule: z.string(),
        path: z.string(),
        reason: z.string(),
        /** False when the suppression matched no finding: a stale exception to remove. */
        used: z.boolean().optional(),
      }),
    )
    .default([]),
});

export type PolicyReport = z.infer<typeof policyReportSchema>;

/** The policy checks' report in the synth directory, or undefined when they wrote none. */
export function readPolicyReport(dir: string): PolicyReport | undefined {
  const file = join(dir, POLICY_REPORT_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = policyReportSchema.safeParse(readJson(file));
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => `${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  }
  return parsed.data;
}
