import { TerraformVariable } from "cdktf";
import {
  emailProblem,
  httpsUrlProblem,
  metricAlertTimingProblems,
  QUERY_RULE_WINDOWS,
  QUERY_RULE_WINDOWS_AT_PT1M,
  queryRuleTimingProblems,
  severityProblem,
} from "../../../constructs/monitor-limits";
import { observabilityStack } from "./fixture";

describe("monitor limits", () => {
  test("severity is 0-4, whole numbers only", () => {
    expect([0, 1, 2, 3, 4].map(severityProblem)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    for (const bad of [-1, 5, 2.5]) expect(severityProblem(bad)).toBeDefined();
  });

  test("query rule windows: PT1M only at PT1M frequency, P1D and P2D only above it", () => {
    expect(QUERY_RULE_WINDOWS_AT_PT1M).toContain("PT1M");
    expect(QUERY_RULE_WINDOWS_AT_PT1M).not.toContain("P1D");
    expect(QUERY_RULE_WINDOWS).not.toContain("PT1M");
    expect(QUERY_RULE_WINDOWS).toContain("P2D");
    const names = { frequency: "f", windowDuration: "w" };
    expect(queryRuleTimingProblems("PT1M", "PT1M", names)).toEqual([]);
    expect(queryRuleTimingProblems("PT5M", "PT5M", names)).toEqual([]);
    expect(queryRuleTimingProblems("P1D", "P1D", names)).toEqual([]);
    expect(queryRuleTimingProblems("PT6H", "PT5H", names)).toEqual([
      { prop: ["f"], value: "PT6H", rule: 'must not be longer than w = "PT5H" (the query\'s look-back)' },
    ]);
  });

  test("metric alert window may equal the frequency, not undercut it", () => {
    const names = { frequency: "f", windowSize: "w" };
    expect(metricAlertTimingProblems("PT5M", "PT5M", names)).toEqual([]);
    expect(metricAlertTimingProblems("PT1H", "PT30M", names)).toEqual([
      { prop: ["w"], value: "PT30M", rule: 'must not be shorter than f = "PT1H"' },
    ]);
  });

  test("e-mail and https shapes; Terraform references are left to Azure", () => {
    const { stack } = observabilityStack();
    const token = new TerraformVariable(stack, "hook", { type: "string" }).stringValue;
    expect(emailProblem("ops@contoso.example")).toBeUndefined();
    expect(emailProblem("ops")).toBeDefined();
    expect(emailProblem(token)).toBeUndefined();
    expect(httpsUrlProblem("https://hooks.contoso.example/a?b=c")).toBeUndefined();
    expect(httpsUrlProblem("http://hooks.contoso.example")).toBeDefined();
    expect(httpsUrlProblem(token)).toBeUndefined();
  });
});
