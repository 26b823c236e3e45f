import { loadConfig } from "../../config/load-config";
import { PolicyAspect } from "../../policies/policy-aspect";
import { PolicyReport } from "../../policies/policy-report";
import { runtimeRules } from "../../policies/rules/runtime-rules";
import type { PlatformStacks } from "../../stacks/platform";
import { synthPlatform } from "../stacks/platform-fixture";
import { loadJson, PRIVATE_PRODUCTION } from "../stacks/private-production-fixture";
import { findingsOf, policyReportFor } from "./policy-fixture";

const prod = (stacks: PlatformStacks) => stacks.environments[0];

test("a production with a database, Service Bus and a network, deployed from an allow-list, is silent", () => {
  const report = policyReportFor(() => {}, loadJson(PRIVATE_PRODUCTION));
  expect(findingsOf(report)).toEqual([]);
});

describe("APS050: a production data plane is private", () => {
  test.each<[string, string, (stacks: PlatformStacks) => void]>([
    [
      "a vault open to every address",
      "contoso-prod/vault/vault",
      (s) => {
        prod(s).vault.resource.addOverride("public_network_access_enabled", true);
        prod(s).vault.resource.addOverride("network_acls.default_action", "Allow");
      },
    ],
    [
      "an API that pulls over the public network",
      "contoso-prod/api/slot-staging",
      (s) => prod(s).api.slots.get("staging")!.addOverride("vnet_image_pull_enabled", false),
    ],
  ])("%s", (_what, path, breakIt) => {
    const report = policyReportFor(breakIt);
    expect(report.warnings.map((w) => `${w.rule} ${w.path}`)).toEqual([`APS050 ${path}`]);
    expect(report.errors).toEqual([]);
  });

  test("a public Service Bus namespace", () => {
    const report = policyReportFor((s) => {
      const namespace = prod(s).node.findChild("messaging").node.findChild("namespace") as any;
      namespace.addOverride("public_network_access_enabled", true);
      namespace.addOverride("network_rule_set.default_action", "Allow");
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
    const report = policyReportFor(() => {}, loadJson(raw));
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
  test.each<[string, string, (stacks: PlatformStacks) => void]>([
    [
      "a staging slot that allows by default",
      "the slot is open to the internet",
      (s) =>
        prod(s).api.slots.get("staging")!.addOverride("site_config.ip_restriction_default_action", "Allow"),
    ],
    [
      "a staging slot that denies by default but admits 0.0.0.0/0",
      "the slot is open to the internet",
      (s) =>
        prod(s)
          .api.slots.get("staging")!
          .addOverride("site_config.ip_restriction", [
            { action: "Allow", ip_address: "0.0.0.0/0", priority: 1 },
          ]),
    ],
    [
      "an SCM site that allows by default",
      "the SCM site is open to the internet",
      (s) =>
        prod(s)
          .api.slots.get("staging")!
          .addOverride("site_config.scm_ip_restriction_default_action", "Allow"),
    ],
  ])("%s", (_what, message, breakIt) => {
    const report = policyReportFor(breakIt);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        rule: "APS051",
        path: "contoso-prod/api/slot-staging",
        message: expect.stringContaining(message),
      }),
    ]);
  });

  test("the front end's SCM site counts too; an SCM site that follows a closed main site is closed", () => {
    const report = policyReportFor((s) => {
      const web = prod(s).web!.resource;
      web.addOverride("site_config.scm_ip_restriction_default_action", "Allow");
      const app = prod(s).api.resource;
      app.addOverride("site_config.scm_ip_restriction_default_action", "Allow");
      app.addOverride("site_config.scm_use_main_ip_restriction", true);
      app.addOverride("site_config.ip_restriction_default_action", "Deny");
    });
    expect(findingsOf(report)).toEqual(["APS051 contoso-prod/web/app"]);
  });

  test("outside production, open sites are fine", () => {
    const report = policyReportFor(
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
    const report = policyReportFor((s) => prod(s).plan.resource.addOverride("zone_balancing_enabled", false));
    expect(report.warnings.map((w) => `${w.rule} ${w.path}: ${w.message}`)).toEqual([
      'APS054 contoso-prod/plan/plan: Production plans with 2+ instances are zone balanced: zone_balancing_enabled is not true with worker_count 2 on sku_name "P1v3" (PremiumV3, which has zones) (instances in one zone fail together; spread over zones, one zone\'s outage leaves the others serving (suppress in a region without zones))',
    ]);
  });

  test("a tier without zones is not", () => {
    const report = policyReportFor((s) => {
      prod(s).plan.resource.addOverride("zone_balancing_enabled", false);
      prod(s).plan.resource.addOverride("sku_name", "S1");
    });
    expect(findingsOf(report).filter((f) => f.startsWith("APS054"))).toEqual([]);
  });
});
