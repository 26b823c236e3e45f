import { DEFAULT_AVAILABILITY_LOCATIONS } from "../../../constructs/availability-test";
import { QUERY_RULE_FREQUENCIES } from "../../../constructs/monitor-limits";
import type { AzLinuxWebAppSlot } from "../../../constructs/providers";
import {
  errorRateQuery,
  latencyQuery,
  RollbackAlerts,
  type RollbackAlertsProps,
} from "../../../constructs/rollback-alerts";
import { environment, type Json, jsonOf, RG_NAME, resolved, synth, synthError } from "./fixture";

type Env = ReturnType<typeof environment>;

function stagingSlot(env: Env): AzLinuxWebAppSlot {
  const slot = env.webApp.slots.get("staging");
  if (!slot) throw new Error("the fixture has a staging slot");
  return slot;
}

function rollbackAlerts(env: Env, slot: "production" | "staging", props: Partial<RollbackAlertsProps> = {}) {
  return new RollbackAlerts(env.stack, `alerts-${slot}`, {
    resourceGroup: env.rg,
    namePrefix: `alert-contoso-prod-api-${slot}`,
    webApp: env.webApp,
    slot: slot === "production" ? undefined : slot,
    component: env.components[slot],
    actionGroup: env.actionGroup,
    environment: "prod",
    baselineP95Ms: 250,
    ...props,
  });
}

function production(props: Partial<RollbackAlertsProps> = {}) {
  const env = environment();
  const alerts = rollbackAlerts(env, "production", props);
  return { env, alerts, json: (): Json => synth(env.stack) };
}

describe("RollbackAlerts: the production slot with defaults", () => {
  const { env, alerts } = production();
  const json = synth(env.stack);
  const { stack } = env;
  const ref = (value: unknown) => resolved(stack, value);
  const componentId = ref(env.components.production.id);
  const payload = (rule: string) => ({ environment: "prod", slot: "production", rollbackRule: rule });

  test("error rate above 5 %: a scheduled query over the component's requests", () => {
    expect(jsonOf(json, stack, alerts.errorRate)).toEqual({
      name: "alert-contoso-prod-api-production-error-rate",
      resource_group_name: RG_NAME,
      location: ref(env.components.production.location),
      display_name: "prod/production: error rate > 5 %",
      description:
        "Roll back prod/production: more than 5 % of requests failed over PT15M (windows with at least 20 requests).",
      scopes: [componentId],
      severity: 1,
      evaluation_frequency: "PT5M",
      window_duration: "PT15M",
      auto_mitigation_enabled: true,
      criteria: [
        {
          query: errorRateQuery(5, 20),
          time_aggregation_method: "Maximum",
          metric_measure_column: "errorRatePercent",
          operator: "GreaterThan",
          threshold: 5,
        },
      ],
      action: { action_groups: [ref(env.actionGroup.id)], custom_properties: payload("error-rate") },
    });
  });

  test("the error-rate KQL computes failed / total * 100 and ignores thin windows", () => {
    expect(errorRateQuery(5, 20)).toBe(
      [
        "// Rollback rule: error rate above 5 % of requests.",
        "requests",
        "| summarize requestCount = count(), failedCount = countif(success == false)",
        "| where requestCount >= 20",
        "| extend errorRatePercent = round(100.0 * failedCount / requestCount, 2)",
        "| project errorRatePercent",
      ].join("\n"),
    );
  });

  test("P95 above 2 x the baseline: percentile(duration, 95) against the computed 500 ms", () => {
    const rule = jsonOf(json, stack, alerts.latency);
    expect(alerts.latencyThresholdMs).toBe(500);
    expect(rule).toMatchObject({
      name: "alert-contoso-prod-api-production-p95-latency",
      display_name: "prod/production: P95 > 500 ms",
      description:
        "Roll back prod/production: P95 request duration above 500 ms (2 x the 250 ms baseline) over PT15M.",
      scopes: [componentId],
      severity: 1,
      evaluation_frequency: "PT5M",
      window_duration: "PT15M",
      criteria: [
        {
          time_aggregation_method: "Maximum",
          metric_measure_column: "p95DurationMs",
          operator: "GreaterThan",
          threshold: 500,
        },
      ],
      action: { custom_properties: payload("p95-latency") },
    });
    const query: string = rule.criteria[0].query;
    expect(query).toContain("percentile(duration, 95)");
    expect(query).toContain("baseline 250 ms");
    expect(query).toContain("= 500 ms");
    expect(query).toBe(latencyQuery(250, 2, 500, 20));
  });

  test("HealthCheckStatus below 100 on the web app (Microsoft.Web/sites)", () => {
    expect(jsonOf(json, stack, alerts.healthCheck)).toEqual({
      name: "alert-contoso-prod-api-production-health-check",
      resource_group_name: RG_NAME,
      scopes: [ref(env.webApp.id)],
      description:
        "Roll back prod/production: HealthCheckStatus averaged below 100 over PT5M; an instance fails its health check and App Service takes it out of the load balancer.",
      severity: 1,
      frequency: "PT5M",
      window_size: "PT5M",
      auto_mitigate: true,
      criteria: [
        {
          metric_namespace: "Microsoft.Web/sites",
          metric_name: "HealthCheckStatus",
          aggregation: "Average",
          operator: "LessThan",
          threshold: 100,
        },
      ],
      action: [{ action_group_id: ref(env.actionGroup.id), webhook_properties: payload("health-check") }],
    });
  });

  test("more than 10 Http5xx on the web app", () => {
    expect(jsonOf(json, stack, alerts.http5xx)).toMatchObject({
      name: "alert-contoso-prod-api-production-http-5xx",
      scopes: [ref(env.webApp.id)],
      criteria: [
        {
          metric_namespace: "Microsoft.Web/sites",
          metric_name: "Http5xx",
          aggregation: "Total",
          operator: "GreaterThan",
          threshold: 10,
        },
      ],
      action: [{ webhook_properties: payload("http-5xx") }],
    });
  });

  test("availability of https://<app host>/health from five locations, into the production component", () => {
    const test = jsonOf(json, stack, alerts.availability.resource);
    expect(test).toMatchObject({
      name: "alert-contoso-prod-api-production-availability",
      application_insights_id: componentId,
      geo_locations: [...DEFAULT_AVAILABILITY_LOCATIONS],
      request: { url: `https://${ref(env.webApp.defaultHostname)}/health` },
      validation_rules: { expected_status_code: 200 },
    });
    expect(jsonOf(json, stack, alerts.availability.alert)).toMatchObject({
      scopes: [ref(alerts.availability.id), componentId],
      severity: 1,
      action: [{ webhook_properties: payload("availability") }],
    });
    expect(alerts.slotName).toBe("production");
    expect(alerts.site).toBe(env.webApp.resource);
  });
});

