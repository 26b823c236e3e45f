import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENT_VARIABLES } from "../config/environment-variables";
import { BASELINE_RULES } from "../policies/baseline";

const ROOT = join(__dirname, "..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const help = readFileSync(join(ROOT, "help"), "utf8");
const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts);

test.each(ENVIRONMENT_VARIABLES.map((variable) => variable.name))(
  "README's variable table documents %s",
  (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\`\\s+\\|`, "m"));
  },
);

test.each(ENVIRONMENT_VARIABLES.map((variable) => variable.name))("help names %s", (name) => {
  expect(help).toContain(name);
});

test.each(scripts)("help lists npm script %s", (script) => {
  expect(help).toMatch(script === "test" ? /npm test/ : new RegExp(`npm run ${script}\\b`));
});

test("the README starts with the two set-up commands", () => {
  expect(readme).toContain("npm ci && npm run synth");
  expect(readme).toContain("npm test ");
});

test.each(BASELINE_RULES.map((rule) => [rule.id, rule.severity]))(
  "README's policy table lists %s as %s",
  (id, severity) => {
    expect(readme).toMatch(new RegExp(`^\\| ${id}\\s+\\| ${severity}\\s+\\|`, "m"));
  },
);
