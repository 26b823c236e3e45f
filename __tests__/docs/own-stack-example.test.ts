import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { MyApiStack } from "../../docs/examples/own-stack";

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
