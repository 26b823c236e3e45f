import type { TerraformResource, TerraformStack } from "cdktf";
import { ActionGroup } from "../../../constructs/action-group";
import { AppIdentity } from "../../../constructs/app-identity";
import { AppInsights } from "../../../constructs/app-insights";
import { AppServicePlan } from "../../../constructs/app-service-plan";
import { ContainerRegistry } from "../../../constructs/container-registry";
import { ContainerWebApp } from "../../../constructs/container-web-app";
import { LogAnalyticsWorkspace } from "../../../constructs/log-analytics-workspace";
import type { IResourceGroup } from "../../../constructs/resource-group";
import { type Json, testStack } from "../helpers";

export {
  type Json,
  RG_LOCATION,
  RG_NAME,
  resolved,
  synth,
  synthError,
  testStack as observabilityStack,
  tf,
} from "../helpers";

/** The synthesized JSON of `resource`. */
export function jsonOf(json: Json, stack: TerraformStack, resource: TerraformResource): Json {
  const body = json.resource?.[resource.terraformResourceType]?.[stack.getLogicalId(resource)];
  if (!body) throw new Error(`no ${resource.terraformResourceType} for ${resource.node.path} in the JSON`);
  return body;
}

/** Every resource of `type` in the JSON. */
export function all(json: Json, type: string): Json[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The shared workspace, as the shared stack would create it. */
export function workspaceIn(stack: TerraformStack, rg: IResourceGroup): LogAnalyticsWorkspace {
  return new LogAnalyticsWorkspace(stack, "law", { name: "log-contoso", resourceGroup: rg });
}

/**
 * The pieces an environment stack wires together: a P1v3 plan, one App Insights component per
 * slot, the API with a staging slot whose sticky connection strings point at those components,
 * and an action group.
 */
export function environment() {
  const t = testStack();
  const workspace = workspaceIn(t.stack, t.rg);
  const component = (slot: string) =>
    new AppInsights(t.stack, `appi-${slot}`, {
      name: `appi-contoso-prod-api-${slot}`,
      resourceGroup: t.rg,
      workspace,
    });
  const components = { production: component("production"), staging: component("staging") };
  const plan = new AppServicePlan(t.stack, "plan", { name: "asp-contoso-prod", resourceGroup: t.rg });
  const registry = new ContainerRegistry(t.stack, "acr", { name: "crcontoso", resourceGroup: t.rg });
  const identity = new AppIdentity(t.stack, "identity", { name: "id-contoso-prod-api", resourceGroup: t.rg });
  const stagingIdentity = new AppIdentity(t.stack, "identity-staging", {
    name: "id-contoso-prod-api-staging",
    resourceGroup: t.rg,
  });
  const pullIdentity = new AppIdentity(t.stack, "pull", {
    name: "id-contoso-prod-pull-api",
    resourceGroup: t.rg,
  });
  const webApp = new ContainerWebApp(t.stack, "api", {
    name: "app-contoso-prod-api",
    resourceGroup: t.rg,
    plan,
    registry,
    pullIdentity,
    identity,
    repository: "api",
    imageTag: "v1",
    productionStickyValues: { APPLICATIONINSIGHTS_CONNECTION_STRING: components.production.connectionString },
    slots: [
      {
        name: "staging",
        identity: stagingIdentity,
        stickyValues: { APPLICATIONINSIGHTS_CONNECTION_STRING: components.staging.connectionString },
      },
    ],
  });
  const actionGroup = new ActionGroup(t.stack, "ag", {
    name: "ag-contoso-prod",
    resourceGroup: t.rg,
    shortName: "contoso-prod",
    emails: ["ops@contoso.example"],
  });
  return { ...t, workspace, plan, registry, identity, stagingIdentity, webApp, components, actionGroup };
}
