import { Construct } from "constructs";
import { AppServicePlan } from "./app-service-plan";
import type { ContainerRegistry } from "./container-registry";
import { ContainerWebApp } from "./container-web-app";
import type { ILogAnalyticsWorkspace } from "./log-analytics-workspace";
import { MessageQueue } from "./message-queue";
import { PostgresDatabase } from "./postgres-database";
import { type PropProblem, validationMessages } from "./problems";
import { AzLinuxWebApp, AzLinuxWebAppSlot, AzMonitorDiagnosticSetting } from "./providers";
import { SecretVault } from "./secret-vault";

export type DiagnosticTargetKind =
  | "webApp"
  | "webAppSlot"
  | "appServicePlan"
  | "keyVault"
  | "containerRegistry"
  | "postgresqlFlexibleServer"
  | "serviceBusNamespace";

/** What an app and each of its slots send by default: requests, container output, platform and audit events. */
const APP_SERVICE_DEFAULT_LOGS = [
  "AppServiceHTTPLogs",
  "AppServiceConsoleLogs",
  "AppServiceAppLogs",
  "AppServicePlatformLogs",
  "AppServiceAuditLogs",
  "AppServiceIPSecAuditLogs",
];

export interface DiagnosticCategories {
  /** Azure resource type the categories belong to. */
  readonly resourceType: string;
  /** Every log category Azure documents for the resource type; overrides must pick from these. */
  readonly supportedLogs: readonly string[];
  /** The categories collected by default. */
  readonly defaultLogs: readonly string[];
  /** Log category groups the resource type has. */
  readonly categoryGroups: readonly string[];
  /** Metric categories, sent to the workspace's AzureMetrics table. */
  readonly metrics: readonly string[];
  /** Where the categories were checked. */
  readonly source: string;
}

/**
 * The diagnostic categories of every resource type this project monitors: one table, the only
 * place to change when Azure adds a category.
 *
 * Explicit categories, not category groups (`allLogs`, `audit`), by default: the synthesized
 * JSON then says exactly what is collected and paid for, which is what "synth and review" is
 * about. A group's members change when Azure adds a category, which changes the bill without a
 * diff in review (on web apps `allLogs` would add AppServiceAuthenticationLogs, billed on
 * export, and the function and Logic Apps categories that never carry data for a container).
 * Groups stay available through {@link DiagnosticSettingsProps.logCategoryGroups}.
 *
 * Defaults for web apps and slots are the categories a Linux container produces (Azure's App
 * Service monitoring reference): HTTP, console, app, platform, access-audit and IP-security
 * logs. Left out: AppServiceFileAuditLogs and AppServiceAntivirusScanAuditLogs (Premium-only
 * and "TBA" on Linux), AppServiceAuthenticationLogs (preview, billed on export, web app only),
 * FunctionAppLogs and WorkflowRuntime (Functions and Logic Apps). The plan gets metrics only: its
 * documented log categories (console and platform logs) repeat what its sites already send.
 */
