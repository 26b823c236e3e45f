import { Construct } from "constructs";
import type { ActionGroup } from "./action-group";
import type { AppInsights } from "./app-insights";
import {
  AVAILABILITY_TEST_FREQUENCIES,
  AVAILABILITY_TEST_LOCATIONS,
  MAX_AVAILABILITY_TEST_LOCATIONS,
  metricAlertTimingProblems,
  oneOfProblem,
  severityProblem,
} from "./monitor-limits";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem } from "./problems";
import { AzApplicationInsightsStandardWebTest, AzMonitorMetricAlert } from "./providers";
import type { IResourceGroup } from "./resource-group";

/**
 * Five locations, as Azure recommends: three in Europe (where the default region is) and two in
 * the US, so one region's network trouble cannot look like an outage.
 */
export const DEFAULT_AVAILABILITY_LOCATIONS: readonly string[] = [
  "emea-nl-ams-azr",
  "emea-gb-db3-azr",
  "emea-fr-pra-edge",
  "us-va-ash-azr",
  "us-ca-sjc-azr",
];

export interface AvailabilityTestProps {
  /** Name of the web test and of its alert rule. */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** Component the results are stored in; the test is created in its region. */
  readonly component: AppInsights;
  /** Host to call, e.g. a slot's default host name. */
  readonly hostName: string;
  /** Path that must answer 200. @default "/health" */
  readonly path?: string;
  readonly actionGroup: ActionGroup;
  /**
   * Population tags of the locations the test runs from (5-16 recommended).
   * @default {@link DEFAULT_AVAILABILITY_LOCATIONS}
   */
  readonly locations?: readonly string[];
  /** Seconds between runs from each location: 300, 600 or 900. @default 300 */
  readonly frequencySeconds?: number;
  /**
   * Locations that must fail at once for the alert to fire.
   * @default locations - 2, at least 1 (Azure's advice)
   */
  readonly failedLocationCount?: number;
  /** Alert severity, 0 (critical) to 4. @default 1 */
  readonly severity?: number;
  /** How often the alert is evaluated: PT1M, PT5M, PT15M, PT30M or PT1H. @default "PT1M" */
  readonly alertFrequency?: string;
  /** Period the alert looks at, at least the frequency. @default "PT5M" */
  readonly alertWindowSize?: string;
  /** Alert description. @default what is tested and when it fires */
  readonly description?: string;
  /** Extra properties in the alert's webhook payload. @default none */
  readonly webhookProperties?: Record<string, string>;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** The limits of an availability test's props: path, locations, frequency, failure count, severity, alert timing. */
export function availabilityTestProblems(props: AvailabilityTestProps): PropProblem[] {
  const path = props.path ?? "/health";
  const locations = props.locations ?? DEFAULT_AVAILABILITY_LOCATIONS;
  const frequency = props.frequencySeconds ?? 300;
  const failedLocations = props.failedLocationCount ?? Math.max(1, locations.length - 2);
  const severity = props.severity ?? 1;
  const problems: PropProblem[] = [];
  if (!isUnresolved(path) && !/^\/[^\s?#]*(\?[^\s#]*)?$/.test(path))
    problems.push({
      prop: ["path"],
      value: path,
      rule: "must start with \"/\" and contain no spaces or '#'",
    });
  if (locations.length === 0 || locations.length > MAX_AVAILABILITY_TEST_LOCATIONS)
    problems.push({
      prop: ["locations"],
      rule: `has ${locations.length} entries; Azure allows 1-${MAX_AVAILABILITY_TEST_LOCATIONS} (5 or more recommended)`,
    });
  locations.forEach((location, i) => {
    if (!Object.hasOwn(AVAILABILITY_TEST_LOCATIONS, location))
      problems.push({
        prop: ["locations", i],
        value: location,
        rule: `is not an availability test location; use one of ${Object.keys(AVAILABILITY_TEST_LOCATIONS).join(", ")}`,
      });
    else if (locations.indexOf(location) !== i)
      problems.push({ prop: ["locations", i], value: location, rule: "is listed twice" });
  });
  const frequencyProblem = oneOfProblem(frequency, AVAILABILITY_TEST_FREQUENCIES);
  if (frequencyProblem)
    problems.push({ prop: ["frequencySeconds"], value: frequency, rule: frequencyProblem });
  problems.push(
    ...wholeNumberProblem(["failedLocationCount"], failedLocations, 1, Math.max(1, locations.length)).map(
      (p) => ({
        ...p,
        rule: `must be a whole number from 1 to the number of locations (${locations.length})`,
      }),
    ),
  );
  const severityIssue = severityProblem(severity);
  if (severityIssue) problems.push({ prop: ["severity"], value: severity, rule: severityIssue });
  problems.push(
    ...metricAlertTimingProblems(props.alertFrequency ?? "PT1M", props.alertWindowSize ?? "PT5M", {
      frequency: "alertFrequency",
      windowSize: "alertWindowSize",
    }),
  );
  return problems;
}

/**
 * A standard availability test that calls `https://<host><path>` from several regions and
 * expects 200 (no redirects followed: a redirect to a login page is not a healthy API), with
 * the metric alert Azure documents for it (failed-location count over the test and component).
 */
export class AvailabilityTest extends Construct {
  /** Escape hatch: the web test. */
  readonly resource: AzApplicationInsightsStandardWebTest;
  /** Escape hatch: the alert on the test's results. */
  readonly alert: AzMonitorMetricAlert;
  /** The URL the test calls. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: AvailabilityTestProps) {
    super(scope, id);
    const path = props.path ?? "/health";
    const locations = props.locations ?? DEFAULT_AVAILABILITY_LOCATIONS;
    const frequency = props.frequencySeconds ?? 300;
    const failedLocations = props.failedLocationCount ?? Math.max(1, locations.length - 2);
    const severity = props.severity ?? 1;
    const alertFrequency = props.alertFrequency ?? "PT1M";
    const alertWindow = props.alertWindowSize ?? "PT5M";
    this.url = `https://${props.hostName}${path}`;

    this.node.addValidation({
      validate: () => validationMessages("AvailabilityTest", this, availabilityTestProblems(props)),
    });

    this.resource = new AzApplicationInsightsStandardWebTest(this, "test", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.component.location,
      applicationInsightsId: props.component.id,
      description: `GET ${this.url} must answer 200`,
      // The provider sends enabled = false when it is omitted.
      enabled: true,
      retryEnabled: true,
      frequency,
      timeout: 30,
      geoLocations: [...locations],
      request: {
        url: this.url,
        httpVerb: "GET",
        followRedirectsEnabled: false,
        parseDependentRequestsEnabled: false,
      },
      validationRules: { expectedStatusCode: 200, sslCheckEnabled: true },
      tags: props.tags,
    });

    this.alert = new AzMonitorMetricAlert(this, "alert", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      // The web test first: Azure reads the first scope as the alert's target (azurerm issue 8551).
      scopes: [this.resource.id, props.component.id],
      description:
        props.description ??
        `GET ${this.url} did not answer 200 from ${failedLocations} of ${locations.length} locations`,
      severity,
      frequency: alertFrequency,
      windowSize: alertWindow,
      autoMitigate: true,
      applicationInsightsWebTestLocationAvailabilityCriteria: {
        webTestId: this.resource.id,
        componentId: props.component.id,
        failedLocationCount: failedLocations,
      },
      action: [{ actionGroupId: props.actionGroup.id, webhookProperties: props.webhookProperties }],
      tags: props.tags,
    });
  }

  get id(): string {
    return this.resource.id;
  }
}
