import {
  DIAGNOSTIC_CATEGORIES,
  DiagnosticSettings,
  type DiagnosticSettingsProps,
  type DiagnosticTargetKind,
} from "../../../constructs/diagnostic-settings";
import { MessageQueue } from "../../../constructs/message-queue";
import type { AzLinuxWebAppSlot } from "../../../constructs/providers";
import { SecretVault } from "../../../constructs/secret-vault";
import { environment, type Json, jsonOf, resolved, synth, synthError } from "./fixture";

const WEB_APP_DEFAULTS = [
  "AppServiceHTTPLogs",
  "AppServiceConsoleLogs",
  "AppServiceAppLogs",
  "AppServicePlatformLogs",
  "AppServiceAuditLogs",
  "AppServiceIPSecAuditLogs",
];

function setup() {
  const env = environment();
  const vault = new SecretVault(env.stack, "kv", { name: "kv-contoso-prod", resourceGroup: env.rg });
  return { ...env, vault };
}
type Setup = ReturnType<typeof setup>;

function diagnostics(
  pick: (s: Setup) => DiagnosticSettingsProps["target"],
  props: Partial<DiagnosticSettingsProps> = {},
) {
  const s = setup();
  const settings = new DiagnosticSettings(s.stack, "diag", {
    target: pick(s),
    workspace: s.workspace,
    ...props,
  });
  return { ...s, settings };
}

const categoriesOf = (setting: Json): string[] =>
  (setting.enabled_log ?? []).map((log: Json) => log.category ?? `group:${log.category_group}`);

/** The fixture's staging slot. */
function staging(s: Setup): AzLinuxWebAppSlot {
  const slot = s.webApp.slots.get("staging");
  if (!slot) throw new Error("the fixture has a staging slot");
  return slot;
}

