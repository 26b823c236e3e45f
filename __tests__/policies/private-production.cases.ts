import { loadConfig } from "../../config/load-config";
import { PolicyAspect } from "../../policies/policy-aspect";
import { PolicyReport } from "../../policies/policy-report";
import { runtimeRules } from "../../policies/rules/runtime-rules";
import { synthPlatform, type TerraformJson } from "../stacks/platform-fixture";
import { loadJson, PRIVATE_PRODUCTION } from "../stacks/private-production-fixture";
import { findingsOf, overrideAt, policyReportForJson } from "./policy-fixture";

const APP = "contoso-prod/api/app";
const STAGING = "contoso-prod/api/slot-staging";
const PLAN = "contoso-prod/plan/plan";

test("a production with a database, Service Bus and a network, deployed from an allow-list, is silent", () => {
  const report = policyReportForJson(() => {}, loadJson(PRIVATE_PRODUCTION));
  expect(findingsOf(report)).toEqual([]);
});

describe("APS050: a production data plane is private", () => {
  test.each<[string, string, (stacks: Record<string, TerraformJson>) => void]>([
    [
      "a vault open to every address",
      "contoso-prod/vault/vault",
      (s) => {
        overrideAt(s, "contoso-prod/vault/vault", "public_network_access_enabled", true);
        overrideAt(s, "contoso-prod/vault/vault", "network_acls.default_action", "Allow");
      },
    ],
    [
      "an API that pulls over the public network",
      STAGING,
      (s) => overrideAt(s, STAGING, "vnet_image_pull_enabled", false),
    ],
  ])("%s", (_what, path, breakIt) => {
    const report = policyReportForJson(breakIt);
    expect(report.warnings.map((w) => `${w.rule} ${w.path}`)).toEqual([`APS050 ${path}`]);
    expect(report.errors).toEqual([]);
  });

  test("a public Service Bus namespace", () => {
    const report = policyReportForJson((s) => {
      overrideAt(s, "shop-prod/messaging/namespace", "public_network_access_enabled", true);
      overrideAt(s, "shop-prod/messaging/namespace", "network_rule_set.default_action", "Allow");
    }, loadJson(PRIVATE_PRODUCTION));
    expect(report.warnings).toEqual([
      expect.objectContaining({
        rule: "APS050",
        path: "shop-prod/messaging/namespace",
        message: expect.stringContaining(
          'public_network_access_enabled is not false and network_rule_set.default_action is not "Deny": the whole internet reaches its public endpoint',
        ),
      }),
    ]);
  });

  test("a production without a network: the vault and every API site are flagged; dev never is", () => {
    const raw = structuredClone(PRIVATE_PRODUCTION) as any;
    delete raw.environments.prod.network;
    delete raw.environments.prod.messaging;
    raw.environments.prod.database.network = "public";
    raw.registry = { sku: "Premium" };
    raw.environments.dev = { plan: { sku: "B1" } };
    const report = policyReportForJson(() => {}, loadJson(raw));
    expect(
      findingsOf(report)
        .filter((f) => f.startsWith("APS050"))
        .sort(),
    ).toEqual([
      "APS050 shop-prod/api/app",
      "APS050 shop-prod/api/slot-staging",
      "APS050 shop-prod/vault/vault",
    ]);
  });
});

