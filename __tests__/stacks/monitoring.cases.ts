import { loadConfig } from "../../config/load-config";
import { refTo, resourceAt, resourcesByPath, synthPlatform } from "./platform-fixture";

const synth = synthPlatform(loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false" }));
const shared = synth.stacks["contoso-shared"];
const prod = synth.stacks["contoso-prod"];
const dev = synth.stacks["contoso-dev"];
const workspaceRef = /^\$\{data\.azurerm_log_analytics_workspace\.[\w-]+\.id\}$/;

test("one Log Analytics workspace in the shared stack; the registry's diagnostics go there", () => {
  expect(resourceAt(shared, "azurerm_log_analytics_workspace", "logs/workspace")).toMatchObject({
    name: "log-contoso",
    retention_in_days: 30,
  });
  const diagnostics = resourceAt(
    shared,
    "azurerm_monitor_diagnostic_setting",
    "registry-diagnostics/setting",
  );
  expect(diagnostics.target_resource_id).toBe(
    refTo(shared, "azurerm_container_registry", "registry/registry", "id"),
  );
  expect(diagnostics.log_analytics_workspace_id).toBe(
    refTo(shared, "azurerm_log_analytics_workspace", "logs/workspace", "id"),
  );
});

describe("App Insights per slot", () => {
  const app = resourceAt(prod, "azurerm_linux_web_app", "api/app");
  const staging = resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging");

  test("workspace-based components, one per slot", () => {
    for (const [slot, name] of [
      ["production", "appi-contoso-prod-api"],
      ["staging", "appi-contoso-prod-api-staging"],
    ]) {
      const component = resourceAt(prod, "azurerm_application_insights", `api-insights-${slot}/component`);
      expect(component).toMatchObject({ name, application_type: "web", retention_in_days: 90 });
      expect(component.workspace_id).toMatch(workspaceRef);
    }
  });

  test("each slot's sticky connection string is its own component's", () => {
    expect(app.app_settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(
      refTo(prod, "azurerm_application_insights", "api-insights-production/component", "connection_string"),
    );
    expect(staging.app_settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(
      refTo(prod, "azurerm_application_insights", "api-insights-staging/component", "connection_string"),
    );
    expect(app.sticky_settings.app_setting_names).toContain("APPLICATIONINSIGHTS_CONNECTION_STRING");
  });

  test("the SDK signs in with the slot's own identity, the only one allowed to publish to its component", () => {
    const clientId = (path: string) => refTo(prod, "azurerm_user_assigned_identity", path, "client_id");
    expect(app.app_settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING).toBe(
      `Authorization=AAD;ClientId=${clientId("api-identity/identity")}`,
    );
    expect(staging.app_settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING).toBe(
      `Authorization=AAD;ClientId=${clientId("api-identity-staging/identity")}`,
    );
    expect(app.sticky_settings.app_setting_names).toContain("APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
  });
});

test("diagnostics of the plan, the vault, the apps and every slot go to the shared workspace", () => {
  const settings = resourcesByPath(prod, "azurerm_monitor_diagnostic_setting");
  expect(
    Object.fromEntries(Object.entries(settings).map(([path, s]) => [path, s.target_resource_id])),
  ).toEqual({
    "plan-diagnostics/setting": refTo(prod, "azurerm_service_plan", "plan/plan", "id"),
    "vault-diagnostics/setting": refTo(prod, "azurerm_key_vault", "vault/vault", "id"),
    "api-diagnostics/setting": refTo(prod, "azurerm_linux_web_app", "api/app", "id"),
    "api-staging-diagnostics/setting": refTo(prod, "azurerm_linux_web_app_slot", "api/slot-staging", "id"),
    "web-diagnostics/setting": refTo(prod, "azurerm_linux_web_app", "web/app", "id"),
    "database-diagnostics/setting": refTo(
      prod,
      "azurerm_postgresql_flexible_server",
      "database/server",
      "id",
    ),
  });
  for (const setting of Object.values(settings))
    expect(setting.log_analytics_workspace_id).toMatch(workspaceRef);
  expect(
    settings["api-diagnostics/setting"].enabled_log.map((log: { category: string }) => log.category),
  ).toContain("AppServiceHTTPLogs");
});

describe("rollback alerts", () => {
  test("prod: an action group with the on-call address, and alerts per slot on the slot's own signals", () => {
    expect(resourceAt(prod, "azurerm_monitor_action_group", "action-group/group")).toMatchObject({
      name: "ag-contoso-prod",
      email_receiver: [expect.objectContaining({ email_address: "platform-oncall@contoso.example" })],
    });
    const queries = Object.values(resourcesByPath(prod, "azurerm_monitor_scheduled_query_rules_alert_v2"));
    expect(queries.map((rule) => rule.name).sort()).toEqual([
      "alert-contoso-prod-api-error-rate",
      "alert-contoso-prod-api-p95-latency",
      "alert-contoso-prod-api-staging-error-rate",
      "alert-contoso-prod-api-staging-p95-latency",
    ]);
    const stagingLatency = queries.find((rule) => rule.name === "alert-contoso-prod-api-staging-p95-latency");
    expect(stagingLatency?.scopes).toEqual([
      refTo(prod, "azurerm_application_insights", "api-insights-staging/component", "id"),
    ]);
    expect(JSON.stringify(stagingLatency?.criteria)).toContain("600"); // baseline 300 ms x factor 2
    const metricScopes = Object.values(resourcesByPath(prod, "azurerm_monitor_metric_alert")).flatMap(
      (alert) => alert.scopes,
    );
    expect(metricScopes).toEqual(
      expect.arrayContaining([
        refTo(prod, "azurerm_linux_web_app", "api/app", "id"),
        refTo(prod, "azurerm_linux_web_app_slot", "api/slot-staging", "id"),
      ]),
    );
    expect(Object.keys(resourcesByPath(prod, "azurerm_application_insights_standard_web_test"))).toHaveLength(
      2,
    );
  });

  test("prod's autoscale tells the same people", () => {
    const autoscale = resourceAt(prod, "azurerm_monitor_autoscale_setting", "autoscale/autoscale");
    expect(autoscale.notification.email.custom_emails).toEqual(["platform-oncall@contoso.example"]);
  });

  test("dev keeps telemetry and diagnostics but pages nobody", () => {
    expect(dev.resource.azurerm_application_insights).toBeDefined();
    expect(dev.resource.azurerm_monitor_diagnostic_setting).toBeDefined();
    for (const type of [
      "azurerm_monitor_action_group",
      "azurerm_monitor_scheduled_query_rules_alert_v2",
      "azurerm_monitor_metric_alert",
      "azurerm_application_insights_standard_web_test",
    ]) {
      expect(dev.resource[type]).toBeUndefined();
    }
  });
});
