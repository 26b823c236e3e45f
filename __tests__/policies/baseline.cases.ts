import { loadConfig } from "../../config/load-config";
import { BASELINE_RULES } from "../../policies/baseline";
import type { PlatformStacks } from "../../stacks/platform";
import { loadFrom } from "../config/config-fixtures";
import { findingsOf, policyReportFor } from "./policy-fixture";

const prod = (stacks: PlatformStacks) => stacks.environments[0];
const app = (stacks: PlatformStacks) => prod(stacks).api.resource;
const staging = (stacks: PlatformStacks) => prod(stacks).api.slots.get("staging")!;

test("the embedded default is silent", () => {
  const report = policyReportFor(() => {}, loadConfig({}));
  expect(findingsOf(report)).toEqual([]);
  expect(report.unusedSuppressions).toEqual([]);
});

test("rule ids are unique and every rule has a rationale", () => {
  const ids = BASELINE_RULES.map((rule) => rule.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of BASELINE_RULES) expect(rule.rationale.length).toBeGreaterThan(10);
});

describe("each rule fires on a resource configured to break it", () => {
  test.each<[string, string, (stacks: PlatformStacks) => void]>([
    ["APS001", "contoso-prod/api/app", (s) => app(s).addOverride("https_only", false)],
    [
      "APS002",
      "contoso-prod/api/slot-staging",
      (s) => staging(s).addOverride("site_config.minimum_tls_version", "1.1"),
    ],
    ["APS003", "contoso-prod/api/app", (s) => app(s).addOverride("site_config.ftps_state", "FtpsOnly")],
    [
      "APS004",
      "contoso-prod/api/slot-staging",
      (s) => staging(s).addOverride("site_config.remote_debugging_enabled", true),
    ],
    [
      "APS005",
      "contoso-prod/api/app",
      (s) => app(s).addOverride("site_config.health_check_eviction_time_in_min", 11),
    ],
    ["APS006", "contoso-prod/api/slot-staging", (s) => staging(s).addOverride("identity", undefined)],
    [
      "APS007",
      "contoso-prod/api/app",
      (s) => app(s).addOverride("app_settings.DOCKER_REGISTRY_SERVER_PASSWORD", "x"),
    ],
    ["APS008", "contoso-prod/api/app", (s) => app(s).addOverride("site_config.always_on", false)],
    [
      "APS010",
      "contoso-shared/registry/registry",
      (s) => s.shared.registry.resource.addOverride("admin_enabled", true),
    ],
    [
      "APS011",
      "contoso-prod/vault/vault",
      (s) => prod(s).vault.resource.addOverride("purge_protection_enabled", false),
    ],
    [
      "APS020",
      "contoso-prod/api/slot-staging",
      (s) => staging(s).addOverride("app_settings.DB_PASSWORD", "hunter2"),
    ],
    [
      "APS030",
      "contoso-prod/autoscale/autoscale",
      (s) => {
        const autoscale = prod(s).node.findChild("autoscale").node.findChild("autoscale") as any;
        autoscale.addOverride("profile.0.rule.1.scale_action.direction", "Increase");
      },
    ],
    ["APS031", "contoso-prod/plan/plan", (s) => prod(s).plan.resource.addOverride("worker_count", 1)],
    ["APS032", "contoso-prod/api/slot-staging", (s) => prod(s).plan.resource.addOverride("sku_name", "B1")],
    [
      "APS033",
      "contoso-prod/api/slot-staging",
      (s) => staging(s).addOverride("sticky_settings.app_setting_names", ["X"]),
    ],
  ])("%s at %s", (rule, path, breakIt) => {
    expect(findingsOf(policyReportFor(breakIt))).toContain(`${rule} ${path}`);
  });
});

describe("findings", () => {
  test("name the rule, the resource and why", () => {
    const [finding] = policyReportFor((s) => app(s).addOverride("https_only", false)).errors;
    expect(finding).toEqual({
      rule: "APS001",
      severity: "error",
      path: "contoso-prod/api/app",
      message:
        "HTTPS only: https_only is false, must be true (plain HTTP exposes sessions and tokens on the wire)",
    });
  });

  test("production-only rules stay silent outside production", () => {
    const report = policyReportFor(
      (s) => {
        s.environments[0].vault.resource.addOverride("purge_protection_enabled", false);
        s.environments[0].api.resource.addOverride("site_config.always_on", false);
      },
      loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "dev" }),
    );
    expect(findingsOf(report)).toEqual([]);
  });

  test("a literal in any setting whose name ends in KEY is a secret", () => {
    const report = policyReportFor((s) => app(s).addOverride("app_settings.SIGNING_KEY", "abc123"));
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringContaining(
        "app setting SIGNING_KEY holds a literal value instead of a Key Vault reference",
      ),
    ]);
  });

  test("Key Vault references and App Insights connection strings are not literal secrets", () => {
    const report = policyReportFor((s) => {
      app(s).addOverride(
        "app_settings.APPLICATIONINSIGHTS_CONNECTION_STRING",
        "InstrumentationKey=00000000-0000",
      );
    });
    expect(findingsOf(report)).toEqual([]);
  });

  test("a warning is reported, not an error", () => {
    const report = policyReportFor((s) => app(s).addOverride("site_config.always_on", false));
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
    const report = policyReportFor(
      (s) => s.environments[0].plan.resource.addOverride("worker_count", 1),
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
