import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "../../config/default-config";
import { BASELINE_RULES } from "../../policies/baseline";
import { runConfigTool } from "../../tools/config/cli";
import { GENERATED_DOCS } from "../../tools/docs/cli";

const ROOT = join(__dirname, "../..");

/** Each page generated once (formatting spawns Biome), for every test that reads it. */
const generated = new Map<string, string>();
const generate = (path: string): string => {
  if (!generated.has(path)) generated.set(path, GENERATED_DOCS[path]());
  return generated.get(path) as string;
};

test.each(Object.keys(GENERATED_DOCS))(
  "%s is what the code generates (run npm run docs when this fails)",
  (path) => {
    expect(readFileSync(join(ROOT, path), "utf8")).toBe(generate(path));
  },
);

test("the configuration page has a row for every field of the embedded default, and for each environment field", () => {
  const page = generate("docs/configuration.md");
  for (const field of [
    "app.name",
    "api.secrets",
    "environments.<name>.plan.sku",
    "environments.<name>.database.network",
    "backend.tfcOrganization",
  ])
    expect(page).toMatch(new RegExp(`^\\| \`${field.replace(/[.<>]/g, "\\$&")}\`\\s+\\|`, "m"));
  const block = /```json\n([\s\S]*?)```/.exec(page)?.[1] ?? "";
  expect(JSON.parse(block)).toEqual(DEFAULT_CONFIG);
});

test("the policy page lists every rule with its severity", () => {
  const page = generate("docs/policies.md");
  for (const rule of BASELINE_RULES)
    expect(page).toMatch(new RegExp(`^\\| ${rule.id}\\s+\\| ${rule.severity}\\s+\\|`, "m"));
});

describe("npm run config", () => {
  test("--print-default prints the embedded default as JSON", () => {
    const result = runConfigTool(["--print-default"], {});
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual(DEFAULT_CONFIG);
  });

  test("--check loads the config as synth does and names every problem", () => {
    expect(runConfigTool(["--check"], {}).code).toBe(0);
    const bad = runConfigTool(["--check"], { AZURE_LOCATION: "mars" });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('AZURE_LOCATION (app.location) = "mars"');
  });

  test("no flag or an unknown one is a usage error", () => {
    expect(runConfigTool([], {}).code).toBe(1);
    expect(runConfigTool(["--nope"], {}).err).toContain('unknown flag "--nope"');
  });
});
