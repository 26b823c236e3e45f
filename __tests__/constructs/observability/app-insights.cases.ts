import { AppIdentity } from "../../../constructs/app-identity";
import {
  APP_INSIGHTS_RETENTION_DAYS,
  AppInsights,
  type AppInsightsProps,
} from "../../../constructs/app-insights";
import type { AzRoleAssignment } from "../../../constructs/providers";
import {
  environment,
  jsonOf,
  observabilityStack,
  RG_LOCATION,
  RG_NAME,
  resolved,
  synth,
  synthError,
  workspaceIn,
} from "./fixture";

function component(props: Partial<AppInsightsProps> = {}) {
  const t = observabilityStack();
  const workspace = workspaceIn(t.stack, t.rg);
  const appi = new AppInsights(t.stack, "appi", {
    name: "appi-contoso-prod-api-production",
    resourceGroup: t.rg,
    workspace,
    ...props,
  });
  return { ...t, workspace, appi };
}

describe("AppInsights", () => {
  test("defaults: workspace-based web component, 90 days, Entra ID-only ingestion", () => {
    const { stack, appi, workspace } = component();
    const json = synth(stack);
    expect(jsonOf(json, stack, appi.resource)).toEqual({
      name: "appi-contoso-prod-api-production",
      resource_group_name: RG_NAME,
      location: RG_LOCATION,
      application_type: "web",
      workspace_id: resolved(stack, workspace.id),
      retention_in_days: 90,
      local_authentication_disabled: true,
    });
    expect(resolved(stack, workspace.id)).toMatch(/^\$\{azurerm_log_analytics_workspace\.[^.]+\.id\}$/);
  });

  test("overrides: location, retention, local authentication for SDKs without Entra ID, tags", () => {
    const { stack, appi } = component({
      location: "northeurope",
      retentionInDays: 30,
      localAuthenticationDisabled: false,
      tags: { slot: "staging" },
    });
    expect(jsonOf(synth(stack), stack, appi.resource)).toMatchObject({
      location: "northeurope",
      retention_in_days: 30,
      local_authentication_disabled: false,
      tags: { slot: "staging" },
    });
    expect(appi.location).toBe("northeurope");
  });

  test("exposes id, name and the connection string as Terraform references, never literals", () => {
    const { stack, appi } = component();
    const logicalId = stack.getLogicalId(appi.resource);
    expect(resolved(stack, appi.id)).toBe(`\${azurerm_application_insights.${logicalId}.id}`);
    expect(resolved(stack, appi.name)).toBe(`\${azurerm_application_insights.${logicalId}.name}`);
    expect(resolved(stack, appi.connectionString)).toBe(
      `\${azurerm_application_insights.${logicalId}.connection_string}`,
    );
    expect(resolved(stack, appi.location)).toBe(RG_LOCATION);
  });

  test("each slot's component feeds only that slot's sticky APPLICATIONINSIGHTS_CONNECTION_STRING", () => {
    const { stack, webApp, components } = environment();
    const json = synth(stack);
    const production = jsonOf(json, stack, webApp.resource);
    const stagingSlot = webApp.slots.get("staging");
    if (!stagingSlot) throw new Error("the fixture has a staging slot");
    const staging = jsonOf(json, stack, stagingSlot);
    const connection = (appi: AppInsights) => resolved(stack, appi.connectionString);
    expect(production.app_settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(
      connection(components.production),
    );
    expect(staging.app_settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(connection(components.staging));
    expect(connection(components.production)).not.toBe(connection(components.staging));
    expect(production.sticky_settings.app_setting_names).toContain("APPLICATIONINSIGHTS_CONNECTION_STRING");
  });

  test("grantPublish gives the identity Monitoring Metrics Publisher on the component, once", () => {
    const { stack, rg, appi } = component();
    const identity = new AppIdentity(stack, "identity", { name: "id-api", resourceGroup: rg });
    const grant = appi.grantPublish(identity);
    expect(appi.grantPublish(identity)).toBe(grant);
    const json = synth(stack);
    expect(jsonOf(json, stack, grant.resource as AzRoleAssignment)).toMatchObject({
      role_definition_name: "Monitoring Metrics Publisher",
      scope: resolved(stack, appi.id),
      principal_id: resolved(stack, identity.principalId),
      principal_type: "ServicePrincipal",
    });
    expect(Object.keys(json.resource.azurerm_role_assignment)).toHaveLength(1);
  });

  test.each([0, 7, 31, 100, 731])("refuses retentionInDays = %d", (days) => {
    expect(synthError(component({ retentionInDays: days }).stack)).toContain(
      `AppInsights test/appi: retentionInDays = ${days} must be one of ${APP_INSIGHTS_RETENTION_DAYS.join(", ")}`,
    );
  });

  test("accepts every retention Azure lists", () => {
    for (const retentionInDays of APP_INSIGHTS_RETENTION_DAYS) {
      expect(() => synth(component({ retentionInDays }).stack)).not.toThrow();
    }
  });

  test("refuses an over-long name", () => {
    const name = "a".repeat(261);
    expect(synthError(component({ name }).stack)).toContain(
      `AppInsights test/appi: name = "${name}" must be 1-260 characters`,
    );
  });
});
