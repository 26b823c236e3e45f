import { REDACTED } from "./redact";
import type { JsonObject } from "./synth-dir";
import { blocks, dig, formatValue } from "./values";

/** Turns a Terraform value (often a reference) into words, e.g. "key vault `kv-contoso-prod`". */
export type Describe = (value: unknown) => string;

/** Who gets which role on what; each part as written in the JSON. */
export interface GrantFields {
  readonly role: unknown;
  readonly scope: unknown;
  readonly principal: unknown;
}

/** What the review knows about one resource type; every field is optional. */
export interface ResourceKind {
  /** Short name for people, e.g. "database server". @default the type */
  readonly label: string;
  /**
   * What is lost for good when the resource is destroyed (data, a name that stays locked): one line.
   * Its presence marks the type as stateful.
   */
  readonly loss?: (body: JsonObject) => string;
  /** What else a destroy or replacement breaks, for types that hold no data. */
  readonly effect?: string;
  /** A replacement is expected and harmless (an image rebuilt for a new tag): why. */
  readonly routine?: string;
  /** The resource generates a secret: re-creating it generates a new one. */
  readonly generatesSecret?: boolean;
  /** Who gets which role on what. */
  readonly grant?: (body: JsonObject) => GrantFields;
  /** The settings a reviewer reads first, short, for the overview of a synth. */
  readonly facts?: (body: JsonObject, describe: Describe) => string[];
  /** The overview shows the facts without the name (the name says nothing, e.g. diagnostic settings). */
  readonly factsOnly?: boolean;
  /** One of the main cost drivers: a new one is listed with its SKU and size. */
  readonly billed?: boolean;
  /** The overview only counts these (waits, server parameters): they rarely need a reader. */
  readonly quiet?: boolean;
}

/** `value` when present, formatted after `prefix` (a list of plain values comma-separated); nothing when absent. */
const fact = (value: unknown, prefix = "", suffix = ""): string[] => {
  if (value === undefined) return [];
  const plain =
    Array.isArray(value) && value.every((item) => typeof item !== "object") ? value.join(", ") : value;
  return [`${prefix}${formatValue(plain, 40)}${suffix}`];
};

const flag = (value: unknown, yes: string, no?: string): string[] =>
  value === true ? [yes] : value === false && no ? [no] : [];

/** Settings the platform sets the same way everywhere: counted, not listed (a diff still shows them). */
const PLATFORM_SETTING = /^WEBSITES?_|^SCM_|_VERSION$/;

/**
 * App settings: literal values short, then the names of those read from Key Vault; computed and
 * redacted ones are counted, and so are the platform's own (`WEBSITE(S)_*`, `SCM_*`, `*_VERSION` counters).
 */
function settings(body: JsonObject): string[] {
  const map = dig(body, "app_settings");
  if (typeof map !== "object" || map === null) return [];
  const literal: string[] = [];
  const vault: string[] = [];
  let other = 0;
  for (const [name, value] of Object.entries(map)) {
    if (typeof value === "string" && value.startsWith("@Microsoft.KeyVault(")) vault.push(name);
    else if (
      value === REDACTED ||
      (typeof value === "string" && value.includes("${")) ||
      PLATFORM_SETTING.test(name)
    )
      other++;
    else literal.push(`${name}=${formatValue(value, 24)}`);
  }
  return [
    ...(literal.length > 0 ? [`settings ${literal.join(", ")}`] : []),
    ...(vault.length > 0 ? [`from Key Vault ${vault.join(", ")}`] : []),
    ...(other > 0 ? [`${other} more settings`] : []),
  ];
}

function site(body: JsonObject): string[] {
  return [
    ...fact(dig(body, "site_config.application_stack.docker_image_name"), "image "),
    ...fact(dig(body, "site_config.health_check_path"), "health "),
    ...flag(dig(body, "public_network_access_enabled"), "public network access", "no public network access"),
    ...settings(body),
  ];
}

function autoscale(body: JsonObject): string[] {
  return blocks(body.profile).flatMap((profile) => {
    const capacity = (key: string) => formatValue(dig(profile, `capacity.${key}`) ?? "?");
    const rules = blocks(profile.rule).map((rule) => {
      const operator = dig(rule, "metric_trigger.operator") === "LessThan" ? "<" : ">";
      const sign = dig(rule, "scale_action.direction") === "Decrease" ? "-" : "+";
      return `${formatValue(dig(rule, "metric_trigger.metric_name"))} ${operator} ${formatValue(dig(rule, "metric_trigger.threshold"))} ${sign}${formatValue(dig(rule, "scale_action.value"))}`;
    });
    return [
      `${formatValue(profile.name)}: min ${capacity("minimum")}, default ${capacity("default")}, max ${capacity("maximum")}`,
      ...(rules.length > 0 ? [rules.join(", ")] : []),
    ];
  });
}

const roleAssignment = (body: JsonObject): GrantFields => ({
  role: body.role_definition_name ?? body.role_definition_id,
  scope: body.scope,
  principal: body.principal_id,
});