describe("DiagnosticSettings", () => {
  test("web app: its six Linux-container log categories and AllMetrics to the workspace, with enabled_log/enabled_metric", () => {
    const { stack, settings, webApp, workspace } = diagnostics((s) => s.webApp);
    const setting = jsonOf(synth(stack), stack, settings.resource);
    expect(setting).toEqual({
      name: "send-to-log-analytics",
      target_resource_id: resolved(stack, webApp.id),
      log_analytics_workspace_id: resolved(stack, workspace.id),
      enabled_log: WEB_APP_DEFAULTS.map((category) => ({ category })),
      enabled_metric: [{ category: "AllMetrics" }],
    });
    // azurerm 4: `log` is gone and `metric` is deprecated; the destination type is left to Azure.
    expect(setting).not.toHaveProperty("log");
    expect(setting).not.toHaveProperty("metric");
    expect(setting).not.toHaveProperty("log_analytics_destination_type");
    expect(settings.kind).toBe("webApp");
  });

  test("the web app's azurerm resource (escape hatch) is a web app too", () => {
    const { stack, settings, webApp } = diagnostics((s) => s.webApp.resource);
    expect(settings.kind).toBe("webApp");
    expect(jsonOf(synth(stack), stack, settings.resource).target_resource_id).toBe(
      resolved(stack, webApp.id),
    );
  });

  test("slot: the slot's own id and the slot categories", () => {
    const { stack, settings, webApp } = diagnostics(staging);
    const setting = jsonOf(synth(stack), stack, settings.resource);
    expect(settings.kind).toBe("webAppSlot");
    expect(setting.target_resource_id).toBe(resolved(stack, webApp.slots.get("staging")?.id));
    expect(setting.target_resource_id).not.toBe(resolved(stack, webApp.id));
    expect(categoriesOf(setting)).toEqual(WEB_APP_DEFAULTS);
  });

  test("App Service plan: metrics only", () => {
    const { stack, settings, plan } = diagnostics((s) => s.plan);
    const setting = jsonOf(synth(stack), stack, settings.resource);
    expect(settings.kind).toBe("appServicePlan");
    expect(setting.target_resource_id).toBe(resolved(stack, plan.id));
    expect(setting).not.toHaveProperty("enabled_log");
    expect(setting.enabled_metric).toEqual([{ category: "AllMetrics" }]);
  });

  test("Key Vault: AuditEvent and AzurePolicyEvaluationDetails", () => {
    const { stack, settings, vault } = diagnostics((s) => s.vault);
    const setting = jsonOf(synth(stack), stack, settings.resource);
    expect(settings.kind).toBe("keyVault");
    expect(setting.target_resource_id).toBe(resolved(stack, vault.id));
    expect(categoriesOf(setting)).toEqual(["AuditEvent", "AzurePolicyEvaluationDetails"]);
  });

  test("Container Registry: login and repository events", () => {
    const { stack, settings, registry } = diagnostics((s) => s.registry);
    const setting = jsonOf(synth(stack), stack, settings.resource);
    expect(settings.kind).toBe("containerRegistry");
    expect(setting.target_resource_id).toBe(resolved(stack, registry.id));
    expect(categoriesOf(setting)).toEqual([
      "ContainerRegistryLoginEvents",
      "ContainerRegistryRepositoryEvents",
    ]);
  });

  test("Service Bus: operations, runtime audit, refused connections and client errors", () => {
    const { stack, rg, workspace } = setup();
    const bus = new MessageQueue(stack, "bus", { name: "sb-contoso-prod", resourceGroup: rg });
    const settings = new DiagnosticSettings(stack, "diag", { target: bus, workspace });
    const setting = jsonOf(synth(stack), stack, settings.resource);
    expect(settings.kind).toBe("serviceBusNamespace");
    expect(setting.target_resource_id).toBe(resolved(stack, bus.id));
    expect(categoriesOf(setting)).toEqual([
      "OperationalLogs",
      "RuntimeAuditLogs",
      "VNetAndIPFilteringLogs",
      "DiagnosticErrorLogs",
    ]);
    expect(setting.enabled_metric).toEqual([{ category: "AllMetrics" }]);
  });

  test("overrides: name, explicit categories, no metrics, destination type", () => {
    const { stack, settings } = diagnostics((s) => s.webApp, {
      name: "to-security-workspace",
      logCategories: ["AppServiceHTTPLogs", "AppServiceFileAuditLogs"],
      metricsEnabled: false,
      logAnalyticsDestinationType: "Dedicated",
    });
    const setting = jsonOf(synth(stack), stack, settings.resource);
    expect(setting).toMatchObject({
      name: "to-security-workspace",
      log_analytics_destination_type: "Dedicated",
      enabled_log: [{ category: "AppServiceHTTPLogs" }, { category: "AppServiceFileAuditLogs" }],
    });
    expect(setting).not.toHaveProperty("enabled_metric");
  });

  test("category groups replace the default categories", () => {
    const { stack, settings } = diagnostics((s) => s.vault, { logCategoryGroups: ["audit"] });
    expect(jsonOf(synth(stack), stack, settings.resource).enabled_log).toEqual([{ category_group: "audit" }]);
  });

  test("refuses a category the resource type does not have, naming the source", () => {
    const error = synthError(
      diagnostics(staging, {
        logCategories: ["AppServiceAuthenticationLogs"],
      }).stack,
    );
    expect(error).toContain(
      `DiagnosticSettings test/diag: logCategories[0] = "AppServiceAuthenticationLogs" is not a category of Microsoft.Web/sites/slots`,
    );
    expect(error).toContain(DIAGNOSTIC_CATEGORIES.webAppSlot.source);
    expect(
      synthError(diagnostics((s) => s.vault, { logCategories: ["AppServiceHTTPLogs"] }).stack),
    ).toContain(
      `logCategories[0] = "AppServiceHTTPLogs" is not a category of Microsoft.KeyVault/vaults; it has AuditEvent, AzurePolicyEvaluationDetails`,
    );
  });

  test("refuses an unknown category group, duplicates, categories mixed with groups, and nothing to send", () => {
    expect(synthError(diagnostics((s) => s.plan, { logCategoryGroups: ["audit"] }).stack)).toContain(
      `DiagnosticSettings test/diag: logCategoryGroups[0] = "audit" is not a category group of Microsoft.Web/serverfarms; it has allLogs`,
    );
    expect(
      synthError(
        diagnostics((s) => s.registry, {
          logCategories: ["ContainerRegistryLoginEvents", "ContainerRegistryLoginEvents"],
        }).stack,
      ),
    ).toContain(
      `DiagnosticSettings test/diag: logCategories[1] = "ContainerRegistryLoginEvents" is listed twice`,
    );
    expect(
      synthError(
        diagnostics((s) => s.vault, { logCategories: ["AuditEvent"], logCategoryGroups: ["audit"] }).stack,
      ),
    ).toContain("logCategories and logCategoryGroups are both set; choose explicit categories or groups");
    expect(synthError(diagnostics((s) => s.plan, { metricsEnabled: false }).stack)).toContain(
      "DiagnosticSettings test/diag: nothing to send: no log categories, no category groups and metricsEnabled = false",
    );
  });

  test.each(Object.keys(DIAGNOSTIC_CATEGORIES) as DiagnosticTargetKind[])(
    "the %s row: defaults are supported categories, AllMetrics, a Microsoft Learn source",
    (kind) => {
      const row = DIAGNOSTIC_CATEGORIES[kind];
      for (const category of row.defaultLogs) expect(row.supportedLogs).toContain(category);
      expect(row.metrics).toEqual(["AllMetrics"]);
      expect(row.source).toMatch(
        /^https:\/\/learn\.microsoft\.com\/azure\/azure-monitor\/reference\/supported-logs\//,
      );
    },
  );
});