export const DIAGNOSTIC_CATEGORIES: Readonly<Record<DiagnosticTargetKind, DiagnosticCategories>> = {
  webApp: {
    resourceType: "Microsoft.Web/sites",
    supportedLogs: [
      "AppServiceAntivirusScanAuditLogs",
      "AppServiceAppLogs",
      "AppServiceAuditLogs",
      "AppServiceAuthenticationLogs",
      "AppServiceConsoleLogs",
      "AppServiceFileAuditLogs",
      "AppServiceHTTPLogs",
      "AppServiceIPSecAuditLogs",
      "AppServicePlatformLogs",
      "FunctionAppLogs",
      "WorkflowRuntime",
    ],
    defaultLogs: APP_SERVICE_DEFAULT_LOGS,
    categoryGroups: ["allLogs", "audit"],
    metrics: ["AllMetrics"],
    source:
      "https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-web-sites-logs",
  },
  webAppSlot: {
    resourceType: "Microsoft.Web/sites/slots",
    supportedLogs: [
      "AppServiceAntivirusScanAuditLogs",
      "AppServiceAppLogs",
      "AppServiceAuditLogs",
      "AppServiceConsoleLogs",
      "AppServiceFileAuditLogs",
      "AppServiceHTTPLogs",
      "AppServiceIPSecAuditLogs",
      "AppServicePlatformLogs",
      "FunctionAppLogs",
    ],
    defaultLogs: APP_SERVICE_DEFAULT_LOGS,
    categoryGroups: ["allLogs", "audit"],
    metrics: ["AllMetrics"],
    source:
      "https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-web-sites-slots-logs",
  },
  appServicePlan: {
    resourceType: "Microsoft.Web/serverfarms",
    supportedLogs: ["AppServiceConsoleLogs", "AppServicePlatformLogs"],
    defaultLogs: [],
    categoryGroups: ["allLogs"],
    metrics: ["AllMetrics"],
    source:
      "https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-web-serverfarms-logs",
  },
  keyVault: {
    resourceType: "Microsoft.KeyVault/vaults",
    supportedLogs: ["AuditEvent", "AzurePolicyEvaluationDetails"],
    defaultLogs: ["AuditEvent", "AzurePolicyEvaluationDetails"],
    categoryGroups: ["allLogs", "audit"],
    metrics: ["AllMetrics"],
    source:
      "https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-keyvault-vaults-logs",
  },
  containerRegistry: {
    resourceType: "Microsoft.ContainerRegistry/registries",
    supportedLogs: ["ContainerRegistryLoginEvents", "ContainerRegistryRepositoryEvents"],
    defaultLogs: ["ContainerRegistryLoginEvents", "ContainerRegistryRepositoryEvents"],
    categoryGroups: ["allLogs", "audit"],
    metrics: ["AllMetrics"],
    source:
      "https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-containerregistry-registries-logs",
  },
  // PostgreSQLLogs holds the server log (connections and disconnections among it, see
  // POSTGRES_SERVER_PARAMETERS) and costs nothing to export; sessions, Query Store, autovacuum and
  // transaction statistics are billed on export and can be added with logCategories.
  postgresqlFlexibleServer: {
    resourceType: "Microsoft.DBforPostgreSQL/flexibleServers",
    supportedLogs: [
      "PostgreSQLFlexDatabaseXacts",
      "PostgreSQLFlexQueryStoreRuntime",
      "PostgreSQLFlexQueryStoreWaitStats",
      "PostgreSQLFlexSessions",
      "PostgreSQLFlexTableStats",
      "PostgreSQLLogs",
    ],
    defaultLogs: ["PostgreSQLLogs"],
    categoryGroups: ["allLogs"],
    metrics: ["AllMetrics"],
    source:
      "https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-dbforpostgresql-flexibleservers-logs",
  },
  // Management operations, who sent and received on the data plane (RuntimeAuditLogs, Premium),
  // connections the network rules refused (what a private namespace is debugged with) and client
  // errors. ApplicationMetricsLogs (Premium) repeats the metrics and is billed on export.
  serviceBusNamespace: {
    resourceType: "Microsoft.ServiceBus/namespaces",
    supportedLogs: [
      "ApplicationMetricsLogs",
      "DiagnosticErrorLogs",
      "OperationalLogs",
      "RuntimeAuditLogs",
      "VNetAndIPFilteringLogs",
    ],
    defaultLogs: ["OperationalLogs", "RuntimeAuditLogs", "VNetAndIPFilteringLogs", "DiagnosticErrorLogs"],
    categoryGroups: ["allLogs", "audit"],
    metrics: ["AllMetrics"],
    source:
      "https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-servicebus-namespaces-logs",
  },
};

/** What diagnostic settings can be attached to: the project's constructs, or a web app's slot. */
export type DiagnosticTarget =
  | ContainerWebApp
  | AzLinuxWebApp
  | AzLinuxWebAppSlot
  | AppServicePlan
  | SecretVault
  | ContainerRegistry
  | PostgresDatabase
  | MessageQueue;

/** The category table's key and the Azure resource id of `target`. */
export function diagnosticTargetOf(target: DiagnosticTarget): { kind: DiagnosticTargetKind; id: string } {
  if (target instanceof ContainerWebApp) return { kind: "webApp", id: target.id };
  if (target instanceof AzLinuxWebApp) return { kind: "webApp", id: target.id };
  if (target instanceof AzLinuxWebAppSlot) return { kind: "webAppSlot", id: target.id };
  if (target instanceof AppServicePlan) return { kind: "appServicePlan", id: target.id };
  if (target instanceof SecretVault) return { kind: "keyVault", id: target.id };
  if (target instanceof PostgresDatabase) return { kind: "postgresqlFlexibleServer", id: target.id };
  if (target instanceof MessageQueue) return { kind: "serviceBusNamespace", id: target.id };
  return { kind: "containerRegistry", id: target.id };
}

