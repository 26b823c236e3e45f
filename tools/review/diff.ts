import { redactTree, valueAt } from "./redact";
import {
  META_ARGUMENTS,
  type OwnReplacement,
  ownReplacement,
  parentAttributes,
  REPLACEMENTS,
  type Replacement,
} from "./replacement";
import { isObject, type JsonObject, resourcesOf, type Stack } from "./synth-dir";
import { isLiteral, keyOf, type ResourceKey, SynthIndex } from "./synth-index";
import { formatChange } from "./values";

export interface AttributeChange {
  /** e.g. `site_config.application_stack.docker_image_name` or `profile[0].rule[1].scale_action.value` */
  readonly path: string;
  /** Redacted and abbreviated; "(absent)" when the attribute is not set on that side. */
  readonly before: string;
  readonly after: string;
  /** The attribute is on the type's force-new list (or is one of its parents' references). */
  readonly forcesNew: boolean;
  /** Listed in the resource's `lifecycle.ignore_changes`: Terraform will not apply it. */
  readonly ignored: boolean;
}

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  /** The baseline address when the resource moved: a `moved` block, or a new address for the same name. */
  readonly from?: string;
  /** True when the address changed without a `moved` block: Terraform destroys and creates it. */
  readonly readdressed: boolean;
  readonly attributes: readonly AttributeChange[];
  readonly replacement: Replacement;
  /** Changed attributes (dotted, without list indexes) that force or may force the replacement. */
  readonly forcedBy: readonly string[];
  /** The resource whose replacement this one shares (Azure deletes a child with its parent). */
  readonly parent?: ResourceKey;
}

export interface StackDiff {
  readonly name: string;
  readonly status: "added" | "removed" | "changed";
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ResourceChange[];
}

/** The changes from a baseline synth to the current one, with both synths for lookups. */
export interface SynthDiff {
  readonly before: SynthIndex;
  readonly after: SynthIndex;
  /** Stacks with changes only, sorted by name. */
  readonly stacks: readonly StackDiff[];
}

export const ABSENT = "(absent)";

interface Draft {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly from?: string;
  readonly readdressed: boolean;
  readonly attributes: AttributeChange[];
  readonly own: OwnReplacement;
  /** The own replacement, or the parent's where that is more severe. */
  replacement: Replacement;
  parent?: ResourceKey;
}

/**
 * Stacks added, removed or with resources added, removed, changed or replaced along with a
 * replaced parent; unchanged stacks are left out. Replacements follow replacement.ts.
 */
export function diffSynth(baseline: readonly Stack[], current: readonly Stack[]): SynthDiff {
  const before = new SynthIndex(baseline);
  const after = new SynthIndex(current);
  const names = [...new Set([...baseline, ...current].map((stack) => stack.name))].sort();
  const drafts = new Map<string, Draft>();
  const stacks = names.map((name) => {
    const old = before.stack(name);
    const now = after.stack(name);
    const stackDrafts = pairResources(name, old?.tf ?? {}, now?.tf ?? {});
    for (const draft of stackDrafts.changed) drafts.set(keyOf(draft), draft);
    return { name, status: !old ? "added" : !now ? "removed" : "changed", ...stackDrafts } as const;
  });
  propagateParents(after, drafts);
  const result = stacks.flatMap((stack): StackDiff[] => {
    const changed = stack.changed
      .filter((draft) => draft.attributes.length > 0 || draft.parent || draft.readdressed || draft.from)
      .map(finish)
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    const empty = stack.added.length + stack.removed.length + changed.length === 0;
    if (stack.status === "changed" && empty) return [];
    return [{ name: stack.name, status: stack.status, added: stack.added, removed: stack.removed, changed }];
  });
  return { before, after, stacks: result };
}

function finish(draft: Draft): ResourceChange {
  return {
    address: draft.address,
    type: draft.type,
    ...(draft.from ? { from: draft.from } : {}),
    readdressed: draft.readdressed,
    attributes: draft.attributes,
    replacement: draft.replacement,
    forcedBy: draft.own.forcedBy,
    ...(draft.parent ? { parent: draft.parent } : {}),
  };
}

