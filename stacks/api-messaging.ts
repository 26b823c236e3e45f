import type { Construct } from "constructs";
import type { EnvironmentNames } from "../config/resource-names";
import type { EnvironmentConfig } from "../config/schema";
import type { AppIdentity } from "../constructs/app-identity";
import { MessageQueue } from "../constructs/message-queue";
import type { PublicAccessProps } from "../constructs/network-access";
import type { IResourceGroup } from "../constructs/resource-group";

/** With public access props: who may reach the namespace's public endpoint (default: everyone). */
export interface ApiMessagingProps extends PublicAccessProps {
  readonly names: EnvironmentNames;
  readonly messaging: NonNullable<EnvironmentConfig["messaging"]>;
  readonly resourceGroup: IResourceGroup;
  /** "production" and every slot. */
  readonly slots: readonly string[];
  readonly tags: Record<string, string>;
}

export interface ApiMessaging {
  readonly queue: MessageQueue;
  /** Shared settings: the namespace host the app connects to with its identity. */
  readonly settings: Record<string, string>;
  /** Per-slot (sticky) queue names, so a staging build never consumes production's messages. */
  stickyValues(slot: string): Record<string, string>;
  /** Lets the slot's identity send to and receive from the slot's own queues, and nothing else. */
  grantSlot(slot: string, identity: AppIdentity): void;
}

/** `orders` -> `SERVICEBUS_QUEUE_ORDERS`: the setting that names the slot's copy of a queue. */
export function queueSetting(queue: string): string {
  return `SERVICEBUS_QUEUE_${queue.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** The slot's copy of `queue`: production uses the name itself, a slot `<queue>-<slot>`. */
export function slotQueue(queue: string, slot: string): string {
  return slot === "production" ? queue : `${queue}-${slot}`;
}

/**
 * A Service Bus namespace without SAS keys: each slot's identity sends and receives with Entra
 * ID roles scoped to that slot's own queues (never the namespace), and finds the namespace in
 * `SERVICEBUS_NAMESPACE` (no connection string exists). Each slot besides production gets its
 * own copy of every queue.
 */
export function addApiMessaging(scope: Construct, props: ApiMessagingProps): ApiMessaging {
  const { messaging } = props;
  const queue = new MessageQueue(scope, "messaging", {
    name: props.names.messaging,
    resourceGroup: props.resourceGroup,
    sku: messaging.sku,
    capacity: messaging.capacity,
    queues: props.slots.flatMap((slot) => messaging.queues.map((name) => ({ name: slotQueue(name, slot) }))),
    publicNetworkAccess: props.publicNetworkAccess,
    allowedAddresses: props.allowedAddresses,
    tags: props.tags,
  });
  return {
    queue,
    settings: { SERVICEBUS_NAMESPACE: queue.hostName },
    stickyValues: (slot) =>
      Object.fromEntries(messaging.queues.map((name) => [queueSetting(name), slotQueue(name, slot)])),
    grantSlot: (slot, identity) => {
      for (const name of messaging.queues) {
        queue.grantSend(identity, slotQueue(name, slot));
        queue.grantReceive(identity, slotQueue(name, slot));
      }
    },
  };
}
