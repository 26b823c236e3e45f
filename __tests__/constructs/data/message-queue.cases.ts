import { AppIdentity } from "../../../constructs/app-identity";
import { MessageQueue, type MessageQueueProps } from "../../../constructs/message-queue";
import {
  RG_LOCATION,
  RG_NAME,
  refOf,
  resolved,
  resourceOf,
  resourcesOf,
  synth,
  synthError,
  testStack,
  tf,
  validationErrors,
} from "../helpers";

const NS = "azurerm_servicebus_namespace";
const QUEUE = "azurerm_servicebus_queue";
const RA = "azurerm_role_assignment";

function messageQueue(props: Partial<MessageQueueProps> = {}) {
  const t = testStack();
  const identity = new AppIdentity(t.stack, "api-identity", { name: "id-api", resourceGroup: t.rg });
  const bus = new MessageQueue(t.stack, "bus", { name: "sb-contoso-dev", resourceGroup: t.rg, ...props });
  return { ...t, identity, bus };
}

const queueByName = (json: ReturnType<typeof synth>, name: string) => {
  const entry = Object.entries(resourcesOf(json, QUEUE)).find(([, queue]) => queue.name === name);
  if (!entry) throw new Error(`no queue ${name}`);
  return { id: entry[0], queue: entry[1] };
};

