import { Construct } from "constructs";
import { type Grant, grantRole, type IGrantable } from "./grant";
import type { ILogAnalyticsWorkspace } from "./log-analytics-workspace";
import { isUnresolved, type PropProblem, validationMessages } from "./problems";
import { AzApplicationInsights } from "./providers";
import type { IResourceGroup } from "./resource-group";

/** Retention values Azure accepts on a component (azurerm docs `application_insights`). */
export const APP_INSIGHTS_RETENTION_DAYS = [30, 60, 90, 120, 180, 270, 365, 550, 730] as const;

/** Built-in role that lets an identity send telemetry when local authentication is disabled. */
export const TELEMETRY_PUBLISHER_ROLE = "Monitoring Metrics Publisher";

export interface AppInsightsProps {
  /** Component name: 1-260 characters, unique in the resource group. */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** Workspace that stores the telemetry (workspace-based component). */
  readonly workspace: ILogAnalyticsWorkspace;
  /**
   * Days Azure keeps on the component: 30, 60, 90, 120, 180, 270, 365, 550 or 730. For a
   * workspace-based component the workspace's (per-table) retention decides how long data
   * stays queryable; this value is set explicitly so plans show it.
   * @default 90
   */
  readonly retentionInDays?: number;
  /**
   * Accept only telemetry authenticated with Microsoft Entra ID. The connection string's
   * instrumentation key alone then no longer lets anyone write telemetry (and fake the data the
   * rollback alerts act on). The app's SDK must authenticate with its managed identity, which
   * is granted {@link TELEMETRY_PUBLISHER_ROLE} with {@link AppInsights.grantPublish}. Set
   * `false` only for SDKs without Entra ID support.
   * @default true
   */
  readonly localAuthenticationDisabled?: boolean;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** The limits of a component's props: a retention Azure lists, a name of 1-260 characters. */
export function appInsightsProblems(
  props: Pick<AppInsightsProps, "name" | "retentionInDays">,
): PropProblem[] {
  const problems: PropProblem[] = [];
  const retention = props.retentionInDays ?? 90;
  if (!isUnresolved(retention) && !(APP_INSIGHTS_RETENTION_DAYS as readonly number[]).includes(retention))
    problems.push({
      prop: ["retentionInDays"],
      value: retention,
      rule: `must be one of ${APP_INSIGHTS_RETENTION_DAYS.join(", ")}`,
    });
  if (!isUnresolved(props.name) && (props.name.length < 1 || props.name.length > 260))
    problems.push({ prop: ["name"], value: props.name, rule: "must be 1-260 characters" });
  return problems;
}

/**
 * A workspace-based Application Insights component (`application_type = "web"`). Small on
 * purpose: an environment stack creates one per slot, so each slot's telemetry (and the
 * alerts on it) stays its own across swaps (`APPLICATIONINSIGHTS_CONNECTION_STRING` is sticky).
 */
export class AppInsights extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzApplicationInsights;
  /** Region of the component; availability tests must be created in it. */
  readonly location: string;

  constructor(scope: Construct, id: string, props: AppInsightsProps) {
    super(scope, id);
    this.location = props.location ?? props.resourceGroup.location;

    this.node.addValidation({
      validate: () => validationMessages("AppInsights", this, appInsightsProblems(props)),
    });

    this.resource = new AzApplicationInsights(this, "component", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: this.location,
      applicationType: "web",
      workspaceId: props.workspace.id,
      retentionInDays: props.retentionInDays ?? 90,
      localAuthenticationDisabled: props.localAuthenticationDisabled ?? true,
      tags: props.tags,
    });
  }

  get id(): string {
    return this.resource.id;
  }

  get name(): string {
    return this.resource.name;
  }

  /**
   * Terraform reference to the connection string (a sensitive attribute, never a literal),
   * for the slot's `APPLICATIONINSIGHTS_CONNECTION_STRING` sticky value.
   */
  get connectionString(): string {
    return this.resource.connectionString;
  }

  /** Lets `grantee` send telemetry with its Entra ID token ("Monitoring Metrics Publisher" here). */
  grantPublish(grantee: IGrantable): Grant {
    return grantRole(grantee, this, this.id, TELEMETRY_PUBLISHER_ROLE);
  }
}
