import azurerm from "./azurerm-force-new.json";

/**
 * What applying a change does to a resource, from the mildest to the most severe. "replacement
 * unknown" is never taken for "in place": the review has no force-new list for that type.
 */
export const REPLACEMENTS = ["in place", "replacement unknown", "may be replaced", "replaced"] as const;
export type Replacement = (typeof REPLACEMENTS)[number];

export function severer(a: Replacement, b: Replacement): Replacement {
  return REPLACEMENTS.indexOf(a) >= REPLACEMENTS.indexOf(b) ? a : b;
}

/** What the review knows about which changes of a resource type force a new resource. */
export interface ForceNewRule {
  /** Attribute paths (dotted, no list indexes); a path also covers everything below it. */
  readonly forceNew: readonly string[];
  /** The provider has a CustomizeDiff function, which may force a replacement for other changes too. */
  readonly customizeDiff: boolean;
  /** The list holds every force-new attribute; when false, other changes are "replacement unknown". */
  readonly complete: boolean;
}

/** The provider version the azurerm list was read from; a stack on another version gets a note. */
export const AZURERM_TABLE_VERSION: string = azurerm.version;

/**
 * Attributes that, according to their schema's own documentation (the prebuilt bindings' `.jsii`
 * docs), replace the resource when changed. The lists are partial: any other change of these
 * types is "replacement unknown".
 */
export const DOCUMENTED_FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  docker_image: ["triggers"],
  docker_registry_image: ["triggers"],
  random_bytes: ["keepers"],
  random_id: ["keepers"],
  random_integer: ["keepers"],
  random_password: ["keepers"],
  random_pet: ["keepers"],
  random_shuffle: ["keepers"],
  random_string: ["keepers"],
  random_uuid: ["keepers"],
};

/** `site_config[].application_stack[].docker_image_name` -> `site_config.application_stack.docker_image_name` */
function dotted(path: string): string {
  return path.replaceAll("[]", "");
}

const AZURERM_RULES = new Map<string, ForceNewRule>(
  Object.entries(azurerm.resources).map(([type, rule]) => [
    type,
    { forceNew: rule.forceNew.map(dotted), customizeDiff: rule.customizeDiff, complete: true },
  ]),
);

/** The rule for a resource type, or undefined when the review knows nothing about it. */
export function forceNewRule(type: string): ForceNewRule | undefined {
  const documented = DOCUMENTED_FORCE_NEW[type];
  if (documented) return { forceNew: documented, customizeDiff: false, complete: false };
  return AZURERM_RULES.get(type);
}

/** Keys of a resource body that are Terraform meta-arguments, not provider attributes. */
export const META_ARGUMENTS = new Set([
  "//",
  "depends_on",
  "lifecycle",
  "provider",
  "provisioner",
  "connection",
]);

/** Meta-arguments that decide how many instances exist: a change may add or destroy instances. */
const INSTANCE_ARGUMENTS = new Set(["count", "for_each"]);

/** `a.b` covers `a.b` and `a.b.c`; an added or removed block `a` covers `a.b` too. */
export function covers(rulePath: string, changedPath: string): boolean {
  return (
    changedPath === rulePath ||
    changedPath.startsWith(`${rulePath}.`) ||
    rulePath.startsWith(`${changedPath}.`)
  );
}

export interface OwnReplacement {
  readonly replacement: Replacement;
  /** The changed attributes (dotted paths) that force or may force the replacement. */
  readonly forcedBy: readonly string[];
}

/**
 * How a resource of `type` takes the changes of `changedPaths` (dotted, no list indexes, changes
 * ignored by `lifecycle.ignore_changes` already left out), judged from its own attributes only.
 */
export function ownReplacement(type: string, changedPaths: readonly string[]): OwnReplacement {
  const attributes = changedPaths.filter((path) => !META_ARGUMENTS.has(path.split(".")[0] ?? ""));
  if (attributes.length === 0) return { replacement: "in place", forcedBy: [] };
  const instances = attributes.filter((path) => INSTANCE_ARGUMENTS.has(path));
  const rule = forceNewRule(type);
  const forcing = rule
    ? attributes.filter((path) => rule.forceNew.some((rulePath) => covers(rulePath, path)))
    : [];
  if (forcing.length > 0) return { replacement: "replaced", forcedBy: forcing };
  if (instances.length > 0) return { replacement: "may be replaced", forcedBy: instances };
  if (!rule?.complete) return { replacement: "replacement unknown", forcedBy: [] };
  if (rule.customizeDiff) return { replacement: "may be replaced", forcedBy: [] };
  return { replacement: "in place", forcedBy: [] };
}

/**
 * Attributes that name a resource's parent in Azure (its resource group, server, vault, app,
 * namespace, network, or the resource an extension resource is attached to). Azure deletes a
 * child with its parent, so a replaced parent replaces the child even where the provider does not
 * mark the attribute force-new (`app_service_id` of a slot). `service_plan_id` is not a parent: an
 * app moves between plans in place.
 */
const PARENT_ATTRIBUTES = [
  "resource_group_name",
  "server_id",
  "server_name",
  "key_vault_id",
  "app_service_id",
  "namespace_id",
  "virtual_network_name",
  "virtual_network_id",
  "parent_id",
  "scope",
  "target_resource_id",
];

/** The top-level attributes whose references point at resources this one depends on for its existence. */
export function parentAttributes(type: string): string[] {
  const forceNew = forceNewRule(type)?.forceNew ?? [];
  return [...new Set([...PARENT_ATTRIBUTES, ...forceNew.map((path) => path.split(".")[0] ?? path)])];
}