describe("RollbackAlerts: production and staging side by side", () => {
  const env = environment();
  const prod = rollbackAlerts(env, "production");
  const staging = rollbackAlerts(env, "staging");
  const json = synth(env.stack);
  const { stack } = env;
  const ref = (value: unknown) => resolved(stack, value);
  const slot = stagingSlot(env);

  test("staging's metric alerts watch the slot, in the Microsoft.Web/sites/slots namespace", () => {
    for (const alert of [staging.healthCheck, staging.http5xx]) {
      const body = jsonOf(json, stack, alert);
      expect(body.scopes).toEqual([ref(slot.id)]);
      expect(body.criteria[0].metric_namespace).toBe("Microsoft.Web/sites/slots");
      expect(body.action[0].webhook_properties).toEqual({
        environment: "prod",
        slot: "staging",
        rollbackRule: expect.any(String),
      });
    }
    expect(staging.site).toBe(slot);
    expect(staging.slotName).toBe("staging");
  });

  test("each slot's query rules and availability test use its own component", () => {
    const componentOf = (alerts: RollbackAlerts) => [
      ...jsonOf(json, stack, alerts.errorRate).scopes,
      ...jsonOf(json, stack, alerts.latency).scopes,
      jsonOf(json, stack, alerts.availability.resource).application_insights_id,
      jsonOf(json, stack, alerts.availability.alert)
        .application_insights_web_test_location_availability_criteria.component_id,
    ];
    expect(new Set(componentOf(prod))).toEqual(new Set([ref(env.components.production.id)]));
    expect(new Set(componentOf(staging))).toEqual(new Set([ref(env.components.staging.id)]));
  });

  test("staging's availability test calls the slot's host; names and labels say staging", () => {
    expect(jsonOf(json, stack, staging.availability.resource).request.url).toBe(
      `https://${ref(slot.defaultHostname)}/health`,
    );
    expect(jsonOf(json, stack, prod.availability.resource).request.url).toBe(
      `https://${ref(env.webApp.defaultHostname)}/health`,
    );
    expect(jsonOf(json, stack, staging.errorRate)).toMatchObject({
      name: "alert-contoso-prod-api-staging-error-rate",
      display_name: "prod/staging: error rate > 5 %",
    });
  });

  test("every rule name is unique in the resource group", () => {
    const names = [
      ...Object.values(json.resource.azurerm_monitor_scheduled_query_rules_alert_v2),
      ...Object.values(json.resource.azurerm_monitor_metric_alert),
    ].map((rule: Json) => rule.name);
    expect(names).toHaveLength(10);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("RollbackAlerts: overrides", () => {
  test("thresholds, baseline and factor, minimum requests, timing, severity, host, availability, tags", () => {
    const { env, alerts, json } = production({
      errorRateThresholdPercent: 2.5,
      baselineP95Ms: 300,
      latencyFactor: 1.5,
      minimumRequests: 50,
      severity: 0,
      queryEvaluationFrequency: "PT1M",
      queryWindowDuration: "PT10M",
      http5xxThreshold: 0,
      metricFrequency: "PT1M",
      metricWindowSize: "PT15M",
      hostName: "api.contoso.example",
      availabilityPath: "/health/deep",
      availabilityLocations: ["emea-nl-ams-azr", "emea-gb-db3-azr", "us-va-ash-azr"],
      availabilityFailedLocationCount: 2,
      availabilityFrequencySeconds: 900,
      location: "northeurope",
      tags: { env: "prod" },
    });
    const body = json();
    const { stack } = env;
    const errorRate = jsonOf(body, stack, alerts.errorRate);
    expect(errorRate).toMatchObject({
      location: "northeurope",
      severity: 0,
      evaluation_frequency: "PT1M",
      window_duration: "PT10M",
      criteria: [{ threshold: 2.5, query: errorRateQuery(2.5, 50) }],
      tags: { env: "prod" },
    });
    expect(errorRate.criteria[0].query).toContain("| where requestCount >= 50");
    const latency = jsonOf(body, stack, alerts.latency);
    expect(alerts.latencyThresholdMs).toBe(450);
    expect(latency.criteria[0]).toMatchObject({ threshold: 450, query: latencyQuery(300, 1.5, 450, 50) });
    expect(latency.criteria[0].query).toContain("1.5 x baseline 300 ms = 450 ms");
    expect(jsonOf(body, stack, alerts.http5xx)).toMatchObject({
      severity: 0,
      frequency: "PT1M",
      window_size: "PT15M",
      criteria: [{ threshold: 0 }],
    });
    expect(jsonOf(body, stack, alerts.availability.resource)).toMatchObject({
      frequency: 900,
      geo_locations: ["emea-nl-ams-azr", "emea-gb-db3-azr", "us-va-ash-azr"],
      request: { url: "https://api.contoso.example/health/deep" },
    });
    expect(
      jsonOf(body, stack, alerts.availability.alert)
        .application_insights_web_test_location_availability_criteria,
    ).toMatchObject({ failed_location_count: 2 });
  });

  test.each([...QUERY_RULE_FREQUENCIES])(
    "accepts query evaluation frequency %s with its longest window",
    (frequency) => {
      expect(() =>
        production({
          queryEvaluationFrequency: frequency,
          queryWindowDuration: frequency === "PT1M" ? "PT6H" : "P2D",
        }).json(),
      ).not.toThrow();
    },
  );
});

describe("RollbackAlerts: validation", () => {
  const where = "RollbackAlerts test/alerts-production";
  test.each<[string, Partial<RollbackAlertsProps>, string]>([
    [
      "a name prefix with '/'",
      { namePrefix: "alert/prod" },
      `${where}: namePrefix = "alert/prod" must be 1-200 letters, digits`,
    ],
    ["an empty environment", { environment: " " }, `${where}: environment = " " must be a one-line label`],
    [
      "an error rate of 0 %",
      { errorRateThresholdPercent: 0 },
      `${where}: errorRateThresholdPercent = 0 must be above 0 and below 100`,
    ],
    [
      "an error rate of 100 %",
      { errorRateThresholdPercent: 100 },
      `${where}: errorRateThresholdPercent = 100 must be above 0 and below 100`,
    ],
    [
      "a zero baseline",
      { baselineP95Ms: 0 },
      `${where}: baselineP95Ms = 0 must be a positive number of milliseconds`,
    ],
    [
      "a factor of 1",
      { latencyFactor: 1 },
      `${where}: latencyFactor = 1 must be above 1, or the alert fires at the healthy baseline`,
    ],
    [
      "a fractional minimum",
      { minimumRequests: 1.5 },
      `${where}: minimumRequests = 1.5 must be a whole number >= 1`,
    ],
    [
      "a negative 5xx threshold",
      { http5xxThreshold: -1 },
      `${where}: http5xxThreshold = -1 must be a whole number >= 0`,
    ],
    [
      "severity 5",
      { severity: 5 },
      `${where}: severity = 5 must be a whole number from 0 (critical) to 4 (verbose)`,
    ],
    [
      "severity 1.5",
      { severity: 1.5 },
      `${where}: severity = 1.5 must be a whole number from 0 (critical) to 4 (verbose)`,
    ],
    [
      "query frequency PT2M",
      { queryEvaluationFrequency: "PT2M" },
      `${where}: queryEvaluationFrequency = "PT2M" must be one of PT1M, PT5M, PT10M`,
    ],
    [
      "a PT1M window with PT5M frequency",
      { queryWindowDuration: "PT1M" },
      `${where}: queryWindowDuration = "PT1M" must be one of PT5M, PT10M, PT15M, PT30M, PT45M, PT1H, PT2H, PT3H, PT4H, PT5H, PT6H, P1D, P2D (with queryEvaluationFrequency = "PT5M")`,
    ],
    [
      "a P1D window with PT1M frequency",
      { queryEvaluationFrequency: "PT1M", queryWindowDuration: "P1D" },
      `${where}: queryWindowDuration = "P1D" must be one of PT1M, PT5M`,
    ],
    [
      "a frequency beyond the look-back",
      { queryEvaluationFrequency: "PT1H", queryWindowDuration: "PT15M" },
      `${where}: queryEvaluationFrequency = "PT1H" must not be longer than queryWindowDuration = "PT15M" (the query's look-back)`,
    ],
    [
      "metric frequency PT10M",
      { metricFrequency: "PT10M" },
      `${where}: metricFrequency = "PT10M" must be one of PT1M, PT5M, PT15M, PT30M, PT1H`,
    ],
    [
      "metric window PT2H",
      { metricWindowSize: "PT2H" },
      `${where}: metricWindowSize = "PT2H" must be one of PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, P1D`,
    ],
    [
      "a metric window shorter than the frequency",
      { metricFrequency: "PT15M", metricWindowSize: "PT5M" },
      `${where}: metricWindowSize = "PT5M" must not be shorter than metricFrequency = "PT15M"`,
    ],
    [
      "a metric window below HealthCheckStatus's grain",
      { metricFrequency: "PT1M", metricWindowSize: "PT1M" },
      `${where}: metricWindowSize = "PT1M" is shorter than HealthCheckStatus's time grain (PT5M)`,
    ],
  ])("refuses %s", (_case, props, message) => {
    expect(synthError(production(props).env.stack)).toContain(message);
  });

  test("refuses a slot the web app does not have, at construction", () => {
    const env = environment();
    expect(
      () =>
        new RollbackAlerts(env.stack, "alerts-qa", {
          resourceGroup: env.rg,
          namePrefix: "alert-qa",
          webApp: env.webApp,
          slot: "qa",
          component: env.components.staging,
          actionGroup: env.actionGroup,
          environment: "prod",
          baselineP95Ms: 250,
        }),
    ).toThrow(
      'RollbackAlerts test/alerts-qa: slot = "qa" is not a slot of test/api (its slots: staging); omit slot to watch production',
    );
  });

  test("refuses one component for two slots: staging's alerts would read production's telemetry", () => {
    const env = environment();
    rollbackAlerts(env, "production");
    rollbackAlerts(env, "staging", { component: env.components.production });
    const error = synthError(env.stack);
    expect(error).toContain(
      "RollbackAlerts test/alerts-staging: component test/appi-production also watches production (test/alerts-production); each slot needs its own App Insights component",
    );
    expect(error).toContain(
      "RollbackAlerts test/alerts-production: component test/appi-production also watches staging",
    );
  });
});
