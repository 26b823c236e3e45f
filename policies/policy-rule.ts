/** "error" fails synth; "warning" is reported (stderr and the review report). */
export type Severity = "error" | "warning";

/** A value of synthesized Terraform JSON: its shape is the provider schema's, checked attribute by attribute. */
// biome-ignore lint/suspicious/noExplicitAny: the rules read provider-shaped JSON; a type per resource would copy the schema.
export type TerraformValue = any;

/** A synthesized resource as Terraform will see it (tokens resolved to `${type.id.attr}`). */
export interface ResourceView {
  readonly type: string;
  /** Logical id in the stack's JSON, as references use it. */
  readonly logicalId: string;
  /** Construct path, e.g. `contoso-prod/api/app`: what findings and suppressions name. */
  readonly path: string;
  readonly attributes: Record<string, TerraformValue>;
}

/** One stack's resources, with what the rules need to follow references. */
export interface StackView {
  readonly name: string;
  /** Production environments are held to the stricter rules. */
  readonly production: boolean;
  readonly resources: readonly ResourceView[];
  /** The resource a `${type.id.attr}` reference points at, in this stack. */
  resolve(reference: unknown): ResourceView | undefined;
  /**
   * Whether the stack defines what a reference names: `var.x`, `local.x`, `data.t.n`,
   * `ephemeral.t.n` or a resource `t.n`.
   */
  defines(address: string): boolean;
}

/**
 * A rule of the security and correctness baseline. `check` returns one message per problem
 * with the resource; the id and rationale are printed with it.
 */
export interface PolicyRule {
  /** Stable id, e.g. "APS001", used in suppressions. */
  readonly id: string;
  readonly title: string;
  /** One line: why the rule exists. */
  readonly rationale: string;
  readonly severity: Severity;
  /** Resource types the rule reads; `["*"]` for every resource. */
  readonly resourceTypes: readonly string[];
  check(resource: ResourceView, stack: StackView): string[];
}

/** Web apps and their slots: most App Service rules apply to both. */
export const SITE_TYPES = ["azurerm_linux_web_app", "azurerm_linux_web_app_slot"] as const;

/** A nested block as Terraform JSON may write it: an object or a one-element list. */
export function block(value: unknown): Record<string, TerraformValue> {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "object" && first !== null ? (first as Record<string, TerraformValue>) : {};
}
