import { redactTree, valueAt } from "./redact";
import { isObject, resourcesOf, type Stack } from "./synth-dir";
import { formatChange } from "./values";

/**
 * Top-level attributes whose change makes Terraform destroy and re-create the resource
 * (ForceNew in azurerm 4.x). "azurerm_*" applies to every azurerm resource. Deliberately absent:
 * `service_plan_id` (a web app moves between plans in place) and `sku` of a registry (changed in place).
 */
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  "azurerm_*": ["name", "location", "resource_group_name"],
  azurerm_service_plan: ["os_type"],
  azurerm_key_vault: ["tenant_id"],
  azurerm_container_registry: ["zone_redundancy_enabled"],
  azurerm_role_assignment: ["principal_id", "scope", "role_definition_name", "role_definition_id"],
};

export function forcesNew(type: string, attribute: string): boolean {
  const wildcard = type.startsWith("azurerm_") ? (FORCE_NEW["azurerm_*"] ?? []) : [];
  return [...wildcard, ...(FORCE_NEW[type] ?? [])].includes(attribute);
}

export interface AttributeChange {
  /** e.g. `site_config.application_stack.docker_image_name` or `profile[0].rule[1].scale_action.value` */
  readonly path: string;
  /** Redacted and abbreviated; "(absent)" when the attribute is not set on that side. */
  readonly before: string;
  readonly after: string;
  readonly forcesNew: boolean;
}

export interface ResourceChange {
  readonly address: string;
  readonly attributes: readonly AttributeChange[];
}

export interface StackDiff {
  readonly name: string;
  readonly status: "added" | "removed" | "changed";
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ResourceChange[];
}

export const ABSENT = "(absent)";

/** Stacks added, removed or with resources added, removed or changed; unchanged stacks are left out. */
export function diffSynth(baseline: readonly Stack[], current: readonly Stack[]): StackDiff[] {
  const names = [...new Set([...baseline, ...current].map((stack) => stack.name))].sort();
  return names.flatMap((name) => {
    const before = baseline.find((stack) => stack.name === name);
    const after = current.find((stack) => stack.name === name);
    const diff = diffStack(name, before?.tf ?? {}, after?.tf ?? {});
    const status = !before ? "added" : !after ? "removed" : "changed";
    const empty = diff.added.length + diff.removed.length + diff.changed.length === 0;
    return status === "changed" && empty ? [] : [{ ...diff, status }];
  });
}

function diffStack(
  name: string,
  beforeTf: Record<string, unknown>,
  afterTf: Record<string, unknown>,
): StackDiff {
  const before = new Map(resourcesOf(beforeTf).map((entry) => [entry.address, entry]));
  const after = new Map(resourcesOf(afterTf).map((entry) => [entry.address, entry]));
  const redactedBefore = redactTree(beforeTf);
  const redactedAfter = redactTree(afterTf);
  const changed: ResourceChange[] = [];
  for (const [address, entry] of after) {
    const old = before.get(address);
    if (!old) continue;
    const section = address.startsWith("data.") ? ["data", entry.type.slice(5)] : ["resource", entry.type];
    const oldLeaves = leaves(old.body);
    const newLeaves = leaves(entry.body);
    const attributes: AttributeChange[] = [];
    for (const key of [...new Set([...oldLeaves.keys(), ...newLeaves.keys()])].sort()) {
      const was = oldLeaves.get(key);
      const now = newLeaves.get(key);
      if (JSON.stringify(was?.value) === JSON.stringify(now?.value)) continue;
      const segments = (was ?? now)?.segments ?? [];
      const show = (leaf: Leaf | undefined, tree: unknown) =>
        leaf ? valueAt(tree, [...section, entry.id, ...segments]) : ABSENT;
      const [beforeText, afterText] = formatChange(show(was, redactedBefore), show(now, redactedAfter));
      attributes.push({
        path: key,
        before: beforeText,
        after: afterText,
        forcesNew: forcesNew(entry.type, segments[0] ?? ""),
      });
    }
    if (attributes.length > 0) changed.push({ address, attributes });
  }
  return {
    name,
    status: "changed",
    added: [...after.keys()].filter((address) => !before.has(address)).sort(),
    removed: [...before.keys()].filter((address) => !after.has(address)).sort(),
    changed: changed.sort((a, b) => a.address.localeCompare(b.address)),
  };
}

interface Leaf {
  readonly segments: readonly string[];
  readonly value: unknown;
}

/** Every scalar (and empty object or list) of a resource body by display path, skipping `//` metadata. */
function leaves(value: unknown, segments: string[] = [], out = new Map<string, Leaf>()): Map<string, Leaf> {
  const children = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : isObject(value)
      ? Object.entries(value).filter(([key]) => key !== "//")
      : [];
  if (children.length === 0) {
    const empty = Array.isArray(value) ? [] : isObject(value) ? {} : value; // an object may hold only "//"
    out.set(displayPath(segments), { segments, value: empty });
    return out;
  }
  for (const [key, item] of children) leaves(item, [...segments, key], out);
  return out;
}

function displayPath(segments: readonly string[]): string {
  return segments
    .map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join("");
}