describe("MessageQueue", () => {
  test("defaults: Standard, Entra ID only (local auth off), TLS 1.2 set explicitly, no queues", () => {
    const { stack } = messageQueue();
    const json = synth(stack);
    expect(resourceOf(json, NS)).toEqual({
      name: "sb-contoso-dev",
      resource_group_name: RG_NAME,
      location: RG_LOCATION,
      sku: "Standard",
      local_auth_enabled: false,
      minimum_tls_version: "1.2",
    });
    expect(resourcesOf(json, QUEUE)).toEqual({});
  });

  test("overrides: location, tags", () => {
    const { stack } = messageQueue({ location: "northeurope", tags: { app: "contoso" } });
    expect(resourceOf(synth(stack), NS)).toMatchObject({ location: "northeurope", tags: { app: "contoso" } });
  });

  test("queues: one per entry in the namespace, with defaults and overrides", () => {
    const { stack } = messageQueue({
      queues: [
        { name: "orders" },
        {
          name: "billing/invoices",
          maxDeliveryCount: 5,
          lockDuration: "PT30S",
          requiresSession: true,
          deadLetteringOnMessageExpiration: false,
        },
      ],
    });
    const json = synth(stack);
    const namespaceId = refOf(json, NS, "id");
    expect(queueByName(json, "orders").queue).toEqual({
      name: "orders",
      namespace_id: namespaceId,
      max_delivery_count: 10,
      lock_duration: "PT1M",
      requires_session: false,
      dead_lettering_on_message_expiration: true,
    });
    expect(queueByName(json, "billing/invoices").queue).toEqual({
      name: "billing/invoices",
      namespace_id: namespaceId,
      max_delivery_count: 5,
      lock_duration: "PT30S",
      requires_session: true,
      dead_lettering_on_message_expiration: false,
    });
  });

  test("Premium: one messaging unit and one partition by default (the provider requires both)", () => {
    const { stack } = messageQueue({ sku: "Premium" });
    expect(resourceOf(synth(stack), NS)).toMatchObject({
      sku: "Premium",
      capacity: 1,
      premium_messaging_partitions: 1,
    });
  });

  test("Premium: capacity override", () => {
    const { stack } = messageQueue({ sku: "Premium", capacity: 4 });
    expect(resourceOf(synth(stack), NS)).toMatchObject({ capacity: 4, premium_messaging_partitions: 1 });
  });

  test("Basic and Standard set neither capacity nor partitions", () => {
    for (const sku of ["Basic", "Standard"] as const) {
      const { stack } = messageQueue({ sku });
      const namespace = resourceOf(synth(stack), NS);
      expect(namespace.sku).toBe(sku);
      expect(namespace).not.toHaveProperty("capacity");
      expect(namespace).not.toHaveProperty("premium_messaging_partitions");
    }
  });

  test("public network access: open by default; disabled turns the endpoint and the rule set off together", () => {
    expect(resourceOf(synth(messageQueue().stack), NS)).not.toHaveProperty("network_rule_set");
    const off = resourceOf(
      synth(messageQueue({ sku: "Premium", publicNetworkAccess: "disabled" }).stack),
      NS,
    );
    expect(off).toMatchObject({
      public_network_access_enabled: false,
      network_rule_set: {
        default_action: "Deny",
        public_network_access_enabled: false,
        trusted_services_allowed: false,
      },
    });
    expect(off.network_rule_set.ip_rules).toBeUndefined();
    const allowList = resourceOf(
      synth(
        messageQueue({ sku: "Premium", publicNetworkAccess: "allowList", allowedAddresses: ["203.0.113.7"] })
          .stack,
      ),
      NS,
    );
    expect(allowList).toMatchObject({
      public_network_access_enabled: true,
      network_rule_set: {
        default_action: "Deny",
        public_network_access_enabled: true,
        ip_rules: ["203.0.113.7/32"],
      },
    });
  });

  test("network rules and private endpoints need Premium", () => {
    expect(validationErrors(messageQueue({ publicNetworkAccess: "disabled" }).stack)).toEqual([
      'MessageQueue test/bus: publicNetworkAccess = "disabled" needs sku "Premium" (sku is "Standard"): network rules and private endpoints are Premium-only',
    ]);
  });

  test("hostName is the host of the namespace's endpoint (https://<name>.servicebus.windows.net:443/)", () => {
    const { stack, bus } = messageQueue();
    const json = synth(stack);
    const endpoint = refOf(json, NS, "endpoint").slice(2, -1);
    expect(resolved(stack, bus.hostName)).toBe(
      tf(`element(split(":", trimprefix(${endpoint}, "https://")), 0)`),
    );
    // The same steps on an endpoint as Azure reports it.
    const sample = "https://sb-contoso-dev.servicebus.windows.net:443/";
    expect(sample.replace(/^https:\/\//, "").split(":")[0]).toBe("sb-contoso-dev.servicebus.windows.net");
  });

  test("grantSend / grantReceive on the namespace: the Data Sender / Receiver roles for the identity", () => {
    const { stack, bus, identity } = messageQueue({ queues: [{ name: "orders" }] });
    bus.grantSend(identity);
    bus.grantReceive(identity);
    const json = synth(stack);
    const grants = Object.values(resourcesOf(json, RA));
    const rows = grants.map((g) => [g.role_definition_name, g.scope, g.principal_id, g.principal_type]);
    expect(rows.sort()).toEqual([
      [
        "Azure Service Bus Data Receiver",
        refOf(json, NS, "id"),
        refOf(json, "azurerm_user_assigned_identity", "principal_id"),
        "ServicePrincipal",
      ],
      [
        "Azure Service Bus Data Sender",
        refOf(json, NS, "id"),
        refOf(json, "azurerm_user_assigned_identity", "principal_id"),
        "ServicePrincipal",
      ],
    ]);
  });

  test("a grant on one queue is scoped to that queue; granting twice returns the same assignment", () => {
    const { stack, bus, identity } = messageQueue({ queues: [{ name: "orders" }, { name: "emails" }] });
    const first = bus.grantSend(identity, "emails");
    expect(bus.grantSend(identity, "emails")).toBe(first);
    const json = synth(stack);
    const grants = Object.values(resourcesOf(json, RA));
    expect(grants).toHaveLength(1);
    expect(grants[0].scope).toBe(tf(`${QUEUE}.${queueByName(json, "emails").id}.id`));
    expect(grants[0].role_definition_name).toBe("Azure Service Bus Data Sender");
  });

  test("a grant on a queue that does not exist names the queue and the ones that do", () => {
    const { bus, identity } = messageQueue({ queues: [{ name: "orders" }] });
    expect(() => bus.grantReceive(identity, "order")).toThrow(
      'MessageQueue test/bus: grantReceive: no queue named "order" (queues: orders)',
    );
  });

  test("no connection string, key or SAS rule anywhere in the JSON", () => {
    const { stack, bus, identity } = messageQueue({ queues: [{ name: "orders" }] });
    bus.grantSend(identity, "orders");
    const text = JSON.stringify(synth(stack));
    expect(text).not.toMatch(/connection_string|primary_key|secondary_key|SharedAccess|authorization_rule/i);
    expect(Object.keys(synth(stack).resource).sort()).toEqual(
      [QUEUE, NS, "azurerm_resource_group", RA, "azurerm_user_assigned_identity"].sort(),
    );
  });

  test.each([
    ["sb-ab", "5 characters"],
    ["x".repeat(51), "51 characters"],
    ["1contoso", "starts with a digit"],
    ["contoso-", "ends with '-'"],
    ["contoso-sb", "ends with -sb"],
    ["contoso-mgmt", "ends with -mgmt"],
    ["contoso_bus", "has '_'"],
  ])("refuses namespace name %j (%s)", (name) => {
    const { stack } = messageQueue({ name });
    expect(synthError(stack)).toContain(
      `MessageQueue test/bus: name = "${name}" must be 6-50 letters, digits and '-', start with a letter, end with a letter or digit, and not end in "-sb" or "-mgmt"`,
    );
  });

  test("accepts namespace names of 6 and 50 characters", () => {
    for (const name of ["sbcont", `s${"b".repeat(48)}1`]) {
      const { stack } = messageQueue({ name });
      expect(validationErrors(stack)).toEqual([]);
    }
  });

  test.each([
    ["-orders", "starts with '-'"],
    ["orders.", "ends with '.'"],
    ["orders queue", "has a space"],
    ["orders~1", "has '~'"],
    ["", "is empty"],
    ["q".repeat(261), "261 characters"],
  ])("refuses queue name %j (%s)", (name) => {
    const { stack } = messageQueue({ queues: [{ name: "ok" }, { name }] });
    expect(synthError(stack)).toContain(
      `MessageQueue test/bus: queues[1].name = "${name}" must be 1-260 letters, digits, '.', '-', '_' and '/', starting and ending with a letter or digit`,
    );
  });

  test("accepts queue names of 1 and 260 characters with '.', '-', '_' and '/'", () => {
    const { stack } = messageQueue({ queues: [{ name: "q" }, { name: `a.b-c_d/e${"f".repeat(251)}` }] });
    expect(validationErrors(stack)).toEqual([]);
  });

  test("refuses a queue listed twice, comparing names as Service Bus does (case-insensitively)", () => {
    const { stack } = messageQueue({ queues: [{ name: "Orders" }, { name: "orders" }, { name: "Orders" }] });
    const errors = validationErrors(stack);
    expect(errors).toContain(
      'MessageQueue test/bus: queues[1].name = "orders" is listed twice (queue names are case-insensitive)',
    );
    expect(errors).toContain(
      'MessageQueue test/bus: queues[2].name = "Orders" is listed twice (queue names are case-insensitive)',
    );
  });

  test("refuses sessions on Basic", () => {
    const { stack } = messageQueue({ sku: "Basic", queues: [{ name: "orders", requiresSession: true }] });
    expect(synthError(stack)).toContain(
      'MessageQueue test/bus: queues[0].requiresSession = true needs sku "Standard" or "Premium" (Basic has no sessions)',
    );
  });

  test.each([
    ["PT4S", "under 5 seconds"],
    ["PT6M", "over 5 minutes"],
    ["PT5M1S", "over 5 minutes"],
    ["1m", "not ISO 8601"],
    ["PT", "empty duration"],
  ])("refuses lockDuration %j (%s)", (lockDuration) => {
    const { stack } = messageQueue({ queues: [{ name: "orders", lockDuration }] });
    expect(synthError(stack)).toContain(
      `MessageQueue test/bus: queues[0].lockDuration = "${lockDuration}" must be an ISO 8601 duration from PT5S to PT5M`,
    );
  });

  test("accepts lockDuration PT5S and PT5M", () => {
    const { stack } = messageQueue({
      queues: [
        { name: "a", lockDuration: "PT5S" },
        { name: "b", lockDuration: "PT5M" },
      ],
    });
    expect(validationErrors(stack)).toEqual([]);
  });

  test("refuses maxDeliveryCount 0 and fractions", () => {
    const { stack } = messageQueue({
      queues: [
        { name: "a", maxDeliveryCount: 0 },
        { name: "b", maxDeliveryCount: 1.5 },
      ],
    });
    const errors = validationErrors(stack);
    expect(errors).toContain(
      "MessageQueue test/bus: queues[0].maxDeliveryCount = 0 must be a whole number >= 1",
    );
    expect(errors).toContain(
      "MessageQueue test/bus: queues[1].maxDeliveryCount = 1.5 must be a whole number >= 1",
    );
  });

  test("capacity: Premium only, and one of 1, 2, 4, 8, 16", () => {
    const standard = messageQueue({ capacity: 2 });
    expect(synthError(standard.stack)).toContain(
      'MessageQueue test/bus: capacity = 2 needs sku "Premium" (sku is "Standard")',
    );
    const premium = messageQueue({ sku: "Premium", capacity: 3 });
    expect(synthError(premium.stack)).toContain(
      "MessageQueue test/bus: capacity = 3 must be one of 1, 2, 4, 8, 16 on Premium",
    );
  });

  test("refuses an unknown sku", () => {
    const { stack } = messageQueue({ sku: "Free" as never });
    expect(synthError(stack)).toContain(
      'MessageQueue test/bus: sku = "Free" must be "Basic", "Standard" or "Premium"',
    );
  });
});
