import { isObject, type ResourceEntry, resourcesOf, type Stack } from "./synth-dir";

/** A resource of a whole synth: its stack and its address in that stack. */
export interface ResourceKey {
  readonly stack: string;
  readonly address: string;
}

export function keyOf(key: ResourceKey): string {
  return `${key.stack} ${key.address}`;
}

/** cdktf names the remote state data source that reads another stack's outputs after that stack. */
const CROSS_STACK_INPUT = /^cross-stack-reference-input-(.+)$/;

/**
 * A reference inside a Terraform expression: `type.name` or `data.type.name`, with what follows it
 * (`id`, `outputs.x`). Resource types always hold an underscore (provider prefix), which keeps
 * `var.x`, `each.value`, `terraform.workspace` and `local.x` out.
 */
const REFERENCE = /(?<![\w.-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*\.[\w-]+)((?:\.[\w-]+)*)/g;

/** The `${...}` expressions inside a string, nested braces included. */
function expressions(text: string): string[] {
  const found: string[] = [];
  let start = text.indexOf("${");
  while (start !== -1) {
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    found.push(text.slice(start + 2, end));
    start = text.indexOf("${", end);
  }
  return found;
}

/** Every string inside a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isObject(value)) return Object.values(value).flatMap(strings);
  return [];
}

/** The references in `value` as [address, the path after it] pairs, e.g. ["azurerm_key_vault.kv", ".id"]. */
export function referencesIn(value: unknown): [address: string, rest: string][] {
  return strings(value).flatMap((text) =>
    expressions(text).flatMap((expression) =>
      [...expression.matchAll(REFERENCE)].map(
        (match) => [match[1] ?? "", match[2] ?? ""] as [string, string],
      ),
    ),
  );
}

/** A value that is a literal (no Terraform expression in it). */
export function isLiteral(value: unknown): value is string | number | boolean {
  return ["number", "boolean"].includes(typeof value) || (typeof value === "string" && !value.includes("${"));
}

/**
 * The resources of one synth, looked up across stacks: a reference to a data source that reads a
 * resource of this synth by name, or to another stack's output (cdktf's cross-stack references),
 * leads to that resource.
 */
export class SynthIndex {
  private readonly entries = new Map<string, ResourceEntry>();
  private readonly outputs = new Map<string, unknown>();
  /** Resources by type and literal name; undefined where two share a name (a data source would be ambiguous). */
  private readonly byName = new Map<string, ResourceKey | undefined>();

  constructor(readonly stacks: readonly Stack[]) {
    for (const stack of stacks) {
      for (const entry of resourcesOf(stack.tf)) {
        this.entries.set(keyOf({ stack: stack.name, address: entry.address }), entry);
        const name = entry.body.name;
        if (!entry.type.startsWith("data.") && isLiteral(name)) {
          const nameKey = `${entry.type} ${name}`;
          this.byName.set(
            nameKey,
            this.byName.has(nameKey) ? undefined : { stack: stack.name, address: entry.address },
          );
        }
      }
      const outputs = isObject(stack.tf.output) ? stack.tf.output : {};
      for (const [name, output] of Object.entries(outputs)) {
        if (isObject(output)) this.outputs.set(`${stack.name} ${name}`, output.value);
      }
    }
  }

  stack(name: string): Stack | undefined {
    return this.stacks.find((stack) => stack.name === name);
  }

  entry(key: ResourceKey): ResourceEntry | undefined {
    return this.entries.get(keyOf(key));
  }

  /** Every resource and data source of a stack. */
  entriesOf(stack: string): ResourceEntry[] {
    const found = this.stack(stack);
    return found ? resourcesOf(found.tf) : [];
  }

  /**
   * The resources `value` (found in `stack`) refers to. Data sources that read a resource of this
   * synth by name and cross-stack outputs are followed to the resource; other data sources are
   * returned as they are.
   */
  targets(stack: string, value: unknown): ResourceKey[] {
    const found = new Map<string, ResourceKey>();
    for (const { key } of this.references(stack, value)) found.set(keyOf(key), key);
    return [...found.values()];
  }

  /** Like `targets`, with the attribute path read from each target (e.g. `.id`, `.principal_id`). */
  references(stack: string, value: unknown, seen = new Set<string>()): { key: ResourceKey; rest: string }[] {
    return referencesIn(value).flatMap(([address, rest]) => {
      const key = { stack, address };
      if (seen.has(`${keyOf(key)}${rest}`)) return [];
      seen.add(`${keyOf(key)}${rest}`);
      return this.follow(key, rest, seen);
    });
  }

  private follow(key: ResourceKey, rest: string, seen: Set<string>): { key: ResourceKey; rest: string }[] {
    const entry = this.entry(key);
    if (!entry) return [];
    if (entry.type === "data.terraform_remote_state") {
      const stack = CROSS_STACK_INPUT.exec(entry.id)?.[1];
      const output = /^\.outputs\.([\w-]+)/.exec(rest)?.[1];
      if (stack && output && this.outputs.has(`${stack} ${output}`)) {
        return this.references(stack, this.outputs.get(`${stack} ${output}`), seen);
      }
    } else if (entry.type.startsWith("data.") && isLiteral(entry.body.name)) {
      const resource = this.byName.get(`${entry.type.slice(5)} ${entry.body.name}`);
      if (resource) return [{ key: resource, rest }];
    }
    return [{ key, rest }];
  }
}
