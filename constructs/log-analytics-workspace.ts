import { Token } from "cdktf";
import { Construct } from "constructs";
import { AzLogAnalyticsWorkspace, type AzResourceGroup } from "./providers";

/** Azure's retention range for a PerGB2018 workspace (the Free tier's 7 days is out of scope). */
export const WORKSPACE_RETENTION_DAYS = { min: 30, max: 730 } as const;

const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/;

export interface LogAnalyticsWorkspaceProps {
  /** Workspace name: 4-63 letters, digits and '-', not starting or ending with '-'. */
  readonly name: string;
  readonly resourceGroup: AzResourceGroup;
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

/**
 * A Log Analytics workspace (sku PerGB2018): where diagnostic settings send resource logs and
 * metrics and where workspace-based Application Insights components keep their telemetry.
 * One per platform, in the shared stack.
 */
export class LogAnalyticsWorkspace extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzLogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: LogAnalyticsWorkspaceProps) {
    super(scope, id);
    const retention = props.retentionInDays ?? 30;
    const quota = props.dailyQuotaGb;

    this.node.addValidation({
      validate: () => {
        const where = `LogAnalyticsWorkspace ${this.node.path}`;
        const problems: string[] = [];
        if (!Token.isUnresolved(props.name) && !WORKSPACE_NAME.test(props.name)) {
          problems.push(
            `${where}: name = "${props.name}" must be 4-63 letters, digits and '-', not starting or ending with '-'`,
          );
        }
        const { min, max } = WORKSPACE_RETENTION_DAYS;
        if (!Number.isInteger(retention) || retention < min || retention > max) {
          problems.push(
            `${where}: retentionInDays = ${retention} must be a whole number from ${min} to ${max}`,
          );
        }
        if (quota !== undefined && !(quota > 0)) {
          problems.push(`${where}: dailyQuotaGb = ${quota} must be above 0 (leave it unset for no cap)`);
        }
        return problems;
      },
    });

    this.resource = new AzLogAnalyticsWorkspace(this, "workspace", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      sku: "PerGB2018",
      retentionInDays: retention,
      dailyQuotaGb: quota,
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
