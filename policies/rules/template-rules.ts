import type { PolicyRule, TerraformValue } from "../policy-rule";
import { expressionNames, templateSequences } from "../terraform-template";

/** Names a resource may use for itself in its own expressions (for_each, count, self). */
const OWN_OBJECTS = new Set(["each", "count", "self"]);

/** Functions that read the machine Terraform runs on: the platform never needs them. */
const MACHINE_FUNCTIONS = /^(file|file\w+|templatefile|abspath|pathexpand)$/;

/** Every string of a value, object keys included (Terraform's JSON syntax templates keys too). */
function strings(value: TerraformValue): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null)
    return Object.entries(value)
      .filter(([key]) => key !== "//")
      .flatMap(([key, item]) => [key, ...strings(item)]);
  return [];
}

/** Template rules: what a synthesized string may ask Terraform to evaluate. */
export const TEMPLATE_RULES: readonly PolicyRule[] = [
  {
    id: "APS040",
    title: "Interpolations refer only to what the stack defines",
    rationale:
      "config text must reach Terraform as text; a live interpolation or directive from input could read files, variables or other state at plan time",
    severity: "error",
    resourceTypes: ["*"],
    check: (r, stack) =>
      strings(r.attributes).flatMap((text) =>
        templateSequences(text).flatMap((sequence): string[] => {
          const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
          if (sequence.kind === "directive")
            return [`template directive %{${sequence.expression}} in ${JSON.stringify(shown)}`];
          const { references, functions } = expressionNames(sequence.expression);
          const unknown = references.filter(
            (ref) => !OWN_OBJECTS.has(ref.split(".")[0]) && !stack.defines(ref),
          );
          const machine = functions.filter((name) => MACHINE_FUNCTIONS.test(name));
          if (references.length === 0)
            return [
              `interpolation \${${sequence.expression}} refers to nothing the stack defines, in ${JSON.stringify(shown)}`,
            ];
          return [
            ...unknown.map(
              (ref) =>
                `interpolation refers to ${ref}, which the stack does not define, in ${JSON.stringify(shown)}`,
            ),
            ...machine.map(
              (name) =>
                `interpolation calls ${name}(), which reads the machine Terraform runs on, in ${JSON.stringify(shown)}`,
            ),
          ];
        }),
      ),
  },
];
