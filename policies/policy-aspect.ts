import { type IAspect, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import type { PolicyReport } from "./policy-report";
import type { PolicyRule, ResourceView, StackView, TerraformValue } from "./policy-rule";

/** A stack's Terraform JSON, as synth writes it to `stacks/<name>/cdk.tf.json`. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, TerraformValue>>>;
  readonly data?: Record<string, Record<string, unknown>>;
  readonly ephemeral?: Record<string, Record<string, unknown>>;
  readonly variable?: Record<string, unknown>;
  readonly locals?: Record<string, unknown>;
}

/**
 * Checks every resource of a stack against the rules, on the resource as Terraform will see it
 * (overrides applied, references resolved to `${type.id.attr}`), so escape-hatch changes are
 * checked too. At synth, `checkPolicies` hands it the JSON synth wrote; as an aspect (for a
 * test of a lone stack) it converts the stack itself.
 */
export class PolicyAspect implements IAspect {
  constructor(
    private readonly rules: readonly PolicyRule[],
    private readonly report: PolicyReport,
    /** Whether a stack is a production environment (stricter rules). */
    private readonly isProduction: (stackName: string) => boolean,
  ) {}

  visit(node: IConstruct): void {
    if (node instanceof TerraformStack) this.checkStack(node.node.id, node.toTerraform());
  }

  /** Checks the synthesized JSON of stack `stackName`; findings name construct paths from its `//` metadata. */
  checkStack(stackName: string, json: StackJson): void {
    const stack = this.view(stackName, json);
    for (const resource of stack.resources) {
      for (const rule of this.rules) {
        if (!rule.resourceTypes.includes(resource.type) && !rule.resourceTypes.includes("*")) continue;
        for (const message of rule.check(resource, stack)) this.report.add(rule, resource.path, message);
      }
    }
  }

  private view(name: string, json: StackJson): StackView {
    const resources: ResourceView[] = Object.entries(json.resource ?? {}).flatMap(([type, byId]) =>
      Object.entries(byId).map(([logicalId, attributes]) => ({
        type,
        logicalId,
        path: attributes["//"]?.metadata?.path ?? `${name}/${logicalId}`,
        attributes,
      })),
    );
    const byAddress = new Map(resources.map((r) => [`${r.type}.${r.logicalId}`, r]));
    const defined = new Set([
      ...byAddress.keys(),
      ...Object.keys(json.variable ?? {}).map((id) => `var.${id}`),
      ...Object.keys(json.locals ?? {}).map((id) => `local.${id}`),
      ...(["data", "ephemeral"] as const).flatMap((kind) =>
        Object.entries(json[kind] ?? {}).flatMap(([type, byId]) =>
          Object.keys(byId).map((id) => `${kind}.${type}.${id}`),
        ),
      ),
    ]);
    return {
      name,
      production: this.isProduction(name),
      resources,
      defines: (address) => defined.has(address),
      resolve: (reference) => {
        const match =
          typeof reference === "string" ? /^\$\{([\w-]+\.[\w-]+)\.[\w.[\]]+\}$/.exec(reference) : null;
        return match ? byAddress.get(match[1]) : undefined;
      },
    };
  }
}
