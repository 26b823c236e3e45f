import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { failureMessage } from "../../app/report-failure";
import { synthesizeAtomically } from "../../app/synthesize";
import { ConfigError } from "../../config/config-error";
import { DEFAULT_CONFIG } from "../../config/default-config";
import { ENVIRONMENT_VARIABLES } from "../../config/environment-variables";
import { loadConfig } from "../../config/load-config";
import { configSchema } from "../../config/schema";
import { checkPolicies } from "../../policies/check-policies";
import { PolicyError } from "../../policies/policy-report";
import { addPlatformStacks } from "../../stacks/platform";
import { REPO_ROOT } from "../stacks/platform-fixture";

/** Values close to the valid ones, where bugs live, plus anything at all. */
const variableValue = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "prod",
    "dev,prod",
    "dev,,prod",
    "westeurope",
    "westeuropa",
    "true",
    "false",
    "0",
    "v1.2.3",
    ".v1",
    "-x",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 120, maxLength: 140 }),
);

const variables = fc.dictionary(
  fc.constantFrom(...ENVIRONMENT_VARIABLES.map((v) => v.name).filter((name) => name !== "APP_CONFIG_FILE")),
  variableValue,
  { maxKeys: 5 },
);

/** Config edits: a path into the default config and a value to put there. */
const PATHS = [
  ["app", "name"],
  ["app", "nameSuffix"],
  ["registry", "sku"],
  ["registry", "georeplicationLocations"],
  ["image", "repository"],
  ["api", "port"],
  ["api", "healthCheckPath"],
  ["api", "stickySettings"],
  ["api", "secrets"],
  ["api", "settings"],
  ["environments", "prod", "plan", "sku"],
  ["environments", "prod", "plan", "workerCount"],
  ["environments", "prod", "slots"],
  ["environments", "prod", "autoscale"],
  ["environments", "prod", "slotSettings"],
  ["environments", "dev", "plan"],
  ["environments", "dev", "slots"],
  ["environments", "qa"],
  ["policies", "suppressions"],
  ["app", "tags"],
  ["image", "context"],
  ["web", "sourceDir"],
  ["environments", "prod", "settings"],
  ["environments", "prod", "vault"],
  ["environments", "prod", "monitoring"],
  ["environments", "prod", "database"],
  ["environments", "prod", "network"],
  ["environments", "prod", "messaging"],
  ["environments", "dev", "database"],
  ["environments", "dev", "messaging"],
];

/** Values near the limits the constructs own: names, counts, lengths, template text. */
const nearLimits = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    [
      { setting: "A", name: "x" },
      { setting: "B", name: "x" },
    ],
    [{ setting: "A", name: "database-url-production" }],
    { queues: ["orders", "Orders"] },
    { queues: [`q${"x".repeat(255)}`] },
    { sku: "Premium", capacity: 3 },
    { sku: "Premium" },
    { authorization: "accessPolicy" },
    { network: "private" },
    { sku: "B_Standard_B1ms", highAvailability: true },
    { addressSpace: "10.0.0.0/30" },
    { "team-${path.module}": "%{ if x }y%{ endif }" },
    { GREETING: 'hi ${file("/etc/hostname")}' },
    "../outside",
    "/tmp",
    ["staging", "staging"],
    ["a".repeat(58)],
    { emails: ["nobody"], errorRatePercent: 0, severity: 7 },
  ),
);
const edits = fc.array(fc.record({ path: fc.constantFrom(...PATHS), value: nearLimits }), {
  maxLength: 3,
});

function applyEdits(edit: Array<{ path: string[]; value: unknown }>): unknown {
  const config = structuredClone(DEFAULT_CONFIG) as Record<string, any>;
  for (const { path, value } of edit) {
    let node = config;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
      node = node[key];
    }
    node[path[path.length - 1]] = value;
  }
  return config;
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("any environment variables: a config or a ConfigError listing problems, never another exception", () => {
  fc.assert(
    fc.property(variables, (env) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems.length).toBeGreaterThan(0);
      }
    }),
    { numRuns: 100 },
  );
});

test("any config edits: a config or a ConfigError, never another exception", () => {
  const file = join(work, "config.json");
  fc.assert(
    fc.property(edits, variables, (edit, env) => {
      writeFileSync(file, JSON.stringify(applyEdits(edit)));
      try {
        loadConfig({ ...env, APP_CONFIG_FILE: file });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
      }
    }),
    { numRuns: 100 },
  );
});

test("any input synthesizes, or fails with config problems that name config fields (never a construct path or a stack) and leaves cdktf.out as it was", () => {
  const file = join(work, "synth-config.json");
  const outdir = join(work, "cdktf.out");
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, "manifest.json"), "previous");
  fc.assert(
    fc.property(edits, variables, (edit, env) => {
      writeFileSync(file, JSON.stringify(applyEdits(edit)));
      const before = readdirSync(outdir).sort();
      const manifest = readFileSync(join(outdir, "manifest.json"), "utf8");
      try {
        const config = loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ...env, APP_CONFIG_FILE: file });
        synthesizeAtomically(
          outdir,
          (app) => {
            addPlatformStacks(app, config, REPO_ROOT);
            return checkPolicies(app, config);
          },
          (_, report) => report.assertNoErrors(),
        );
        expect(JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")).stacks).toBeDefined();
        writeFileSync(join(outdir, "manifest.json"), "previous");
      } catch (error) {
        // Everything the constructs would refuse is caught by the config layer, at its field. A policy
        // finding is the other documented outcome: it names the resource's construct path on purpose,
        // because that is what a suppression in the config matches.
        if (error instanceof PolicyError) {
          expect(error.findings.length).toBeGreaterThan(0);
          expect(readFileSync(join(outdir, "manifest.json"), "utf8")).toBe(manifest);
          return;
        }
        if (!(error instanceof ConfigError))
          throw new Error(`not a config problem: ${failureMessage(error) ?? error}`);
        for (const problem of error.problems)
          expect(problem.field).toMatch(
            new RegExp(`^(${Object.keys(configSchema.shape).join("|")}|[A-Z][A-Z_]+)\\b|^\\(config\\)$`),
          );
        expect(error.message).not.toMatch(/\n\s+at /);
        expect(readdirSync(outdir).sort()).toEqual(before);
        expect(readFileSync(join(outdir, "manifest.json"), "utf8")).toBe(manifest);
      }
      expect(readdirSync(work).filter((name) => name.includes(".tmp-") || name.includes(".old-"))).toEqual(
        [],
      );
      expect(existsSync(outdir)).toBe(true);
    }),
    { numRuns: 25 },
  );
});
