/**
 * The public surface of the construct library, for projects that use it. Provider
 * classes stay behind constructs/providers.ts (each construct's `resource` is the escape hatch).
 */
export { AppIdentity, type AppIdentityProps } from "./app-identity";
export { AppServicePlan, type AppServicePlanProps } from "./app-service-plan";
export {
  Autoscale,
  type AutoscaleProps,
  DEFAULT_SCALE_RULES,
  PLAN_METRICS,
  type PlanMetric,
  type ScaleRuleSpec,
} from "./autoscale";
export { buildContextFiles, buildContextHash } from "./build-context";
export { ContainerImage, type ContainerImageProps } from "./container-image";
export { ContainerRegistry, type ContainerRegistryProps, type RegistrySku } from "./container-registry";
export {
  ContainerWebApp,
  type ContainerWebAppProps,
  DEFAULT_STICKY_SETTINGS,
  type SettingValue,
  type WebAppSlotOptions,
} from "./container-web-app";
export { DeployingPrincipal } from "./deploying-principal";
export { grantRole, type IGrantable } from "./grantable";
export { PLAN_SKUS, type PlanSku, type PlanTier, tierOf } from "./plan-tiers";
export { secretVariable } from "./secret-variable";
export { SecretVault, type SecretVaultProps, type VaultAuthorization } from "./secret-vault";
export { VaultSecret, type VaultSecretOptions, type VaultSecretProps } from "./vault-secret";
