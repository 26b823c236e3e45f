import { AppServicePlan } from "../../../constructs/app-service-plan";
import { Autoscale, type AutoscaleProps } from "../../../constructs/autoscale";
import { secretVariable } from "../../../constructs/secret-variable";
import { jsonOf, observabilityStack, synth, synthError, tf } from "./fixture";

function autoscale(props: Partial<AutoscaleProps> = {}) {
  const t = observabilityStack();
  const plan = new AppServicePlan(t.stack, "plan", { name: "asp-contoso-prod", resourceGroup: t.rg });
  const scale = new Autoscale(t.stack, "autoscale", {
    name: "autoscale-contoso-prod",
    resourceGroup: t.rg,
    plan,
    ...props,
  });
  return { ...t, plan, scale };
}

describe("Autoscale notifications", () => {
  test("none by default: no notification block, the profile as before", () => {
    const { stack, scale } = autoscale();
    const json = jsonOf(synth(stack), stack, scale.resource);
    expect(json).not.toHaveProperty("notification");
    expect(json.profile[0].capacity).toEqual({ minimum: 1, default: 1, maximum: 30 });
    expect(json.profile[0].rule).toHaveLength(2);
  });

  test("e-mails go to custom_emails; subscription admins are not mailed", () => {
    const { stack, scale } = autoscale({
      notificationEmails: ["ops@contoso.example", "dev@contoso.example"],
    });
    expect(jsonOf(synth(stack), stack, scale.resource).notification).toEqual({
      email: {
        custom_emails: ["ops@contoso.example", "dev@contoso.example"],
        send_to_subscription_administrator: false,
        send_to_subscription_co_administrator: false,
      },
    });
  });

  test("webhooks become webhook blocks", () => {
    const { stack, scale } = autoscale({
      notificationWebhooks: ["https://hooks.contoso.example/scale", "https://ops.contoso.example/azure"],
    });
    expect(jsonOf(synth(stack), stack, scale.resource).notification).toEqual({
      webhook: [
        { service_uri: "https://hooks.contoso.example/scale" },
        { service_uri: "https://ops.contoso.example/azure" },
      ],
    });
  });

  test("both together, and a webhook URL from a sensitive variable", () => {
    const t = observabilityStack();
    const plan = new AppServicePlan(t.stack, "plan", { name: "asp-x", resourceGroup: t.rg });
    const hook = secretVariable(t.stack, "scale_webhook_url", "Webhook with a token");
    const scale = new Autoscale(t.stack, "autoscale", {
      name: "autoscale-x",
      resourceGroup: t.rg,
      plan,
      notificationEmails: ["ops@contoso.example"],
      notificationWebhooks: [hook.stringValue],
    });
    const notification = jsonOf(synth(t.stack), t.stack, scale.resource).notification;
    expect(notification.email.custom_emails).toEqual(["ops@contoso.example"]);
    expect(notification.webhook).toEqual([{ service_uri: tf("var.scale_webhook_url") }]);
  });

  test.each(["ops", "ops@", "@contoso.example", "a b@contoso.example"])(
    "refuses notification e-mail %j",
    (email) => {
      expect(synthError(autoscale({ notificationEmails: ["ok@contoso.example", email] }).stack)).toContain(
        `Autoscale test/autoscale: notificationEmails[1] = "${email}" must be an e-mail address (name@domain)`,
      );
    },
  );

  test.each(["http://hooks.contoso.example/scale", "not a url", "https://"])(
    "refuses notification webhook %j",
    (url) => {
      expect(synthError(autoscale({ notificationWebhooks: [url] }).stack)).toContain(
        `Autoscale test/autoscale: notificationWebhooks[0] = "${url}" must be an https:// URL`,
      );
    },
  );
});
