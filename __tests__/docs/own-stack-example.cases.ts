import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../config/load-config";
import { MyApiStack } from "../../docs/examples/own-stack";
import { findingsOf, policyReportFor } from "../policies/policy-fixture";

const ROOT = join(__dirname, "../..");

test("the README shows the example exactly as it is compiled and tested", () => {
  const example = readFileSync(join(ROOT, "docs/examples/own-stack.ts"), "utf8");
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  expect(readme).toContain(example.trim());
});

test("the example synthesizes without a validation problem: an app, a slot, three identities, one secret grant each", () => {
  const app = Testing.app();
  const stack = new MyApiStack(app, "my-api");
  const json = JSON.parse(Testing.synth(stack, true));
  expect(Object.keys(json.resource.azurerm_linux_web_app)).toHaveLength(1);
  expect(Object.keys(json.resource.azurerm_linux_web_app_slot)).toHaveLength(1);
  expect(Object.keys(json.resource.azurerm_user_assigned_identity)).toHaveLength(3);
  const roles = Object.values(json.resource.azurerm_role_assignment).map(
    (ra: any) => ra.role_definition_name,
  );
  expect(roles.sort()).toEqual([
    "AcrPull",
    "Key Vault Secrets Officer",
    "Key Vault Secrets User",
    "Key Vault Secrets User",
  ]);
});

describe("the README's first app", () => {
  const file = join(ROOT, "docs/examples/first-app.json");

  test("is shown exactly as it is checked", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain(readFileSync(file, "utf8").trim());
  });

  test("is a complete, valid config whose synth has no policy finding", () => {
    const config = loadConfig({ APP_CONFIG_FILE: file, IMAGE_TAG: "v1", IMAGE_BUILD: "false" });
    expect(Object.keys(config.environments)).toEqual(["dev", "prod"]);
    expect(findingsOf(policyReportFor(() => {}, config))).toEqual([]);
  });
});
