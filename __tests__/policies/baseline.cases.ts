import { loadConfig } from "../../config/load-config";
import { BASELINE_RULES } from "../../policies/baseline";
import { loadFrom } from "../config/config-fixtures";
import { findingsOf, overrideAt, policyReportForJson } from "./policy-fixture";

test("the embedded default is silent", () => {
  const report = policyReportForJson(() => {}, loadConfig({}));
  expect(findingsOf(report)).toEqual([]);
  expect(report.unusedSuppressions).toEqual([]);
});

test("rule ids are unique and every rule has a rationale", () => {
  const ids = BASELINE_RULES.map((rule) => rule.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of BASELINE_RULES) expect(rule.rationale.length).toBeGreaterThan(10);
});

const APP = "contoso-prod/api/app";
const STAGING = "contoso-prod/api/slot-staging";

/** Each rule's breaking edit on the synthesized JSON; `policy-fixture.cases.ts` shows that a rule finds the same through an escape hatch. */
describe("each rule fires on a resource configured to break it", () => {
  test.each<[string, string, [path: string, attribute: string, value: unknown]]>([
    ["APS001", APP, [APP, "https_only", false]],
    ["APS002", STAGING, [STAGING, "site_config.minimum_tls_version", "1.1"]],
    ["APS003", APP, [APP, "site_config.ftps_state", "FtpsOnly"]],
    ["APS004", STAGING, [STAGING, "site_config.remote_debugging_enabled", true]],
    ["APS005", APP, [APP, "site_config.health_check_eviction_time_in_min", 11]],
    ["APS006", STAGING, [STAGING, "identity", undefined]],
    ["APS007", APP, [APP, "app_settings.DOCKER_REGISTRY_SERVER_PASSWORD", "x"]],
    ["APS008", APP, [APP, "site_config.always_on", false]],
    [
      "APS010",
      "contoso-shared/registry/registry",
      ["contoso-shared/registry/registry", "admin_enabled", true],
    ],
    ["APS011", "contoso-prod/vault/vault", ["contoso-prod/vault/vault", "purge_protection_enabled", false]],
    ["APS020", STAGING, [STAGING, "app_settings.DB_PASSWORD", "hunter2"]],
    [
      "APS030",
      "contoso-prod/autoscale/autoscale",
      ["contoso-prod/autoscale/autoscale", "profile.0.rule.1.scale_action.direction", "Increase"],
    ],
    ["APS031", "contoso-prod/plan/plan", ["contoso-prod/plan/plan", "worker_count", 1]],
    ["APS032", STAGING, ["contoso-prod/plan/plan", "sku_name", "B1"]],
    ["APS033", STAGING, [STAGING, "sticky_settings.app_setting_names", ["X"]]],
  ])("%s at %s", (rule, path, edit) => {
    expect(findingsOf(policyReportForJson((stacks) => overrideAt(stacks, ...edit)))).toContain(
      `${rule} ${path}`,
    );
  });
});

describe("findings", () => {
  test("name the rule, the resource and why", () => {
    const [finding] = policyReportForJson((s) => overrideAt(s, APP, "https_only", false)).errors;
    expect(finding).toEqual({
      rule: "APS001",
      severity: "error",
      path: "contoso-prod/api/app",
      message:
        "HTTPS only: https_only is false, must be true (plain HTTP exposes sessions and tokens on the wire)",
    });
  });

  test("production-only rules stay silent outside production", () => {
    const report = policyReportForJson(
      (s) => {
        overrideAt(s, "contoso-dev/vault/vault", "purge_protection_enabled", false);
        overrideAt(s, "contoso-dev/api/app", "site_config.always_on", false);
      },
      loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "dev" }),
    );
    expect(findingsOf(report)).toEqual([]);
  });

  test("a literal in any setting whose name ends in KEY is a secret", () => {
    const report = policyReportForJson((s) => overrideAt(s, APP, "app_settings.SIGNING_KEY", "abc123"));
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringContaining(
        "app setting SIGNING_KEY holds a literal value instead of a Key Vault reference",
      ),
    ]);
  });

  test("Key Vault references and App Insights connection strings are not literal secrets", () => {
    const report = policyReportForJson((s) =>
      overrideAt(
        s,
        APP,
        "app_settings.APPLICATIONINSIGHTS_CONNECTION_STRING",
        "InstrumentationKey=00000000-0000",
      ),
    );
    expect(findingsOf(report)).toEqual([]);
  });

  test("a warning is reported, not an error", () => {
    const report = policyReportForJson((s) => overrideAt(s, APP, "site_config.always_on", false));
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => w.rule)).toEqual(["APS008"]);
  });
});

describe("suppressions", () => {
  const config = (suppressions: unknown[]) => {
    const raw = {
      app: { name: "shop", location: "northeurope" },
      // A private data plane (APS050): a network, and a registry that can have a private endpoint.
      registry: { sku: "Premium" },
      environments: {
        prod: {
          production: true,
          plan: { sku: "S1", workerCount: 2 },
          network: {},
          monitoring: { emails: ["ops@shop.example"] },
        },
      },
      policies: { suppressions },
    };
    return loadFrom(raw, { IMAGE_TAG: "v1" });
  };

  test("set a finding aside, per rule and resource, and report unused ones", () => {
    const report = policyReportForJson(
      (s) => overrideAt(s, "shop-prod/plan/plan", "worker_count", 1),
      config([
        { rule: "APS031", path: "shop-prod/plan/plan", reason: "single instance until launch" },
        { rule: "APS001", path: "shop-prod/api/app", reason: "stale" },
      ]),
    );
    expect(findingsOf(report)).toEqual([]);
    expect(report.unusedSuppressions).toEqual([
      { rule: "APS001", path: "shop-prod/api/app", reason: "stale" },
    ]);
  });

  test("a suppression without a reason is a config error", () => {
    expect(() => config([{ rule: "APS031", path: "shop-prod/plan/plan", reason: " " }])).toThrow(
      /policies.suppressions.0.reason = "": a suppression needs a reason/,
    );
    expect(() => config([{ rule: "APS031", path: "shop-prod/plan/plan" }])).toThrow(
      /policies.suppressions.0.reason/,
    );
  });
});

test("the default prod config is production; dev is not", () => {
  const config = loadConfig({});
  expect([config.environments.dev.production, config.environments.prod.production]).toEqual([false, true]);
});
