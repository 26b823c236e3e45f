import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENT_VARIABLES } from "../../config/environment-variables";

const ROOT = join(__dirname, "../..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const help = readFileSync(join(ROOT, "help"), "utf8");
const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts);

test.each(ENVIRONMENT_VARIABLES.map((variable) => variable.name))("help names %s", (name) => {
  expect(help).toContain(name);
});

test.each(scripts)("help lists npm script %s", (script) => {
  expect(help).toMatch(script === "test" ? /npm test/ : new RegExp(`npm run ${script}\\b`));
});

test("help is executable and prints itself, without its first lines of shell", () => {
  accessSync(join(ROOT, "help"), constants.X_OK);
  const result = spawnSync(join(ROOT, "help"), { encoding: "utf8" });
  expect(result.status).toBe(0);
  expect(help.endsWith(result.stdout)).toBe(true);
  expect(result.stdout).toContain("npm run synth");
  expect(result.stdout).not.toContain("#!");
});

test("the README starts with the two set-up commands and stays short (details live in docs/)", () => {
  expect(readme).toContain("npm ci && npm run synth");
  expect(readme).toContain("npm test ");
  expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12 * 1024);
  expect(readme.split("\n").filter((line) => line.length > 200)).toEqual([]);
});

test("every page the README links to exists", () => {
  const links = [...readme.matchAll(/\]\(((?:docs|tools|app)\/[^)#]+)\)/g)].map((m) => m[1]);
  expect(links.length).toBeGreaterThan(5);
  expect(links.filter((link) => !existsSync(join(ROOT, link)))).toEqual([]);
});
