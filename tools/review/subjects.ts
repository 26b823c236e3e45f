import { kindOf } from "./resource-kinds";
import { constructPath } from "./synth-dir";
import { isLiteral, type ResourceKey, type SynthIndex } from "./synth-index";
import { formatValue } from "./values";

/** A resource as people name it: "key vault" and "kv-contoso-prod". */
export interface Subject {
  readonly label: string;
  /** Empty for resources that have no name of their own (the deploying principal). */
  readonly name: string;
  /** The attribute a value reads from the resource, when it is not its id or name. */
  readonly attribute?: string;
}

/** Attributes that point at the resource a child lives in; the child's name is shown below the parent's. */
const PARENT_NAMES = [
  "app_service_id",
  "server_id",
  "key_vault_id",
  "namespace_id",
  "topic_id",
  "virtual_network_name",
];

/**
 * How people name the resource `key` of `index`: its literal `name` (below its parent's name, e.g.
 * `kv-contoso-prod/api-key`), else the last part of its construct path, else its Terraform id.
 */
export function subjectOf(index: SynthIndex, key: ResourceKey, depth = 0): Subject {
  const entry = index.entry(key);
  const label = kindOf(entry?.type ?? key.address.split(".").slice(0, -1).join(".")).label;
  if (!entry) return { label, name: key.address };
  if (entry.type === "data.azurerm_client_config") return { label, name: "" };
  const own = isLiteral(entry.body.name)
    ? String(entry.body.name)
    : (constructPath(entry.body)?.split("/").slice(1).join("/") ?? entry.id);
  const parentAttribute = PARENT_NAMES.find((attribute) => entry.body[attribute] !== undefined);
  const [parent] = parentAttribute && depth < 3 ? index.targets(key.stack, entry.body[parentAttribute]) : [];
  if (!parent || !index.entry(parent) || parent.address.startsWith("data.")) return { label, name: own };
  return { label, name: `${subjectOf(index, parent, depth + 1).name}/${own}` };
}

/**
 * A value from a resource in `stack` as a subject: a reference to one resource becomes that
 * resource's subject, a literal or any other expression is the name, abbreviated, without label.
 */
export function subjectOfValue(index: SynthIndex, stack: string, value: unknown): Subject {
  if (value === undefined) return { label: "", name: "?" };
  if (!isLiteral(value)) {
    const references = index.references(stack, value);
    const [reference] = references;
    if (references.length === 1 && reference && index.entry(reference.key)) {
      const attribute = reference.rest.replace(/^\./, "");
      // Ids (`id`, `principal_id`, `versionless_id`) and names stand for the resource itself.
      const plain = attribute === "" || attribute === "name" || attribute.endsWith("id");
      return { ...subjectOf(index, reference.key), ...(plain ? {} : { attribute }) };
    }
  }
  return { label: "", name: formatValue(value, 60) };
}

/** A subject as plain text, e.g. "possible_outbound_ip_address_list of web app app-contoso-dev-api". */
export function plainSubject({ label, name, attribute }: Subject): string {
  return `${attribute ? `${attribute} of ` : ""}${name ? `${label} ${name}` : label}`.trim();
}