/**
 * Pairs the resources of a stack's two versions by address, by `moved` block, or (for a
 * resource whose address changed without one) by type and literal name; diffs each pair.
 */
function pairResources(stack: string, beforeTf: JsonObject, afterTf: JsonObject) {
  const before = new Map(resourcesOf(beforeTf).map((entry) => [entry.address, entry]));
  const after = new Map(resourcesOf(afterTf).map((entry) => [entry.address, entry]));
  const pairs = new Map<string, { from: string; readdressed: boolean }>();
  for (const address of after.keys())
    if (before.has(address)) pairs.set(address, { from: address, readdressed: false });
  for (const moved of Array.isArray(afterTf.moved) ? afterTf.moved : []) {
    if (isObject(moved) && typeof moved.from === "string" && typeof moved.to === "string") {
      if (before.has(moved.from) && after.has(moved.to) && !pairs.has(moved.to)) {
        pairs.set(moved.to, { from: moved.from, readdressed: false });
      }
    }
  }
  const paired = new Set([...pairs.values()].map((pair) => pair.from));
  const nameOf = (entry: { type: string; body: JsonObject }) =>
    isLiteral(entry.body.name) ? `${entry.type} ${entry.body.name}` : undefined;
  const unpairedBefore = new Map<string, string>();
  for (const [address, entry] of before) {
    const name = nameOf(entry);
    if (!paired.has(address) && name && !address.startsWith("data.")) unpairedBefore.set(name, address);
  }
  for (const [address, entry] of after) {
    const name = nameOf(entry);
    const from = name && !pairs.has(address) ? unpairedBefore.get(name) : undefined;
    if (from) {
      pairs.set(address, { from, readdressed: true });
      unpairedBefore.delete(name ?? "");
    }
  }
  const redactedBefore = redactTree(beforeTf);
  const redactedAfter = redactTree(afterTf);
  // A reference to a resource that a moved block renamed is the same value for Terraform.
  const renamed = [...pairs]
    .filter(([address, pair]) => pair.from !== address && !pair.readdressed)
    .map(([address, pair]) => [address, pair.from] as const);
  const changed: Draft[] = [];
  for (const [address, pair] of pairs) {
    const old = before.get(pair.from);
    const entry = after.get(address);
    if (!old || !entry) continue;
    const attributes = diffBodies(
      old.body,
      renameReferences(entry.body, renamed) as JsonObject,
      (segments) => valueAt(redactedBefore, [...sectionOf(old), old.id, ...segments]),
      (segments) => valueAt(redactedAfter, [...sectionOf(entry), entry.id, ...segments]),
    );
    const applied = attributes.filter((change) => !change.ignored).map((change) => dotted(change.path));
    const own: OwnReplacement = entry.type.startsWith("data.")
      ? { replacement: "in place", forcedBy: [] }
      : ownReplacement(entry.type, applied);
    const forcing = new Set(own.replacement === "replaced" ? own.forcedBy : []);
    changed.push({
      stack,
      address,
      type: entry.type,
      ...(pair.from !== address ? { from: pair.from } : {}),
      readdressed: pair.readdressed,
      attributes: attributes.map((change) => ({ ...change, forcesNew: forcing.has(dotted(change.path)) })),
      own,
      replacement: pair.readdressed ? "replaced" : own.replacement,
    });
  }
  const renamedFrom = new Set([...pairs.values()].map((pair) => pair.from));
  return {
    added: [...after.keys()].filter((address) => !pairs.has(address)).sort(),
    removed: [...before.keys()].filter((address) => !renamedFrom.has(address)).sort(),
    changed,
  };
}

