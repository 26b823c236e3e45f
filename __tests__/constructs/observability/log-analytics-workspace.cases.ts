import {
  LogAnalyticsWorkspace,
  type LogAnalyticsWorkspaceProps,
} from "../../../constructs/log-analytics-workspace";
import { jsonOf, observabilityStack, RG_LOCATION, RG_NAME, resolved, synth, synthError } from "./fixture";

function workspace(props: Partial<LogAnalyticsWorkspaceProps> = {}) {
  const t = observabilityStack();
  const law = new LogAnalyticsWorkspace(t.stack, "law", {
    name: "log-contoso",
    resourceGroup: t.rg,
    ...props,
  });
  return { ...t, law };
}

describe("LogAnalyticsWorkspace", () => {
  test("defaults: PerGB2018, 30 days, no daily cap, Entra ID only, in the resource group's location", () => {
    const { stack, law } = workspace();
    expect(jsonOf(synth(stack), stack, law.resource)).toEqual({
      name: "log-contoso",
      resource_group_name: RG_NAME,
      location: RG_LOCATION,
      sku: "PerGB2018",
      retention_in_days: 30,
      local_authentication_enabled: false,
    });
  });

  test("overrides: location, retention, daily quota, local authentication, tags", () => {
    const { stack, law } = workspace({
      location: "northeurope",
      retentionInDays: 730,
      dailyQuotaGb: 5,
      localAuthenticationEnabled: true,
      tags: { env: "shared" },
    });
    expect(jsonOf(synth(stack), stack, law.resource)).toMatchObject({
      location: "northeurope",
      retention_in_days: 730,
      daily_quota_gb: 5,
      local_authentication_enabled: true,
      tags: { env: "shared" },
    });
  });

  test("uses local_authentication_enabled, not the deprecated local_authentication_disabled", () => {
    const { stack, law } = workspace();
    expect(jsonOf(synth(stack), stack, law.resource)).not.toHaveProperty("local_authentication_disabled");
  });

  test("exposes id, workspace (customer) id and name as references", () => {
    const { stack, law } = workspace();
    const logicalId = stack.getLogicalId(law.resource);
    expect(resolved(stack, law.id)).toBe(`\${azurerm_log_analytics_workspace.${logicalId}.id}`);
    expect(resolved(stack, law.workspaceId)).toBe(
      `\${azurerm_log_analytics_workspace.${logicalId}.workspace_id}`,
    );
    expect(resolved(stack, law.name)).toBe(`\${azurerm_log_analytics_workspace.${logicalId}.name}`);
  });

  test.each([29, 731, 7, 30.5])("refuses retentionInDays = %d (Azure: 30-730)", (days) => {
    expect(synthError(workspace({ retentionInDays: days }).stack)).toContain(
      `LogAnalyticsWorkspace test/law: retentionInDays = ${days} must be a whole number from 30 to 730`,
    );
  });

  test.each([0, -1])("refuses dailyQuotaGb = %d", (quota) => {
    expect(synthError(workspace({ dailyQuotaGb: quota }).stack)).toContain(
      `LogAnalyticsWorkspace test/law: dailyQuotaGb = ${quota} must be above 0 (leave it unset for no cap)`,
    );
  });

  test.each(["log", "-log-contoso", "log-contoso-", "log_contoso", "l".repeat(64)])(
    "refuses name %s",
    (name) => {
      expect(synthError(workspace({ name }).stack)).toContain(
        `LogAnalyticsWorkspace test/law: name = "${name}" must be 4-63 letters, digits and '-', not starting or ending with '-'`,
      );
    },
  );

  test("accepts the range's ends", () => {
    for (const retentionInDays of [30, 730]) {
      expect(() => synth(workspace({ retentionInDays, name: "l".repeat(63) }).stack)).not.toThrow();
    }
  });
});