/** Key Vault: soft-deleted on destroy; with purge protection the name cannot be reused for the retention days. */
function vaultLoss(body: JsonObject): string {
  const days = typeof body.soft_delete_retention_days === "number" ? body.soft_delete_retention_days : 90;
  return body.purge_protection_enabled === true
    ? `its secrets go with it, and purge protection keeps the deleted vault's name locked for ${days} days: re-creating it under the same name fails until then`
    : `its secrets, keys and certificates are deleted (soft-deleted for ${days} days, the name stays taken until purged)`;
}

/**
 * Every resource type the review describes; a new type is one entry. Types not listed are still
 * diffed and counted, and their replacement is judged by replacement.ts.
 */
export const RESOURCE_KINDS: Readonly<Record<string, ResourceKind>> = {
  azurerm_resource_group: {
    label: "resource group",
    effect: "Azure deletes everything inside it with it",
    facts: (body) => fact(body.location),
  },
  azurerm_service_plan: {
    label: "plan",
    billed: true,
    effect: "its apps cannot run while it is re-created",
    facts: (body) => [
      ...fact(body.sku_name),
      ...fact(body.worker_count, "", " worker(s)"),
      ...fact(body.os_type),
      ...flag(body.zone_balancing_enabled, "zone balanced"),
    ],
  },
  azurerm_monitor_autoscale_setting: { label: "autoscale", billed: true, facts: autoscale },
  azurerm_linux_web_app: {
    label: "web app",
    effect: "the site is down until it is re-created and deployed again",
    facts: site,
  },
  azurerm_linux_web_app_slot: {
    label: "slot",
    effect: "the slot is down until it is re-created and deployed again",
    facts: site,
  },
  azurerm_user_assigned_identity: {
    label: "identity",
    effect:
      "a new principal: every grant to it is re-created and apps fail to pull images or read secrets until the grants propagate",
  },
  azurerm_role_assignment: { label: "grant", grant: roleAssignment },
  azurerm_key_vault_access_policy: {
    label: "access policy",
    grant: (body) => ({
      role: `secrets ${formatValue(body.secret_permissions ?? [])}, keys ${formatValue(body.key_permissions ?? [])}`,
      scope: body.key_vault_id,
      principal: body.object_id,
    }),
  },
  azurerm_postgresql_flexible_server_active_directory_administrator: {
    label: "database Entra admin",
    grant: (body) => ({
      role: "Entra administrator",
      scope: body.server_name,
      principal: body.principal_name,
    }),
  },
  postgresql_grant: {
    label: "database grant",
    grant: (body) => {
      const privileges = Array.isArray(body.privileges)
        ? body.privileges.join(", ")
        : formatValue(body.privileges);
      // An empty list revokes: the provider's way of taking PUBLIC's default privileges away.
      return {
        role: `${privileges || "no privileges"} on ${formatValue(body.object_type ?? "?")}`,
        scope: body.database,
        principal: body.role,
      };
    },
  },
  tfe_team_access: {
    label: "workspace team access",
    grant: (body) => ({ role: body.access ?? "custom", scope: body.workspace_id, principal: body.team_id }),
  },
  azurerm_key_vault: {
    label: "key vault",
    loss: vaultLoss,
    facts: (body) => [
      ...fact(body.sku_name),
      ...flag(body.rbac_authorization_enabled, "RBAC", "access policies"),
      ...flag(body.purge_protection_enabled, "purge protection", "no purge protection"),
      ...fact(body.soft_delete_retention_days, "soft delete ", " days"),
      ...flag(body.public_network_access_enabled, "public network access", "no public network access"),
    ],
  },
  azurerm_key_vault_secret: {
    label: "secret",
    loss: () =>
      "the secret and all its versions are deleted (soft-deleted: the name stays taken until purged)",
    facts: (body) => fact(body.value_wo_version, "version "),
  },
  azurerm_container_registry: {
    label: "registry",
    billed: true,
    loss: () => "every image in it is deleted, and its globally unique name is free for anyone to take",
    facts: (body) => [
      ...fact(body.sku),
      ...flag(body.admin_enabled, "admin user"),
      ...flag(body.anonymous_pull_enabled, "anonymous pull"),
      ...flag(body.public_network_access_enabled, "public network access", "no public network access"),
    ],
  },
  azurerm_log_analytics_workspace: {
    label: "log workspace",
    loss: () => "the logs collected in it are deleted",
    facts: (body) => [...fact(body.sku), ...fact(body.retention_in_days, "retention ", " days")],
  },
  azurerm_postgresql_flexible_server: {
    label: "database server",
    billed: true,
    loss: () => "every database on it is deleted with its data; only a backup restore brings it back",
    facts: (body) => [
      ...fact(body.sku_name),
      ...fact(typeof body.storage_mb === "number" ? body.storage_mb / 1024 : undefined, "", " GiB"),
      ...fact(body.backup_retention_days, "backups ", " days"),
      ...flag(body.geo_redundant_backup_enabled, "geo-redundant"),
      ...fact(dig(body, "high_availability.mode"), "HA "),
      ...flag(body.public_network_access_enabled, "public network access", "no public network access"),
    ],
  },
  azurerm_postgresql_flexible_server_database: {
    label: "database",
    loss: () => "the database is dropped with its data",
  },
  postgresql_database: { label: "database", loss: () => "the database is dropped with its data" },
  postgresql_role: {
    label: "database role",
    effect: "sessions and grants of the role are dropped with it",
  },
  azurerm_postgresql_flexible_server_configuration: { label: "server parameter", quiet: true },
  azurerm_postgresql_flexible_server_firewall_rule: {
    label: "firewall rule",
    facts: (body, describe) => [
      body.for_each === undefined
        ? `${formatValue(body.start_ip_address)}-${formatValue(body.end_ip_address)}`
        : `one per ${describe(body.for_each)}`,
    ],
  },
  azurerm_servicebus_namespace: {
    label: "Service Bus namespace",
    billed: true,
    loss: () => "every queue and topic in it is deleted with the messages waiting in it",
    facts: (body) => [
      ...fact(body.sku),
      ...fact(body.capacity, "capacity "),
      ...flag(body.local_auth_enabled, "SAS keys", "no SAS keys"),
    ],
  },
  azurerm_servicebus_queue: { label: "queue", loss: () => "the messages waiting in the queue are lost" },
  azurerm_servicebus_topic: {
    label: "topic",
    loss: () => "its subscriptions are deleted with the messages waiting in them",
  },
  azurerm_servicebus_subscription: {
    label: "subscription",
    loss: () => "the messages waiting in the subscription are lost",
  },
  azurerm_storage_account: {
    label: "storage account",
    loss: () =>
      "every blob, file, queue and table in it is deleted, and its globally unique name is free for anyone to take",
  },
  azurerm_mssql_database: { label: "SQL database", loss: () => "the database is deleted with its data" },
  azurerm_cosmosdb_account: {
    label: "Cosmos DB account",
    loss: () => "every database in it is deleted with its data",
  },
  tfe_workspace: {
    label: "HCP Terraform workspace",
    loss: () => "its Terraform state and run history are deleted: Terraform forgets what it manages",
  },
  azurerm_virtual_network: {
    label: "network",
    effect: "everything connected to it loses its connection until it is re-created",
    facts: (body) => fact(body.address_space),
  },
  azurerm_subnet: {
    label: "subnet",
    facts: (body) => [
      ...fact(body.address_prefixes),
      ...fact(dig(body, "delegation.service_delegation.name"), "delegated to "),
    ],
  },
  azurerm_private_dns_zone: { label: "private DNS zone", quiet: true },
  azurerm_private_dns_zone_virtual_network_link: { label: "DNS link", quiet: true },
  azurerm_private_endpoint: { label: "private endpoint" },
  azurerm_application_insights: {
    label: "App Insights",
    effect: "a new connection string: telemetry of apps configured with the old one is lost",
    facts: (body) => [
      ...fact(body.retention_in_days, "retention ", " days"),
      ...flag(body.local_authentication_disabled, "Entra auth only", "local auth"),
    ],
  },
  azurerm_application_insights_standard_web_test: { label: "availability test", quiet: true },
  azurerm_monitor_action_group: {
    label: "action group",
    facts: (body) => [
      ...fact(blocks(body.email_receiver).length || undefined, "", " email(s)"),
      ...fact(blocks(body.webhook_receiver).length || undefined, "", " webhook(s)"),
    ],
  },
  azurerm_monitor_metric_alert: { label: "metric alert", facts: (body) => fact(body.severity, "sev ") },
  azurerm_monitor_scheduled_query_rules_alert_v2: {
    label: "query alert",
    facts: (body) => fact(body.severity, "sev "),
  },
  azurerm_monitor_diagnostic_setting: {
    label: "diagnostics",
    factsOnly: true,
    facts: (body, describe) => [describe(body.target_resource_id)],
  },
  azurerm_federated_identity_credential: { label: "federated credential", quiet: true },
  docker_image: {
    label: "image build",
    routine: "a new image is built for the new tag or build context",
    // The name is `<login server>/<repository>:<tag>`; the login server is a reference.
    facts: (body) => fact(typeof body.name === "string" ? body.name.split("/").pop() : undefined),
  },
  docker_registry_image: {
    label: "image push",
    quiet: true,
    routine: "the new image is pushed; keep_remotely keeps the old tag in the registry",
  },
  time_sleep: { label: "wait", routine: "a wait runs again", quiet: true },
  random_password: { label: "generated password", generatesSecret: true, quiet: true },
  random_string: { label: "generated string", generatesSecret: true },
  "data.azurerm_client_config": { label: "the deploying principal" },
};

/** The kind of a resource type; unknown types get their type name as label and nothing else. */
export function kindOf(type: string): ResourceKind {
  return RESOURCE_KINDS[type] ?? { label: type };
}