export interface DiagnosticSettingsProps {
  /** The resource whose logs and metrics are sent. */
  readonly target: DiagnosticTarget;
  readonly workspace: ILogAnalyticsWorkspace;
  /**
   * Setting name, unique among the target's diagnostic settings (Azure allows 5).
   * @default "send-to-log-analytics"
   */
  readonly name?: string;
  /**
   * Log categories to collect, from the kind's `supportedLogs` in {@link DIAGNOSTIC_CATEGORIES}.
   * @default the kind's `defaultLogs`; none when logCategoryGroups is set
   */
  readonly logCategories?: readonly string[];
  /** Collect whole category groups (e.g. "audit", "allLogs") instead of categories. @default none */
  readonly logCategoryGroups?: readonly string[];
  /** Send platform metrics (AllMetrics) too. @default true */
  readonly metricsEnabled?: boolean;
  /**
   * "Dedicated" (resource-specific tables) or "AzureDiagnostics". Left unset by default: App
   * Service and Container Registry always write resource-specific tables, and Azure does not
   * echo the value back for several resource types (Key Vault among them), which makes a set
   * value show as a change in every plan (azurerm issue 22406, azure-rest-api-specs 22400).
   * @default unset (Azure's default for the resource type)
   */
  readonly logAnalyticsDestinationType?: "Dedicated" | "AzureDiagnostics";
}

/** What a diagnostic setting of a `kind` resource may collect: its categories and groups, and something at all. */
export function diagnosticSettingsProblems(
  kind: DiagnosticTargetKind,
  props: Pick<DiagnosticSettingsProps, "logCategories" | "logCategoryGroups" | "metricsEnabled">,
): PropProblem[] {
  const table = DIAGNOSTIC_CATEGORIES[kind];
  const groups = props.logCategoryGroups ?? [];
  const categories = props.logCategories ?? (groups.length > 0 ? [] : table.defaultLogs);
  const problems: PropProblem[] = [];
  categories.forEach((category, i) => {
    if (!table.supportedLogs.includes(category))
      problems.push({
        prop: ["logCategories", i],
        value: category,
        rule: `is not a category of ${table.resourceType}; it has ${table.supportedLogs.join(", ") || "no log categories"} (${table.source})`,
      });
    else if (categories.indexOf(category) !== i)
      problems.push({ prop: ["logCategories", i], value: category, rule: "is listed twice" });
  });
  groups.forEach((group, i) => {
    if (!table.categoryGroups.includes(group))
      problems.push({
        prop: ["logCategoryGroups", i],
        value: group,
        rule: `is not a category group of ${table.resourceType}; it has ${table.categoryGroups.join(", ")}`,
      });
    else if (groups.indexOf(group) !== i)
      problems.push({ prop: ["logCategoryGroups", i], value: group, rule: "is listed twice" });
  });
  if (props.logCategories && props.logCategories.length > 0 && groups.length > 0)
    problems.push({
      prop: [],
      rule: "logCategories and logCategoryGroups are both set; choose explicit categories or groups, a category inside a group would be sent twice",
    });
  if (categories.length === 0 && groups.length === 0 && (props.metricsEnabled ?? true) === false)
    problems.push({
      prop: [],
      rule: "nothing to send: no log categories, no category groups and metricsEnabled = false",
    });
  return problems;
}

/**
 * Sends a resource's logs and metrics to the Log Analytics workspace with the `enabled_log` and
 * `enabled_metric` blocks (the `log` block is gone in azurerm 4 and `metric` is deprecated).
 */
export class DiagnosticSettings extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzMonitorDiagnosticSetting;
  readonly kind: DiagnosticTargetKind;

  constructor(scope: Construct, id: string, props: DiagnosticSettingsProps) {
    super(scope, id);
    const target = diagnosticTargetOf(props.target);
    this.kind = target.kind;
    const table = DIAGNOSTIC_CATEGORIES[target.kind];
    const groups = props.logCategoryGroups ?? [];
    const categories = props.logCategories ?? (groups.length > 0 ? [] : table.defaultLogs);
    const metrics = (props.metricsEnabled ?? true) ? table.metrics : [];

    this.node.addValidation({
      validate: () =>
        validationMessages("DiagnosticSettings", this, diagnosticSettingsProblems(target.kind, props)),
    });

    this.resource = new AzMonitorDiagnosticSetting(this, "setting", {
      name: props.name ?? "send-to-log-analytics",
      targetResourceId: target.id,
      logAnalyticsWorkspaceId: props.workspace.id,
      logAnalyticsDestinationType: props.logAnalyticsDestinationType,
      enabledLog: nonEmpty([
        ...categories.map((category) => ({ category })),
        ...groups.map((categoryGroup) => ({ categoryGroup })),
      ]),
      enabledMetric: nonEmpty(metrics.map((category) => ({ category }))),
    });
  }
}

/** Zero blocks are written as no attribute at all, not as an empty list. */
function nonEmpty<T>(blocks: T[]): T[] | undefined {
  return blocks.length > 0 ? blocks : undefined;
}
