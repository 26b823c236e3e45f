import { ActionGroup, type ActionGroupProps } from "../../../constructs/action-group";
import { secretVariable } from "../../../constructs/secret-variable";
import { jsonOf, observabilityStack, RG_NAME, resolved, synth, synthError, tf } from "./fixture";

function group(props: Partial<ActionGroupProps> = {}) {
  const t = observabilityStack();
  const ag = new ActionGroup(t.stack, "ag", {
    name: "ag-contoso-prod",
    resourceGroup: t.rg,
    shortName: "contoso-prod",
    emails: ["ops@contoso.example"],
    ...props,
  });
  return { ...t, ag };
}

describe("ActionGroup", () => {
  test("defaults: global, enabled, e-mail receivers with the common alert schema", () => {
    const { stack, ag } = group({ emails: ["ops@contoso.example", "dev@contoso.example"] });
    expect(jsonOf(synth(stack), stack, ag.resource)).toEqual({
      name: "ag-contoso-prod",
      resource_group_name: RG_NAME,
      location: "global",
      short_name: "contoso-prod",
      enabled: true,
      email_receiver: [
        { name: "email-1", email_address: "ops@contoso.example", use_common_alert_schema: true },
        { name: "email-2", email_address: "dev@contoso.example", use_common_alert_schema: true },
      ],
    });
  });

  test("webhook receivers, with or without e-mail, and the schema switch", () => {
    const { stack, ag } = group({
      emails: [],
      webhookUrls: ["https://hooks.contoso.example/alerts", "https://pager.contoso.example/v1/azure"],
      useCommonAlertSchema: false,
      enabled: false,
      tags: { env: "prod" },
    });
    const json = jsonOf(synth(stack), stack, ag.resource);
    expect(json.webhook_receiver).toEqual([
      {
        name: "webhook-1",
        service_uri: "https://hooks.contoso.example/alerts",
        use_common_alert_schema: false,
      },
      {
        name: "webhook-2",
        service_uri: "https://pager.contoso.example/v1/azure",
        use_common_alert_schema: false,
      },
    ]);
    expect(json).not.toHaveProperty("email_receiver");
    expect(json).toMatchObject({ enabled: false, tags: { env: "prod" } });
  });

  test("a webhook URL with a secret in it can come from a sensitive variable; it is not validated at synth", () => {
    const t = observabilityStack();
    const url = secretVariable(t.stack, "alert_webhook_url", "Chat webhook for alerts");
    const ag = new ActionGroup(t.stack, "ag", {
      name: "ag-x",
      resourceGroup: t.rg,
      shortName: "x",
      webhookUrls: [url.stringValue],
    });
    expect(jsonOf(synth(t.stack), t.stack, ag.resource).webhook_receiver[0].service_uri).toBe(
      tf("var.alert_webhook_url"),
    );
  });

  test("exposes id and name references", () => {
    const { stack, ag } = group();
    const logicalId = stack.getLogicalId(ag.resource);
    expect(resolved(stack, ag.id)).toBe(`\${azurerm_monitor_action_group.${logicalId}.id}`);
    expect(resolved(stack, ag.name)).toBe(`\${azurerm_monitor_action_group.${logicalId}.name}`);
  });

  test.each(["", "   ", "contoso-prod1"])("refuses shortName %j (1-12 characters)", (shortName) => {
    expect(synthError(group({ shortName }).stack)).toContain(
      `ActionGroup test/ag: shortName = "${shortName}" must be 1-12 characters (it has ${shortName.length})`,
    );
  });

  test("accepts a 12-character shortName", () => {
    expect(() => synth(group({ shortName: "contoso-prd1" }).stack)).not.toThrow();
  });

  test("refuses a group that notifies nobody", () => {
    expect(synthError(group({ emails: [] }).stack)).toContain(
      "ActionGroup test/ag: emails and webhookUrls are both empty; an action group must notify someone",
    );
  });

  test.each(["ops", "ops@contoso", "ops @contoso.example"])("refuses e-mail %j", (email) => {
    expect(synthError(group({ emails: [email] }).stack)).toContain(
      `ActionGroup test/ag: emails[0] = "${email}" must be an e-mail address (name@domain)`,
    );
  });

  test.each(["http://hooks.contoso.example", "hooks.contoso.example/alerts", "ftp://x.example"])(
    "refuses webhook URL %j",
    (url) => {
      expect(synthError(group({ webhookUrls: [url] }).stack)).toContain(
        `ActionGroup test/ag: webhookUrls[0] = "${url}" must be an https:// URL`,
      );
    },
  );

  test("refuses duplicate receivers (e-mail case-insensitively)", () => {
    expect(synthError(group({ emails: ["ops@contoso.example", "OPS@contoso.example"] }).stack)).toContain(
      `ActionGroup test/ag: emails[1] = "OPS@contoso.example" is listed twice`,
    );
  });
});