/** `value` with references to each `[to, from]` pair's new address written with its old one. */
function renameReferences(value: unknown, renamed: readonly (readonly [string, string])[]): unknown {
  if (renamed.length === 0) return value;
  if (typeof value === "string") {
    return value.includes("${")
      ? renamed.reduce(
          (text, [to, from]) =>
            text.replace(new RegExp(`(?<![\\w.-])${escapeRegExp(to)}(?![\\w-])`, "g"), from),
          value,
        )
      : value;
  }
  if (Array.isArray(value)) return value.map((item) => renameReferences(item, renamed));
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, renameReferences(item, renamed)]),
    );
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function sectionOf(entry: { address: string; type: string }): string[] {
  return entry.address.startsWith("data.") ? ["data", entry.type.slice(5)] : ["resource", entry.type];
}

/**
 * Every changed leaf of two resource bodies, `//` metadata left out. `show` reads the redacted
 * value of a leaf on each side, so that secrets never reach the result.
 */
function diffBodies(
  old: JsonObject,
  now: JsonObject,
  showBefore: (segments: readonly string[]) => unknown,
  showAfter: (segments: readonly string[]) => unknown,
): AttributeChange[] {
  const oldLeaves = leaves(old);
  const newLeaves = leaves(now);
  const ignored = ignoredPaths(now);
  const changes: AttributeChange[] = [];
  for (const key of [...new Set([...oldLeaves.keys(), ...newLeaves.keys()])].sort()) {
    const was = oldLeaves.get(key);
    const is = newLeaves.get(key);
    if (JSON.stringify(was?.value) === JSON.stringify(is?.value)) continue;
    const [beforeText, afterText] = formatChange(
      was ? showBefore(was.segments) : ABSENT,
      is ? showAfter(is.segments) : ABSENT,
    );
    const path = dotted(key);
    const meta = META_ARGUMENTS.has(path.split(".")[0] ?? "");
    changes.push({
      path: key,
      before: beforeText,
      after: afterText,
      forcesNew: false,
      ignored:
        !meta && ignored.some((entry) => entry === "all" || path === entry || path.startsWith(`${entry}.`)),
    });
  }
  return changes;
}

/** `lifecycle.ignore_changes` as dotted paths without indexes (`app_settings["X"]` -> `app_settings.X`). */
function ignoredPaths(body: JsonObject): string[] {
  const lifecycle = isObject(body.lifecycle) ? body.lifecycle : {};
  const list = lifecycle.ignore_changes;
  if (list === "all") return ["all"];
  if (!Array.isArray(list)) return [];
  return list
    .filter((item): item is string => typeof item === "string")
    .map((item) => dotted(item.replace(/\["([^"]*)"\]/g, ".$1")));
}

/** A display path without list indexes: `profile[0].rule[1].x` -> `profile.rule.x`. */
export function dotted(path: string): string {
  return path.replace(/\[\d+\]/g, "");
}

/**
 * A child shares the replacement of its parent (resource group, server, vault, app, or what a
 * grant or diagnostic setting is attached to): found through the parent attributes' references,
 * across stacks, until nothing changes.
 */
function propagateParents(after: SynthIndex, drafts: Map<string, Draft>): void {
  const severity = (replacement: Replacement) => REPLACEMENTS.indexOf(replacement);
  let changed = true;
  for (let round = 0; changed && round < 50; round++) {
    changed = false;
    for (const draft of drafts.values()) {
      if (draft.type.startsWith("data.")) continue;
      const body = after.entry(draft)?.body ?? {};
      for (const attribute of parentAttributes(draft.type)) {
        if (body[attribute] === undefined) continue;
        for (const parent of after.targets(draft.stack, body[attribute])) {
          const parentDraft = drafts.get(keyOf(parent));
          if (parentDraft && severity(parentDraft.replacement) > severity(draft.replacement)) {
            draft.replacement = parentDraft.replacement;
            draft.parent = parent;
            changed = true;
          }
        }
      }
    }
  }
}

export interface Leaf {
  readonly segments: readonly string[];
  readonly value: unknown;
}

/** Every scalar (and empty object or list) of a resource body by display path, skipping `//` metadata. */
export function leaves(
  value: unknown,
  segments: string[] = [],
  out = new Map<string, Leaf>(),
): Map<string, Leaf> {
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
