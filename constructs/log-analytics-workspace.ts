import { Construct } from "constructs";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem } from "./problems";
import { AzLogAnalyticsWorkspace, DataAzurermLogAnalyticsWorkspace } from "./providers";
import type { IResourceGroup } from "./resource-group";

/** Azure's retention range for a PerGB2018 workspace (the Free tier's 7 days is out of scope). */
export const WORKSPACE_RETENTION_DAYS = { min: 30, max: 730 } as const;

const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/;

export interface LogAnalyticsWorkspaceProps {
  /** Workspace name: 4-63 letters, digits and '-', not starting or ending with '-'. */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** Days data is kept (interactive retention), 30-730. @default 30 (included in the ingestion price) */
  readonly retentionInDays?: number;
  /** Ingestion cap per day in GB; ingestion stops for the rest of the day when reached. @default no cap */
  readonly dailyQuotaGb?: number;
  /**
   * Accept the workspace's shared keys besides Microsoft Entra ID. Diagnostic settings, App
   * Insights and the Azure Monitor agent do not need them.
   * @default false
   */
  readonly localAuthenticationEnabled?: boolean;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** The limits of a workspace's props. */
export function logAnalyticsWorkspaceProblems(
  props: Partial<Pick<LogAnalyticsWorkspaceProps, "name" | "retentionInDays" | "dailyQuotaGb">>,
): PropProblem[] {
  const problems: PropProblem[] = [];
  if (props.name !== undefined && !isUnresolved(props.name) && !WORKSPACE_NAME.test(props.name))
    problems.push({
      prop: ["name"],
      value: props.name,
      rule: "must be 4-63 letters, digits and '-', not starting or ending with '-'",
    });
  const { min, max } = WORKSPACE_RETENTION_DAYS;
  problems.push(...wholeNumberProblem(["retentionInDays"], props.retentionInDays ?? 30, min, max));
  const quota = props.dailyQuotaGb;
  if (quota !== undefined && !isUnresolved(quota) && !(quota > 0))
    problems.push({
      prop: ["dailyQuotaGb"],
      value: quota,
      rule: "must be above 0 (leave it unset for no cap)",
    });
  return problems;
}

/** What other resources need of a workspace: where to send logs and telemetry. */
export interface ILogAnalyticsWorkspace {
  /** Azure resource id, for `workspace_id` of App Insights and `log_analytics_workspace_id`. */
  readonly id: string;
}

export interface ExistingLogAnalyticsWorkspaceProps {
  readonly name: string;
  /** Name of the workspace's resource group. */
  readonly resourceGroupName: string;
}

/**
 * A workspace another stack manages, found by its name (`data.azurerm_log_analytics_workspace`),
 * so no stack reads another stack's state.
 */
export class ExistingLogAnalyticsWorkspace extends Construct implements ILogAnalyticsWorkspace {
  /** Escape hatch: the data source. */
  readonly resource: DataAzurermLogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: ExistingLogAnalyticsWorkspaceProps) {
    super(scope, id);
    this.resource = new DataAzurermLogAnalyticsWorkspace(this, "workspace", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
    });
  }

  get id(): string {
    return this.resource.id;
  }
}

/**
 * A Log Analytics workspace (sku PerGB2018): where diagnostic settings send resource logs and
 * metrics and where workspace-based Application Insights components keep their telemetry.
 * One per platform, in the shared stack.
 */
export class LogAnalyticsWorkspace extends Construct implements ILogAnalyticsWorkspace {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzLogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: LogAnalyticsWorkspaceProps) {
    super(scope, id);

    this.node.addValidation({
      validate: () => validationMessages("LogAnalyticsWorkspace", this, logAnalyticsWorkspaceProblems(props)),
    });

    this.resource = new AzLogAnalyticsWorkspace(this, "workspace", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      sku: "PerGB2018",
      retentionInDays: props.retentionInDays ?? 30,
      dailyQuotaGb: props.dailyQuotaGb,
      localAuthenticationEnabled: props.localAuthenticationEnabled ?? false,
      tags: props.tags,
    });
  }

  /** Azure resource id, for `workspace_id` of App Insights and `log_analytics_workspace_id`. */
  get id(): string {
    return this.resource.id;
  }

  /** The workspace (customer) id, a GUID: what agents and the query API address. */
  get workspaceId(): string {
    return this.resource.workspaceId;
  }

  get name(): string {
    return this.resource.name;
  }
}
