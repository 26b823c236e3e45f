import { azureName, type NamingContext } from "./naming";

/** Names of the shared stack's resources. */
export interface SharedNames {
  readonly resourceGroup: string;
  readonly registry: string;
}

/** Names of one environment's resources. */
export interface EnvironmentNames {
  readonly resourceGroup: string;
  readonly plan: string;
  readonly autoscale: string;
  readonly vault: string;
  readonly apiIdentity: string;
  readonly apiApp: string;
}

export function sharedNames(context: NamingContext): SharedNames {
  return {
    resourceGroup: azureName(context, "resourceGroup", "shared"),
    registry: azureName(context, "containerRegistry"),
  };
}

/** @throws NamingError when the app, environment and suffix make a name too long. */
export function environmentNames(context: NamingContext, environment: string): EnvironmentNames {
  return {
    resourceGroup: azureName(context, "resourceGroup", environment),
    plan: azureName(context, "servicePlan", environment),
    autoscale: azureName(context, "autoscaleSetting", environment),
    vault: azureName(context, "keyVault", environment),
    apiIdentity: azureName(context, "userAssignedIdentity", environment, "api"),
    apiApp: azureName(context, "webApp", environment, "api"),
  };
}

/** The naming context of a configuration's app. */
export function namingContext(app: { readonly name: string; readonly nameSuffix: string }): NamingContext {
  return { app: app.name, suffix: app.nameSuffix };
}
