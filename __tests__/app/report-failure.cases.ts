import { TerraformStack, Testing } from "cdktf";
import { failureMessage } from "../../app/report-failure";
import { ConfigError } from "../../config/config-error";
import { PolicyError } from "../../policies/policy-report";

test("bad input is reported as its list of problems", () => {
  const config = new ConfigError([{ field: "APP_NAME", value: "X", rule: "must be lowercase" }]);
  expect(failureMessage(config)).toBe(
    'Invalid configuration (1 problem):\n  - APP_NAME = "X": must be lowercase',
  );
  const policy = new PolicyError([
    { rule: "APS001", severity: "error", path: "a/b", message: "HTTPS only: off" },
  ]);
  expect(failureMessage(policy)).toContain("  - APS001 at a/b: HTTPS only: off");
});

test("construct validations become a list without cdktf's hint about skipping them", () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  stack.node.addValidation({ validate: () => ["Widget s/w: size = 0 must be positive"] });
  let error: unknown;
  try {
    app.synth();
  } catch (caught) {
    error = caught;
  }
  const message = failureMessage(error);
  expect(message).toMatch(/^Invalid construct properties:\n/);
  expect(message).toContain("Widget s/w: size = 0 must be positive");
  expect(message).not.toContain("skipValidation");
});

test("anything else is a defect and keeps its stack trace", () => {
  expect(failureMessage(new TypeError("undefined is not a function"))).toBeUndefined();
  expect(failureMessage("a string")).toBeUndefined();
});
