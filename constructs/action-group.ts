import { Construct } from "constructs";
import { emailProblem, httpsUrlProblem } from "./monitor-limits";
import { isUnresolved, type PropProblem, validationMessages } from "./problems";
import { AzMonitorActionGroup } from "./providers";
import type { IResourceGroup } from "./resource-group";

/** Azure shows the short name in SMS and e-mail subjects; it allows 1-12 characters. */
export const ACTION_GROUP_SHORT_NAME_MAX = 12;

export interface ActionGroupProps {
  /** Action group name, unique in the resource group. */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** Name shown in notifications: 1-12 characters. */
  readonly shortName: string;
  /** E-mail addresses to notify; receivers are named `email-1`, `email-2`, ... @default none */
  readonly emails?: readonly string[];
  /**
   * https endpoints that receive the alert as JSON (e.g. a chat or paging integration);
   * receivers are named `webhook-1`, ... A URL that carries a secret token belongs in a
   * sensitive Terraform variable: pass the variable's token, not the literal URL.
   * @default none
   */
  readonly webhookUrls?: readonly string[];
  /** Send the common alert schema to every receiver: one payload shape for all alert types. @default true */
  readonly useCommonAlertSchema?: boolean;
  /** @default true */
  readonly enabled?: boolean;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** The limits of an action group's props: a short name Azure shows, someone to tell, valid receivers. */
export function actionGroupProblems(
  props: Pick<ActionGroupProps, "shortName" | "emails" | "webhookUrls">,
): PropProblem[] {
  const emails = props.emails ?? [];
  const webhooks = props.webhookUrls ?? [];
  const problems: PropProblem[] = [];
  const { shortName } = props;
  if (
    !isUnresolved(shortName) &&
    (shortName.trim().length === 0 || shortName.length > ACTION_GROUP_SHORT_NAME_MAX)
  )
    problems.push({
      prop: ["shortName"],
      value: shortName,
      rule: `must be 1-${ACTION_GROUP_SHORT_NAME_MAX} characters (it has ${shortName.length})`,
    });
  if (emails.length === 0 && webhooks.length === 0)
    problems.push({
      prop: [],
      rule: "emails and webhookUrls are both empty; an action group must notify someone",
    });
  for (const [prop, values, problemOf] of [
    ["emails", emails, emailProblem],
    ["webhookUrls", webhooks, httpsUrlProblem],
  ] as const) {
    values.forEach((value, i) => {
      const rule = problemOf(value);
      if (rule) problems.push({ prop: [prop, i], value, rule });
      const key = prop === "emails" ? value.toLowerCase() : value;
      if (values.findIndex((other) => (prop === "emails" ? other.toLowerCase() : other) === key) !== i)
        problems.push({ prop: [prop, i], value, rule: "is listed twice" });
    });
  }
  return problems;
}

/** Who is told when an alert fires: e-mail and webhook receivers of an Azure Monitor action group. */
export class ActionGroup extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzMonitorActionGroup;

  constructor(scope: Construct, id: string, props: ActionGroupProps) {
    super(scope, id);
    const emails = props.emails ?? [];
    const webhooks = props.webhookUrls ?? [];
    const useCommonAlertSchema = props.useCommonAlertSchema ?? true;

    this.node.addValidation({
      validate: () => validationMessages("ActionGroup", this, actionGroupProblems(props)),
    });

    this.resource = new AzMonitorActionGroup(this, "group", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: "global",
      shortName: props.shortName,
      enabled: props.enabled ?? true,
      // No receivers of a kind is no block at all, not an empty list.
      emailReceiver:
        emails.length > 0
          ? emails.map((emailAddress, i) => ({ name: `email-${i + 1}`, emailAddress, useCommonAlertSchema }))
          : undefined,
      webhookReceiver:
        webhooks.length > 0
          ? webhooks.map((serviceUri, i) => ({ name: `webhook-${i + 1}`, serviceUri, useCommonAlertSchema }))
          : undefined,
      tags: props.tags,
    });
  }

  get id(): string {
    return this.resource.id;
  }

  get name(): string {
    return this.resource.name;
  }
}
