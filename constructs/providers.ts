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