describe("APS051: production staging slots and SCM sites are closed to the internet", () => {
  test.each<[string, string, [attribute: string, value: unknown]]>([
    [
      "a staging slot that allows by default",
      "the slot is open to the internet",
      ["site_config.ip_restriction_default_action", "Allow"],
    ],
    [
      "a staging slot that denies by default but admits 0.0.0.0/0",
      "the slot is open to the internet",
      ["site_config.ip_restriction", [{ action: "Allow", ip_address: "0.0.0.0/0", priority: 1 }]],
    ],
    [
      "an SCM site that allows by default",
      "the SCM site is open to the internet",
      ["site_config.scm_ip_restriction_default_action", "Allow"],
    ],
  ])("%s", (_what, message, [attribute, value]) => {
    const report = policyReportForJson((s) => overrideAt(s, STAGING, attribute, value));
    expect(report.warnings).toEqual([
      expect.objectContaining({
        rule: "APS051",
        path: "contoso-prod/api/slot-staging",
        message: expect.stringContaining(message),
      }),
    ]);
  });

  test("the front end's SCM site counts too; an SCM site that follows a closed main site is closed", () => {
    const report = policyReportForJson((s) => {
      overrideAt(s, "contoso-prod/web/app", "site_config.scm_ip_restriction_default_action", "Allow");
      overrideAt(s, APP, "site_config.scm_ip_restriction_default_action", "Allow");
      overrideAt(s, APP, "site_config.scm_use_main_ip_restriction", true);
      overrideAt(s, APP, "site_config.ip_restriction_default_action", "Deny");
    });
    expect(findingsOf(report)).toEqual(["APS051 contoso-prod/web/app"]);
  });

  test("outside production, open sites are fine", () => {
    const report = policyReportForJson(
      () => {},
      loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "dev" }),
    );
    expect(findingsOf(report)).toEqual([]);
  });
});

describe("APS052/APS053: runtimes near or past their end of life, judged on a given day", () => {
  const synth = synthPlatform(loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false" }));
  const findingsOn = (day: string, stacks = synth.stacks) => {
    const report = new PolicyReport();
    const aspect = new PolicyAspect(
      runtimeRules(() => new Date(`${day}T08:00:00Z`)),
      report,
      () => false,
    );
    for (const [name, json] of Object.entries(stacks)) aspect.checkStack(name, json);
    return report;
  };

  test("Node 22 on 2026-11-30 (today in this round): no finding", () => {
    expect(findingsOf(findingsOn("2026-11-30"))).toEqual([]);
  });

  test("90 days before its end of life a warning, for every front end (dev included)", () => {
    const report = findingsOn("2027-01-30");
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => `${w.rule} ${w.path}`)).toEqual([
      "APS052 contoso-dev/web/app",
      "APS052 contoso-prod/web/app",
    ]);
    expect(report.warnings[0].message).toBe(
      'Runtime ends within 90 days: site_config.application_stack.node_version "22-lts" reaches its end of life on 2027-04-30, in 90 days (https://github.com/nodejs/Release#release-schedule) (an upgrade planned before the date is a routine change; after it, every unpatched flaw stays open)',
    );
    expect(findingsOf(findingsOn("2027-01-29"))).toEqual([]);
  });

  test("after the date an error", () => {
    const report = findingsOn("2027-05-01");
    expect(report.warnings).toEqual([]);
    expect(report.errors.map((e) => `${e.rule} ${e.path}`)).toEqual([
      "APS053 contoso-dev/web/app",
      "APS053 contoso-prod/web/app",
    ]);
    expect(report.errors[0].message).toContain('"22-lts" reached its end of life on 2027-04-30, 1 day ago');
  });

  test("the old default, Node 20, is past its end of life today", () => {
    const config = structuredClone(
      loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "dev" }),
    );
    const old = synthPlatform({ ...config, web: { ...config.web, nodeVersion: "20-lts" } });
    expect(findingsOf(findingsOn("2026-11-30", old.stacks))).toEqual(["APS053 contoso-dev/web/app"]);
  });
});

describe("APS054: production plans with 2+ instances are zone balanced", () => {
  test("a zone-capable plan with two instances and no zone balancing is flagged", () => {
    const report = policyReportForJson((s) => overrideAt(s, PLAN, "zone_balancing_enabled", false));
    expect(report.warnings.map((w) => `${w.rule} ${w.path}: ${w.message}`)).toEqual([
      'APS054 contoso-prod/plan/plan: Production plans with 2+ instances are zone balanced: zone_balancing_enabled is not true with worker_count 2 on sku_name "P1v3" (PremiumV3, which has zones) (instances in one zone fail together; spread over zones, one zone\'s outage leaves the others serving (suppress in a region without zones))',
    ]);
  });

  test("a tier without zones is not", () => {
    const report = policyReportForJson((s) => {
      overrideAt(s, PLAN, "zone_balancing_enabled", false);
      overrideAt(s, PLAN, "sku_name", "S1");
    });
    expect(findingsOf(report).filter((f) => f.startsWith("APS054"))).toEqual([]);
  });
});
