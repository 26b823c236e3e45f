import { Fn } from "cdktf";
import { Construct } from "constructs";
import { type Grant, grantRole, type IGrantable } from "./grant";
import { asCidr, type PublicAccessProps, publicAccessProblems } from "./network-access";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem, within } from "./problems";
import { AzServicebusNamespace, AzServicebusQueue } from "./providers";
import type { IResourceGroup } from "./resource-group";

export type ServiceBusSku = "Basic" | "Standard" | "Premium";

/** Premium messaging units a namespace can have. */
export const PREMIUM_CAPACITIES = [1, 2, 4, 8, 16] as const;

/** Azure's queue name rule: 1-260 letters, digits, '.', '-', '_' and '/', starting and ending with a letter or digit. */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9._/-]{0,258}[A-Za-z0-9])?$/;

export interface QueueOptions {
  /**
   * Queue name: 1-260 letters, digits, '.', '-', '_' and '/', starting and ending with a letter
   * or digit. Service Bus compares names case-insensitively.
   */
  readonly name: string;
  /** Deliveries before a message is dead-lettered. @default 10 */
  readonly maxDeliveryCount?: number;
  /** How long a receiver holds a message, ISO 8601, PT5S to PT5M. @default "PT1M" */
  readonly lockDuration?: string;
  /** FIFO sessions; not on the Basic tier. Can only be set at creation. @default false */
  readonly requiresSession?: boolean;
  /** Keep expired messages in the dead-letter queue instead of dropping them. @default true */
  readonly deadLetteringOnMessageExpiration?: boolean;
}

export interface MessageQueueProps extends PublicAccessProps {
  /**
   * Namespace name: 6-50 letters, digits and '-', starting with a letter, ending with a letter
   * or digit, not ending in "-sb" or "-mgmt"; globally unique (it is the host name).
   */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /**
   * "Basic" (queues only, no sessions), "Standard", or "Premium" (dedicated capacity, isolation).
   * A move to or from Premium replaces the namespace.
   * @default "Standard"
   */
  readonly sku?: ServiceBusSku;
  /** Premium messaging units, one of {@link PREMIUM_CAPACITIES}; Premium only. @default 1 on Premium */
  readonly capacity?: number;
  /** @default no queues */
  readonly queues?: QueueOptions[];
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** ISO 8601 `PT[nM][nS]` in seconds, or undefined for anything else. */
function lockSeconds(value: string): number | undefined {
  const match = /^PT(?:(\d+)M)?(?:(\d+)S)?$/.exec(value);
  if (!match || value === "PT") return undefined;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/** Azure's namespace name rule; names ending in "-sb" or "-mgmt" are reserved. */
const NAMESPACE_NAME = /^[a-zA-Z][-a-zA-Z0-9]{4,48}[a-zA-Z0-9]$/;

/** The limits of a namespace's props: name, SKU and capacity, network rules (Premium), and each queue's. */
export function messageQueueProblems(
  props: Pick<MessageQueueProps, "name" | "sku" | "capacity" | "queues" | keyof PublicAccessProps>,
): PropProblem[] {
  const sku = props.sku ?? "Standard";
  const capacity = props.capacity ?? (sku === "Premium" ? 1 : undefined);
  const problems: PropProblem[] = publicAccessProblems({ ...props, sku }, "Premium");
  if (!isUnresolved(props.name) && (!NAMESPACE_NAME.test(props.name) || /(-sb|-mgmt)$/.test(props.name)))
    problems.push({
      prop: ["name"],
      value: props.name,
      rule: 'must be 6-50 letters, digits and \'-\', start with a letter, end with a letter or digit, and not end in "-sb" or "-mgmt"',
    });
  if (!["Basic", "Standard", "Premium"].includes(sku))
    problems.push({ prop: ["sku"], value: sku, rule: 'must be "Basic", "Standard" or "Premium"' });
  if (sku === "Premium" && !(PREMIUM_CAPACITIES as readonly unknown[]).includes(capacity))
    problems.push({
      prop: ["capacity"],
      value: capacity,
      rule: `must be one of ${PREMIUM_CAPACITIES.join(", ")} on Premium`,
    });
  if (sku !== "Premium" && capacity !== undefined)
    problems.push({ prop: ["capacity"], value: capacity, rule: `needs sku "Premium" (sku is "${sku}")` });
  const seen = new Set<string>();
  (props.queues ?? []).forEach((queue, i) => {
    problems.push(...within(["queues", i], queueProblems(queue, sku)));
    const key = queue.name.toLowerCase();
    if (seen.has(key))
      problems.push({
        prop: ["queues", i, "name"],
        value: queue.name,
        rule: "is listed twice (queue names are case-insensitive)",
      });
    seen.add(key);
  });
  return problems;
}

/** The limits of one queue on a namespace of `sku`. */
export function queueProblems(queue: QueueOptions, sku: ServiceBusSku): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!QUEUE_NAME_PATTERN.test(queue.name))
    problems.push({
      prop: ["name"],
      value: queue.name,
      rule: "must be 1-260 letters, digits, '.', '-', '_' and '/', starting and ending with a letter or digit",
    });
  problems.push(...wholeNumberProblem(["maxDeliveryCount"], queue.maxDeliveryCount ?? 10, 1));
  const lock = queue.lockDuration ?? "PT1M";
  const seconds = lockSeconds(lock);
  if (seconds === undefined || seconds < 5 || seconds > 300)
    problems.push({
      prop: ["lockDuration"],
      value: lock,
      rule: "must be an ISO 8601 duration from PT5S to PT5M",
    });
  if (queue.requiresSession && sku === "Basic")
    problems.push({
      prop: ["requiresSession"],
      value: true,
      rule: 'needs sku "Standard" or "Premium" (Basic has no sessions)',
    });
  return problems;
}

