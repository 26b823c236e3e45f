/**
 * Text as a Terraform literal: in Terraform's JSON syntax every string (object keys included)
 * is a template, so `${...}` would be evaluated and `%{...}` run as a directive. Doubling the
 * introducer (`$${`, `%%{`) makes Terraform read the text as itself.
 */
export function terraformLiteral(text: string): string {
  // A function, not a replacement string: in one, "$$" would mean a single "$".
  return text.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{");
}

/**
 * `value` with every string, and every object key, made a Terraform literal. Applied once, where
 * the configuration enters the stacks (stacks/platform.ts): whatever a user or an environment
 * variable wrote lands in the JSON as text, while the references the platform makes itself
 * (cdktf tokens, created later by the constructs) stay references.
 */
export function terraformLiterals<T>(value: T): T {
  if (typeof value === "string") return terraformLiteral(value) as T;
  if (Array.isArray(value)) return value.map((item) => terraformLiterals(item)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [terraformLiteral(key), terraformLiterals(item)]),
    ) as T;
  }
  return value;
}
