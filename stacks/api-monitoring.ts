import type { Construct } from "constructs";
import type { EnvironmentNames } from "../config/resource-names";
import type { EnvironmentConfig } from "../config/schema";
import { ActionGroup } from "../constructs/action-group";
import type { AppIdentity } from "../constructs/app-identity";
import { AppInsights } from "../constructs/app-insights";
import type { ContainerWebApp } from "../constructs/container-web-app";
import type { ILogAnalyticsWorkspace } from "../constructs/log-analytics-workspace";
import type { IResourceGroup } from "../constructs/resource-group";
import { RollbackAlerts } from "../constructs/rollback-alerts";

export interface ApiTelemetryProps {
  readonly names: EnvironmentNames;
  readonly resourceGroup: IResourceGroup;
  readonly workspace: ILogAnalyticsWorkspace;
  readonly monitoring: EnvironmentConfig["monitoring"];
  /** Runtime identity by slot ("production" and every slot): each gets its own component. */
  readonly identities: ReadonlyMap<string, AppIdentity>;
  readonly tags: Record<string, string>;
}

/**
 * One App Insights component per slot, so a staging release's telemetry never mixes with
 * production's. Local authentication is off: only the slot's own identity is granted to publish
 * to its component, and `APPLICATIONINSIGHTS_AUTHENTICATION_STRING` (sticky, see
 * {@link telemetrySettings}) tells the SDK to sign in with it.
 */
export function addApiTelemetry(scope: Construct, props: ApiTelemetryProps): Map<string, AppInsights> {
  return new Map(
    [...props.identities].map(([slot, identity]) => {
      const component = new AppInsights(scope, `api-insights-${slot}`, {
        name: props.names.apiInsights(slot),
        resourceGroup: props.resourceGroup,
        workspace: props.workspace,
        retentionInDays: props.monitoring.appInsightsRetentionDays,
        tags: { ...props.tags, slot },
      });
      component.grantPublish(identity);
      return [slot, component];
    }),
  );
}

/** A slot's sticky telemetry settings: its own component, signed in as its own identity. */
export function telemetrySettings(component: AppInsights, identity: AppIdentity): Record<string, string> {
  return {
    APPLICATIONINSIGHTS_CONNECTION_STRING: component.connectionString,
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `Authorization=AAD;ClientId=${identity.clientId}`,
  };
}

export interface ApiAlertsProps {
  readonly names: EnvironmentNames;
  readonly environment: string;
  readonly resourceGroup: IResourceGroup;
  readonly api: ContainerWebApp;
  readonly components: ReadonlyMap<string, AppInsights>;
  readonly monitoring: EnvironmentConfig["monitoring"];
  readonly tags: Record<string, string>;
}

/**
 * The signals that say "roll back", per slot: error rate and P95 latency over the slot's own
 * requests, health-check and 5xx metrics, and an availability test of /health; all sent to
 * one action group. Returns the action group.
 */
export function addApiAlerts(scope: Construct, props: ApiAlertsProps): ActionGroup {
  const { monitoring } = props;
  const actionGroup = new ActionGroup(scope, "action-group", {
    name: props.names.actionGroup,
    resourceGroup: props.resourceGroup,
    // Shown in SMS and e-mail subjects; 12 characters at most.
    shortName: `${props.environment}-api`.slice(0, 12),
    emails: monitoring.emails,
    webhookUrls: monitoring.webhooks,
    tags: props.tags,
  });
  for (const [slot, component] of props.components) {
    new RollbackAlerts(scope, `api-alerts-${slot}`, {
      resourceGroup: props.resourceGroup,
      namePrefix: props.names.apiAlerts(slot),
      webApp: props.api,
      slot: slot === "production" ? undefined : slot,
      component,
      actionGroup,
      environment: props.environment,
      severity: monitoring.severity,
      errorRateThresholdPercent: monitoring.errorRatePercent,
      baselineP95Ms: monitoring.baselineP95Ms,
      latencyFactor: monitoring.latencyFactor,
      tags: { ...props.tags, slot },
    });
  }
  return actionGroup;
}
