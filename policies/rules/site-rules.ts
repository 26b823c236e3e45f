import { block, type PolicyRule, SITE_TYPES } from "../policy-rule";

const TLS_ORDER = ["1.0", "1.1", "1.2", "1.3"];

/** App Service security baseline for web apps and slots. */
export const SITE_RULES: readonly PolicyRule[] = [
  {
    id: "APS001",
    title: "HTTPS only",
    rationale: "plain HTTP exposes sessions and tokens on the wire",
    severity: "error",
    resourceTypes: SITE_TYPES,
    check: (r) =>
      r.attributes.https_only === true
        ? []
        : [`https_only is ${r.attributes.https_only ?? "unset"}, must be true`],
  },
  {
    id: "APS002",
    title: "TLS 1.2 or newer",
    rationale: "TLS 1.0 and 1.1 are deprecated and fail compliance baselines",
    severity: "error",
    resourceTypes: SITE_TYPES,
    check: (r) => {
      const config = block(r.attributes.site_config);
      return ["minimum_tls_version", "scm_minimum_tls_version"].flatMap((key) => {
        const version = config[key] ?? "1.2"; // the provider's default
        return TLS_ORDER.indexOf(version) >= TLS_ORDER.indexOf("1.2")
          ? []
          : [`site_config.${key} is "${version}", must be 1.2 or newer`];
      });
    },
  },
  {
    id: "APS003",
    title: "FTP and FTPS disabled",
    rationale: "deployments go through the registry image; FTP is an unused way in",
    severity: "error",
    resourceTypes: SITE_TYPES,
    check: (r) => {
      const state = block(r.attributes.site_config).ftps_state ?? "Disabled";
      return state === "Disabled" ? [] : [`site_config.ftps_state is "${state}", must be "Disabled"`];
    },
  },
  {
    id: "APS004",
    title: "Remote debugging off",
    rationale: "an open debugger port is remote code execution",
    severity: "error",
    resourceTypes: SITE_TYPES,
    check: (r) =>
      block(r.attributes.site_config).remote_debugging_enabled === true
        ? ["site_config.remote_debugging_enabled is true"]
        : [],
  },
  {
    id: "APS005",
    title: "Health check with eviction time",
    rationale:
      "App Service replaces unhealthy instances only with a health check; the provider requires the eviction time with it",
    severity: "error",
    resourceTypes: SITE_TYPES,
    check: (r) => {
      const config = block(r.attributes.site_config);
      const problems: string[] = [];
      if (!config.health_check_path) problems.push("site_config.health_check_path is not set");
      const eviction = config.health_check_eviction_time_in_min;
      if (config.health_check_path && !(eviction >= 2 && eviction <= 10)) {
        problems.push(
          `site_config.health_check_eviction_time_in_min is ${eviction ?? "unset"}, must be 2-10 with a health check`,
        );
      }
      return problems;
    },
  },
  {
    id: "APS006",
    title: "Managed identity on every app and slot",
    rationale: "image pulls and Key Vault references must not need credentials",
    severity: "error",
    resourceTypes: SITE_TYPES,
    check: (r) => {
      const type = String(block(r.attributes.identity).type ?? "");
      return type.includes("Assigned") ? [] : ["has no managed identity (identity block)"];
    },
  },
  {
    id: "APS007",
    title: "No registry credentials",
    rationale:
      "registry passwords in settings leak through the portal, logs and swaps; the identity pulls images",
    severity: "error",
    resourceTypes: SITE_TYPES,
    check: (r) => {
      const settings = Object.keys(r.attributes.app_settings ?? {}).filter((name) =>
        /^DOCKER_REGISTRY_SERVER_/i.test(name),
      );
      const stack = block(block(r.attributes.site_config).application_stack);
      const fields = ["docker_registry_username", "docker_registry_password"].filter(
        (key) => stack[key] !== undefined,
      );
      return [
        ...settings.map((name) => `app setting ${name} holds registry credentials`),
        ...fields.map((key) => `site_config.application_stack.${key} is set`),
      ];
    },
  },
  {
    id: "APS008",
    title: "Always on in production",
    rationale: "without it the worker unloads when idle and the next request pays a cold start",
    severity: "warning",
    resourceTypes: SITE_TYPES,
    check: (r, stack) =>
      stack.production && block(r.attributes.site_config).always_on === false
        ? ["site_config.always_on is false"]
        : [],
  },
];
