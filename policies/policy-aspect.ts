import { type IAspect, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import type { PolicyReport } from "./policy-report";
import type { PolicyRule, ResourceView, StackView, TerraformValue } from "./policy-rule";

/**
 * Checks every resource of every stack against the rules, on the resource as it will be
 * synthesized (overrides applied, references resolved to `${type.id.attr}`), so escape-hatch
 * changes are checked too. Runs at synth, once per stack.
 */
export class PolicyAspect implements IAspect {
  constructor(
    private readonly rules: readonly PolicyRule[],
    private readonly report: PolicyReport,
    /** Whether a stack is a production environment (stricter rules). */
    private readonly isProduction: (stackName: string) => boolean,
  ) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const stack = this.view(node);
    for (const resource of stack.resources) {
      for (const rule of this.rules) {
        if (!rule.resourceTypes.includes(resource.type)) continue;
        for (const message of rule.check(resource, stack)) this.report.add(rule, resource.path, message);
      }
    }
  }

  private view(stack: TerraformStack): StackView {
    const json = stack.toTerraform() as {
      resource?: Record<string, Record<string, Record<string, TerraformValue>>>;
    };
    const resources: ResourceView[] = Object.entries(json.resource ?? {}).flatMap(([type, byId]) =>
      Object.entries(byId).map(([logicalId, attributes]) => ({
        type,
        logicalId,
        path: attributes["//"]?.metadata?.path ?? `${stack.node.id}/${logicalId}`,
        attributes,
      })),
    );
    const byAddress = new Map(resources.map((r) => [`${r.type}.${r.logicalId}`, r]));
    return {
      name: stack.node.id,
      production: this.isProduction(stack.node.id),
      resources,
      resolve: (reference) => {
        const match =
          typeof reference === "string" ? /^\$\{([\w-]+\.[\w-]+)\.[\w.[\]]+\}$/.exec(reference) : null;
        return match ? byAddress.get(match[1]) : undefined;
      },
    };
  }
}