/**
 * A Service Bus namespace with its queues, reached with Microsoft Entra ID only: local (SAS key)
 * authentication is off, so there are no connection strings to leak. Apps get roles with
 * {@link grantSend} / {@link grantReceive} and connect to {@link hostName} with their managed
 * identity (`DefaultAzureCredential`, or `<prefix>__fullyQualifiedNamespace` settings).
 *
 * With `publicNetworkAccess` "disabled" (Premium) the namespace has no public endpoint and its
 * network rule set denies by default: apps reach it through a private endpoint. Queues are made
 * through Azure Resource Manager, so deploying needs no data-plane access.
 */
export class MessageQueue extends Construct {
  /** Escape hatch: the namespace. */
  readonly resource: AzServicebusNamespace;
  /** The queues, by name. */
  readonly queues: ReadonlyMap<string, AzServicebusQueue>;
  readonly sku: ServiceBusSku;

  constructor(scope: Construct, id: string, props: MessageQueueProps) {
    super(scope, id);
    this.sku = props.sku ?? "Standard";
    const premium = this.sku === "Premium";
    const capacity = props.capacity ?? (premium ? 1 : undefined);
    const queues = props.queues ?? [];

    this.node.addValidation({
      validate: () => validationMessages("MessageQueue", this, messageQueueProblems(props)),
    });

    this.resource = new AzServicebusNamespace(this, "namespace", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      sku: this.sku,
      // The provider requires both on Premium and refuses them elsewhere.
      capacity,
      premiumMessagingPartitions: premium ? 1 : undefined,
      localAuthEnabled: false,
      minimumTlsVersion: "1.2",
      ...namespaceNetworkAccess(props),
      tags: props.tags,
    });

    const created = new Map<string, AzServicebusQueue>();
    for (const queue of queues) {
      // A name listed twice is reported by the validation; the queue is created once.
      if (created.has(queue.name)) continue;
      created.set(
        queue.name,
        new AzServicebusQueue(this, `queue-${queue.name}`, {
          name: queue.name,
          namespaceId: this.resource.id,
          maxDeliveryCount: queue.maxDeliveryCount ?? 10,
          lockDuration: queue.lockDuration ?? "PT1M",
          requiresSession: queue.requiresSession ?? false,
          deadLetteringOnMessageExpiration: queue.deadLetteringOnMessageExpiration ?? true,
        }),
      );
    }
    this.queues = created;
  }

  get id(): string {
    return this.resource.id;
  }

  get name(): string {
    return this.resource.name;
  }

  /**
   * Host name of the namespace, e.g. `sb-contoso-prod.servicebus.windows.net` (what the SDKs call
   * the fully qualified namespace). Taken from the namespace's endpoint, so it is right in every
   * Azure cloud.
   */
  get hostName(): string {
    return Fn.element(Fn.split(":", Fn.trimprefix(this.resource.endpoint, "https://")), 0);
  }

  /** Lets `grantee` send to `queueName`, or to every queue of the namespace when omitted. */
  grantSend(grantee: IGrantable, queueName?: string): Grant {
    return this.grant(grantee, "Azure Service Bus Data Sender", "grantSend", queueName);
  }

  /** Lets `grantee` receive (and complete) from `queueName`, or from every queue when omitted. */
  grantReceive(grantee: IGrantable, queueName?: string): Grant {
    return this.grant(grantee, "Azure Service Bus Data Receiver", "grantReceive", queueName);
  }

  private grant(grantee: IGrantable, role: string, method: string, queueName?: string): Grant {
    if (queueName === undefined) return grantRole(grantee, this.resource, this.id, role);
    const queue = this.queues.get(queueName);
    if (!queue) {
      throw new Error(
        `MessageQueue ${this.node.path}: ${method}: no queue named "${queueName}" (queues: ${[...this.queues.keys()].join(", ") || "none"})`,
      );
    }
    return grantRole(grantee, queue, queue.id, role);
  }
}

/**
 * The namespace's public endpoint: open (nothing written), an allow-list, or off. The top-level
 * switch and the rule set's own say the same thing: the provider writes them with two API calls.
 */
function namespaceNetworkAccess(props: PublicAccessProps) {
  const access = props.publicNetworkAccess ?? "enabled";
  if (access === "enabled") return {};
  const publicNetworkAccessEnabled = access === "allowList";
  return {
    publicNetworkAccessEnabled,
    networkRuleSet: {
      defaultAction: "Deny",
      publicNetworkAccessEnabled,
      // Event Grid, Stream Analytics and the like: the platform uses none of them.
      trustedServicesAllowed: false,
      ipRules: access === "allowList" ? (props.allowedAddresses ?? []).map(asCidr) : undefined,
    },
  };
}
