import { ActionGroup } from "../../../constructs/action-group";
import { AppInsights } from "../../../constructs/app-insights";
import {
  AvailabilityTest,
  type AvailabilityTestProps,
  DEFAULT_AVAILABILITY_LOCATIONS,
} from "../../../constructs/availability-test";
import { AVAILABILITY_TEST_LOCATIONS } from "../../../constructs/monitor-limits";
import { jsonOf, observabilityStack, RG_NAME, resolved, synth, synthError, workspaceIn } from "./fixture";

const HOST = "app-contoso-prod-api.azurewebsites.net";

function availability(props: Partial<AvailabilityTestProps> = {}) {
  const t = observabilityStack();
  const workspace = workspaceIn(t.stack, t.rg);
  const component = new AppInsights(t.stack, "appi", { name: "appi-x", resourceGroup: t.rg, workspace });
  const actionGroup = new ActionGroup(t.stack, "ag", {
    name: "ag-x",
    resourceGroup: t.rg,
    shortName: "x",
    emails: ["ops@contoso.example"],
  });
  const test = new AvailabilityTest(t.stack, "health", {
    name: "alert-contoso-prod-api-availability",
    resourceGroup: t.rg,
    component,
    hostName: HOST,
    actionGroup,
    ...props,
  });
  return { ...t, component, actionGroup, test };
}

describe("AvailabilityTest", () => {
  test("defaults: GET https://<host>/health from five locations, expecting 200, enabled, with retries", () => {
    const { stack, test, component } = availability();
    expect(jsonOf(synth(stack), stack, test.resource)).toEqual({
      name: "alert-contoso-prod-api-availability",
      resource_group_name: RG_NAME,
      location: resolved(stack, component.location),
      application_insights_id: resolved(stack, component.id),
      description: `GET https://${HOST}/health must answer 200`,
      enabled: true,
      retry_enabled: true,
      frequency: 300,
      timeout: 30,
      geo_locations: [...DEFAULT_AVAILABILITY_LOCATIONS],
      request: {
        url: `https://${HOST}/health`,
        http_verb: "GET",
        follow_redirects_enabled: false,
        parse_dependent_requests_enabled: false,
      },
      validation_rules: { expected_status_code: 200, ssl_check_enabled: true },
    });
    expect(test.url).toBe(`https://${HOST}/health`);
  });

  test("the default locations are five valid population tags on two continents", () => {
    expect(DEFAULT_AVAILABILITY_LOCATIONS).toHaveLength(5);
    for (const location of DEFAULT_AVAILABILITY_LOCATIONS)
      expect(AVAILABILITY_TEST_LOCATIONS).toHaveProperty([location]);
    expect(new Set(DEFAULT_AVAILABILITY_LOCATIONS.map((location) => location.split("-")[0]))).toEqual(
      new Set(["emea", "us"]),
    );
  });

  test("its alert: failed locations over the test and the component, test first, locations - 2", () => {
    const { stack, test, component, actionGroup } = availability();
    const alert = jsonOf(synth(stack), stack, test.alert);
    const testId = resolved(stack, test.id);
    expect(alert).toEqual({
      name: "alert-contoso-prod-api-availability",
      resource_group_name: RG_NAME,
      scopes: [testId, resolved(stack, component.id)],
      description: `GET https://${HOST}/health did not answer 200 from 3 of 5 locations`,
      severity: 1,
      frequency: "PT1M",
      window_size: "PT5M",
      auto_mitigate: true,
      application_insights_web_test_location_availability_criteria: {
        web_test_id: testId,
        component_id: resolved(stack, component.id),
        failed_location_count: 3,
      },
      action: [{ action_group_id: resolved(stack, actionGroup.id) }],
    });
  });

  test("overrides: path, locations, frequency, failed locations, severity, alert timing, payload, tags", () => {
    const { stack, test } = availability({
      path: "/ready?deep=1",
      locations: ["emea-nl-ams-azr", "emea-gb-db3-azr", "us-va-ash-azr"],
      frequencySeconds: 600,
      failedLocationCount: 2,
      severity: 0,
      alertFrequency: "PT5M",
      alertWindowSize: "PT15M",
      description: "API down",
      webhookProperties: { slot: "staging" },
      tags: { env: "prod" },
    });
    const json = synth(stack);
    expect(jsonOf(json, stack, test.resource)).toMatchObject({
      frequency: 600,
      geo_locations: ["emea-nl-ams-azr", "emea-gb-db3-azr", "us-va-ash-azr"],
      request: { url: `https://${HOST}/ready?deep=1` },
      tags: { env: "prod" },
    });
    expect(jsonOf(json, stack, test.alert)).toMatchObject({
      description: "API down",
      severity: 0,
      frequency: "PT5M",
      window_size: "PT15M",
      application_insights_web_test_location_availability_criteria: { failed_location_count: 2 },
      action: [{ webhook_properties: { slot: "staging" } }],
      tags: { env: "prod" },
    });
  });

  test("fewer than three locations still need one failing location", () => {
    const { stack, test } = availability({ locations: ["emea-nl-ams-azr", "us-va-ash-azr"] });
    expect(
      jsonOf(synth(stack), stack, test.alert).application_insights_web_test_location_availability_criteria
        .failed_location_count,
    ).toBe(1);
  });

  const where = "AvailabilityTest test/health";
  test.each<[string, Partial<AvailabilityTestProps>, string]>([
    [
      "an unknown location",
      { locations: ["emea-nl-ams-azr", "westeurope"] },
      `${where}: locations[1] = "westeurope" is not an availability test location; use one of emea-au-syd-edge`,
    ],
    [
      "a duplicate location",
      { locations: ["us-va-ash-azr", "us-va-ash-azr"] },
      `${where}: locations[1] = "us-va-ash-azr" is listed twice`,
    ],
    [
      "no location",
      { locations: [] },
      `${where}: locations has 0 entries; Azure allows 1-16 (5 or more recommended)`,
    ],
    [
      "a test frequency Azure lacks",
      { frequencySeconds: 60 },
      `${where}: frequencySeconds = 60 must be one of 300, 600, 900`,
    ],
    [
      "more failed locations than locations",
      { failedLocationCount: 6 },
      `${where}: failedLocationCount = 6 must be a whole number from 1 to the number of locations (5)`,
    ],
    [
      "zero failed locations",
      { failedLocationCount: 0 },
      `${where}: failedLocationCount = 0 must be a whole number from 1`,
    ],
    [
      "severity 5",
      { severity: 5 },
      `${where}: severity = 5 must be a whole number from 0 (critical) to 4 (verbose)`,
    ],
    [
      "alert frequency PT2M",
      { alertFrequency: "PT2M" },
      `${where}: alertFrequency = "PT2M" must be one of PT1M, PT5M, PT15M, PT30M, PT1H`,
    ],
    [
      "alert window PT10M",
      { alertWindowSize: "PT10M" },
      `${where}: alertWindowSize = "PT10M" must be one of PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, P1D`,
    ],
    [
      "a window shorter than the frequency",
      { alertFrequency: "PT15M", alertWindowSize: "PT5M" },
      `${where}: alertWindowSize = "PT5M" must not be shorter than alertFrequency = "PT15M"`,
    ],
    ["a path without a leading slash", { path: "health" }, `${where}: path = "health" must start with "/"`],
  ])("refuses %s", (_case, props, message) => {
    expect(synthError(availability(props).stack)).toContain(message);
  });

  test("accepts 16 locations, all of Azure's", () => {
    expect(() =>
      synth(availability({ locations: Object.keys(AVAILABILITY_TEST_LOCATIONS) }).stack),
    ).not.toThrow();
  });
});
