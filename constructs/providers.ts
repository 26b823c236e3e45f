/**
 * The only module that imports provider bindings.
 *
 * It is the inventory of every Terraform resource type this project can synthesize, and the
 * one file to change when moving to another binding package (for example CDK Terrain).
 * Imports are deep on purpose: the package roots load ~1,500 files (~1.5 s, ~400 MB per
 * process); a test fails on any root import.
 */

// azurerm 4.55.0 (@cdktf/provider-azurerm 14.23.1)
export { ContainerRegistry as AzContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
export { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
export { DataAzurermContainerRegistry } from "@cdktf/provider-azurerm/lib/data-azurerm-container-registry";
export { DataAzurermLogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/data-azurerm-log-analytics-workspace";
export { KeyVault as AzKeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
export { KeyVaultAccessPolicyA as AzKeyVaultAccessPolicy } from "@cdktf/provider-azurerm/lib/key-vault-access-policy";
export { KeyVaultSecret as AzKeyVaultSecret } from "@cdktf/provider-azurerm/lib/key-vault-secret";
export {
  LinuxWebApp as AzLinuxWebApp,
  type LinuxWebAppSiteConfig,
} from "@cdktf/provider-azurerm/lib/linux-web-app";
export {
  LinuxWebAppSlot as AzLinuxWebAppSlot,
  type LinuxWebAppSlotSiteConfig,
} from "@cdktf/provider-azurerm/lib/linux-web-app-slot";
export {
  MonitorAutoscaleSetting as AzMonitorAutoscaleSetting,
  type MonitorAutoscaleSettingProfileRule,
} from "@cdktf/provider-azurerm/lib/monitor-autoscale-setting";
export { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
export { ResourceGroup as AzResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
export { RoleAssignment as AzRoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
export { ServicePlan as AzServicePlan } from "@cdktf/provider-azurerm/lib/service-plan";
export { UserAssignedIdentity as AzUserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
// docker 3.6.2 (@cdktf/provider-docker 12.0.3): image build and push.
export { Image as DockerImage } from "@cdktf/provider-docker/lib/image";
export { DockerProvider } from "@cdktf/provider-docker/lib/provider";
export { RegistryImage as DockerRegistryImage } from "@cdktf/provider-docker/lib/registry-image";
// time 0.x (@cdktf/provider-time 11.0.1): waits out Azure RBAC propagation.
export { TimeProvider } from "@cdktf/provider-time/lib/provider";
export { Sleep as TimeSleep } from "@cdktf/provider-time/lib/sleep";

// observability (issue 4). The blank line below keeps Biome from merging this block into the list above.

export { ApplicationInsights as AzApplicationInsights } from "@cdktf/provider-azurerm/lib/application-insights";
export { ApplicationInsightsStandardWebTest as AzApplicationInsightsStandardWebTest } from "@cdktf/provider-azurerm/lib/application-insights-standard-web-test";
export { LogAnalyticsWorkspace as AzLogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
export { MonitorActionGroup as AzMonitorActionGroup } from "@cdktf/provider-azurerm/lib/monitor-action-group";
export { MonitorDiagnosticSetting as AzMonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
export { MonitorMetricAlert as AzMonitorMetricAlert } from "@cdktf/provider-azurerm/lib/monitor-metric-alert";
export { MonitorScheduledQueryRulesAlertV2 as AzMonitorScheduledQueryRulesAlertV2 } from "@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2";

// front end and data (issue 5). The blank line below keeps Biome from merging this block into the lists above.

export { PostgresqlFlexibleServer as AzPostgresqlFlexibleServer } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server";
export { PostgresqlFlexibleServerConfiguration as AzPostgresqlFlexibleServerConfiguration } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration";
export { PostgresqlFlexibleServerDatabase as AzPostgresqlFlexibleServerDatabase } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-database";
export { PostgresqlFlexibleServerFirewallRule as AzPostgresqlFlexibleServerFirewallRule } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule";
export { PrivateDnsZone as AzPrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
// private networking: VNet integration of the apps and a VNet-injected database.
export { PrivateDnsZoneVirtualNetworkLink as AzPrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
export { ServicebusNamespace as AzServicebusNamespace } from "@cdktf/provider-azurerm/lib/servicebus-namespace";
export { ServicebusQueue as AzServicebusQueue } from "@cdktf/provider-azurerm/lib/servicebus-queue";
export { Subnet as AzSubnet } from "@cdktf/provider-azurerm/lib/subnet";
export { VirtualNetwork as AzVirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
// random 3.7.2 (@cdktf/provider-random 12.0.1): the database administrator password.
export { Password as RandomPassword } from "@cdktf/provider-random/lib/password";
export { RandomProvider } from "@cdktf/provider-random/lib/provider";

// HCP Terraform bootstrap (issue 12). The blank line below keeps Biome from merging this block into the lists above.

export { DataAzurermResourceGroup } from "@cdktf/provider-azurerm/lib/data-azurerm-resource-group";
export { DataAzurermRoleDefinition } from "@cdktf/provider-azurerm/lib/data-azurerm-role-definition";
export { DataAzurermSubscription } from "@cdktf/provider-azurerm/lib/data-azurerm-subscription";
export { FederatedIdentityCredential as AzFederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
// tfe 0.71.0 (@cdktf/provider-tfe 12.5.1): the HCP Terraform project, its workspaces and their variables.
export { Project as TfeProject } from "@cdktf/provider-tfe/lib/project";
export { TfeProvider } from "@cdktf/provider-tfe/lib/provider";
export { RunTrigger as TfeRunTrigger } from "@cdktf/provider-tfe/lib/run-trigger";
export { Variable as TfeVariable } from "@cdktf/provider-tfe/lib/variable";
export { Workspace as TfeWorkspace } from "@cdktf/provider-tfe/lib/workspace";
export { WorkspaceSettings as TfeWorkspaceSettings } from "@cdktf/provider-tfe/lib/workspace-settings";

// slot logins (issue 10): servers, vaults and web apps looked up by name in the stacks applied
// after the environment, and the postgresql provider 1.26.0 (@cdktf/provider-postgresql 12.1.1),
// whose role takes a write-only password. The blank line above keeps Biome from merging blocks.

export { DataAzurermKeyVault } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault";
export { DataAzurermLinuxWebApp } from "@cdktf/provider-azurerm/lib/data-azurerm-linux-web-app";
export { DataAzurermPostgresqlFlexibleServer } from "@cdktf/provider-azurerm/lib/data-azurerm-postgresql-flexible-server";
export { Grant as PgGrant } from "@cdktf/provider-postgresql/lib/grant";
export { PostgresqlProvider } from "@cdktf/provider-postgresql/lib/provider";
export { Role as PgRole } from "@cdktf/provider-postgresql/lib/role";

// private data plane (issue 11): private endpoints in the environment's network. The blank line
// above keeps Biome from merging this block into the lists above.

export { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
