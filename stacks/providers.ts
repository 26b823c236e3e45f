import type { TerraformStack } from "cdktf";
import { AzurermProvider, TimeProvider } from "../constructs/providers";

/**
 * The azurerm provider as every stack configures it. Credentials and the subscription come
 * from the environment (`az login`, or ARM_* variables, OIDC in CI): nothing about who
 * deploys is written into the JSON.
 */
export function addAzureProvider(stack: TerraformStack): AzurermProvider {
  return new AzurermProvider(stack, "azurerm", { features: [{}] });
}

/** The time provider, for waits such as RBAC propagation. */
export function addTimeProvider(stack: TerraformStack): TimeProvider {
  return new TimeProvider(stack, "time", {});
}
