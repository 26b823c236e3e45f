import { block, type PolicyRule, type ResourceView, SITE_TYPES } from "../policy-rule";

/**
 * Why a data-plane resource's public endpoint admits the internet, or undefined when it is off
 * or denies by default (an allow-list, or private endpoints only).
 */
function openEndpoint(resource: ResourceView, rulesAttribute: string): string | undefined {
  if (resource.attributes.public_network_access_enabled === false) return undefined;
  if (block(resource.attributes[rulesAttribute]).default_action === "Deny") return undefined;
  return `public_network_access_enabled is not false and ${rulesAttribute}.default_action is not "Deny": the whole internet reaches its public endpoint`;
}

const RULES_ATTRIBUTE: Readonly<Record<string, string>> = {
  azurerm_key_vault: "network_acls",
  azurerm_container_registry: "network_rule_set",
  azurerm_servicebus_namespace: "network_rule_set",
};

/** A site's access rules that admit everyone despite a default Deny. */
function openRules(rules: unknown): boolean {
  const list = Array.isArray(rules) ? rules : rules ? [rules] : [];
  return list.some(
    (rule) =>
      rule?.action !== "Deny" && (rule?.ip_address === "0.0.0.0/0" || rule?.service_tag === "Internet"),
  );
}

/** Whether the main (`scm` false) or SCM site of a web app or slot admits the internet. */
function siteOpen(resource: ResourceView, scm: boolean): boolean {
  const config = block(resource.attributes.site_config);
  if (scm && config.scm_use_main_ip_restriction === true) return siteOpen(resource, false);
  const prefix = scm ? "scm_" : "";
  // The provider's default action is "Allow".
  return (
    config[`${prefix}ip_restriction_default_action`] !== "Deny" ||
    openRules(config[`${prefix}ip_restriction`])
  );
}

/** Network rules for production: a private data plane, closed staging slots and SCM sites. */
export const NETWORK_RULES: readonly PolicyRule[] = [
  {
    id: "APS050",
    title: "Private data plane in production",
    rationale:
      "secrets, images and messages of production must not be one leaked credential away from the whole internet; give the environment a network (private endpoints) or an allow-list",
    severity: "warning",
    resourceTypes: [...Object.keys(RULES_ATTRIBUTE), ...SITE_TYPES],
    check: (r, stack) => {
      if (!stack.production) return [];
      if (r.type in RULES_ATTRIBUTE) {
        const problem = openEndpoint(r, RULES_ATTRIBUTE[r.type]);
        return problem ? [problem] : [];
      }
      // A container site pulls from the registry; without a VNet pull it goes over the public network.
      const pullsFromRegistry =
        block(r.attributes.site_config).container_registry_use_managed_identity === true;
      return pullsFromRegistry && r.attributes.vnet_image_pull_enabled !== true
        ? ["vnet_image_pull_enabled is not true: the image is pulled over the registry's public endpoint"]
        : [];
    },
  },
  {
    id: "APS051",
    title: "Production staging slots and SCM sites closed to the internet",
    rationale:
      "a staging slot runs unreleased code next to production's data, and an SCM site is a console into the app; both should admit only the release runner and the network",
    severity: "warning",
    resourceTypes: SITE_TYPES,
    check: (r, stack) => {
      if (!stack.production) return [];
      return [
        ...(r.type === "azurerm_linux_web_app_slot" && siteOpen(r, false)
          ? ['the slot is open to the internet (site_config.ip_restriction_default_action is not "Deny")']
          : []),
        ...(siteOpen(r, true)
          ? [
              'the SCM site is open to the internet (site_config.scm_ip_restriction_default_action is not "Deny")',
            ]
          : []),
      ];
    },
  },
];
