import type { JsonObject } from "./synth-dir";
import { blocks, dig, formatValue } from "./values";

/** One line of a resource's summary: a label and its (already redacted) value as text. */
export interface Setting {
  readonly label: string;
  readonly value: string;
}

/** Reads the settings a reviewer cares about from a resource body that has been through redactTree. */
export type Extractor = (body: JsonObject) => Setting[];

/** The dotted attributes that are present, labelled by their path. */
const pick =
  (...paths: string[]): Extractor =>
  (body) =>
    paths.flatMap((path) => {
      const value = dig(body, path);
      return value === undefined ? [] : [{ label: path, value: formatValue(value) }];
    });

/** The present values joined by spaces; "?" when none is present. */
const text = (...values: unknown[]): string =>
  values
    .filter((value) => value !== undefined)
    .map((value) => formatValue(value))
    .join(" ") || "?";

const combine =
  (...extractors: Extractor[]): Extractor =>
  (body) =>
    extractors.flatMap((extract) => extract(body));

const webApp: Extractor = combine(
  pick("name"),
  (body) => {
    const image = dig(body, "site_config.application_stack.docker_image_name");
    return image === undefined ? [] : [{ label: "image", value: formatValue(image) }];
  },
  pick(
    "https_only",
    "site_config.minimum_tls_version",
    "site_config.ftps_state",
    "site_config.health_check_path",
    "identity.type",
    "sticky_settings.app_setting_names",
  ),
  (body) => {
    const settings = dig(body, "app_settings");
    if (typeof settings !== "object" || settings === null) return [];
    const entries = Object.entries(settings).map(([name, value]) => `${name}=${formatValue(value, 60)}`);
    return [{ label: "app_settings", value: entries.join(", ") }];
  },
);

const autoscale: Extractor = (body) =>
  blocks(body.profile).flatMap((profile) => {
    const capacity = (key: string) => text(dig(profile, `capacity.${key}`));
    return [
      {
        label: `profile ${formatValue(profile.name)} capacity`,
        value: `min ${capacity("minimum")}, default ${capacity("default")}, max ${capacity("maximum")}`,
      },
      ...blocks(profile.rule).map((rule, index) => {
        const at = (...paths: string[]) => text(...paths.map((path) => dig(rule, path)));
        const trigger = at(
          "metric_trigger.metric_name",
          "metric_trigger.time_aggregation",
          "metric_trigger.operator",
          "metric_trigger.threshold",
        );
        return {
          label: `rule ${index + 1}`,
          value:
            `${trigger} over ${at("metric_trigger.time_window")} -> ${at("scale_action.direction")}` +
            ` by ${at("scale_action.value", "scale_action.type")}, cooldown ${at("scale_action.cooldown")}`,
        };
      }),
    ];
  });

/** An alert's criteria, one summary line each. */
const criteria =
  (summarize: (criterion: Record<string, unknown>) => string, ...keys: string[]): Extractor =>
  (body) =>
    keys.flatMap((key) =>
      blocks(body[key]).map((criterion) => ({ label: key, value: summarize(criterion) })),
    );

/** Every resource type the report summarizes; a new type is one entry. */
export const EXTRACTORS: Readonly<Record<string, Extractor>> = {
  azurerm_service_plan: pick("name", "os_type", "sku_name", "worker_count", "zone_balancing_enabled"),
  azurerm_container_registry: pick("name", "sku", "admin_enabled", "anonymous_pull_enabled"),
  azurerm_linux_web_app: webApp,
  azurerm_linux_web_app_slot: webApp,
  azurerm_user_assigned_identity: pick("name"),
  azurerm_role_assignment: pick("role_definition_name", "role_definition_id", "scope", "principal_id"),
  azurerm_key_vault_access_policy: pick(
    "key_vault_id",
    "object_id",
    "secret_permissions",
    "key_permissions",
    "certificate_permissions",
    "storage_permissions",
  ),
  azurerm_monitor_autoscale_setting: combine(pick("name", "target_resource_id"), autoscale),
  azurerm_monitor_metric_alert: combine(
    pick("name", "severity", "frequency", "window_size"),
    criteria(
      (c) => text(c.metric_name, c.aggregation, c.operator, c.threshold ?? c.alert_sensitivity),
      "criteria",
      "dynamic_criteria",
    ),
  ),
  azurerm_monitor_scheduled_query_rules_alert_v2: combine(
    pick("name", "severity", "evaluation_frequency", "window_duration"),
    criteria(
      (c) => `${text(c.time_aggregation_method, c.operator, c.threshold)} of ${text(c.query)}`,
      "criteria",
    ),
  ),
  azurerm_application_insights_standard_web_test: pick(
    "name",
    "frequency",
    "timeout",
    "request.url",
    "validation_rules.expected_status_code",
    "geo_locations",
  ),
  azurerm_key_vault: pick(
    "name",
    "sku_name",
    "rbac_authorization_enabled",
    "purge_protection_enabled",
    "soft_delete_retention_days",
  ),
  azurerm_key_vault_secret: pick("name", "value_wo_version"),
  azurerm_postgresql_flexible_server: pick(
    "name",
    "version",
    "sku_name",
    "storage_mb",
    "backup_retention_days",
    "geo_redundant_backup_enabled",
    "high_availability.mode",
    "public_network_access_enabled",
    "delegated_subnet_id",
    "administrator_password_wo_version",
  ),
  azurerm_postgresql_flexible_server_database: pick("name", "server_id"),
  azurerm_postgresql_flexible_server_firewall_rule: pick(
    "name",
    "start_ip_address",
    "end_ip_address",
    "for_each",
  ),
  azurerm_servicebus_namespace: pick("name", "sku", "capacity", "local_auth_enabled", "minimum_tls_version"),
  azurerm_servicebus_queue: pick("name", "namespace_id"),
  azurerm_virtual_network: pick("name", "address_space"),
  azurerm_subnet: pick("name", "address_prefixes", "delegation.service_delegation.name"),
  azurerm_application_insights: pick(
    "name",
    "workspace_id",
    "local_authentication_disabled",
    "retention_in_days",
  ),
  azurerm_monitor_diagnostic_setting: pick("name", "target_resource_id", "log_analytics_workspace_id"),
  azurerm_monitor_action_group: pick(
    "name",
    "short_name",
    "email_receiver.email_address",
    "webhook_receiver.service_uri",
  ),
};
