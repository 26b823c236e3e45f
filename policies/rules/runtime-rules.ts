import {
  END_OF_LIFE_WARNING_DAYS,
  RUNTIME_END_OF_LIFE,
  runtimeSupport,
} from "../../constructs/runtime-support";
import { block, type PolicyRule, type ResourceView, SITE_TYPES } from "../policy-rule";

/** The runtime versions a site selects: `[attribute, version]` of its application stack. */
function runtimesOf(site: ResourceView): Array<[string, string]> {
  const stack = block(block(site.attributes.site_config).application_stack);
  const attributes = [...new Set(RUNTIME_END_OF_LIFE.map((entry) => entry.attribute))];
  return attributes.filter((a) => typeof stack[a] === "string").map((a) => [a, stack[a]]);
}

/**
 * The runtime end-of-life rules, judged on the day `today()` returns: a warning from
 * {@link END_OF_LIFE_WARNING_DAYS} days before a runtime's end of life (time to plan the
 * upgrade), an error after it (no security fixes any more). The date is a parameter so that a
 * test names its day instead of depending on the wall clock.
 */
export function runtimeRules(today: () => Date = () => new Date()): readonly PolicyRule[] {
  const findings = (site: ResourceView, status: "ending" | "ended") =>
    runtimesOf(site).flatMap(([attribute, version]) => {
      const support = runtimeSupport(attribute, version, today());
      if (support.status !== status) return [];
      const { entry, days } = support;
      const span = `${days} day${days === 1 ? "" : "s"}`;
      return [
        status === "ended"
          ? `site_config.application_stack.${attribute} "${version}" reached its end of life on ${entry.endOfLife}, ${span} ago (${entry.source})`
          : `site_config.application_stack.${attribute} "${version}" reaches its end of life on ${entry.endOfLife}, in ${span} (${entry.source})`,
      ];
    });
  return [
    {
      id: "APS052",
      title: `Runtime ends within ${END_OF_LIFE_WARNING_DAYS} days`,
      rationale:
        "an upgrade planned before the date is a routine change; after it, every unpatched flaw stays open",
      severity: "warning",
      resourceTypes: SITE_TYPES,
      check: (r) => findings(r, "ending"),
    },
    {
      id: "APS053",
      title: "Runtime past its end of life",
      rationale:
        "a runtime without security fixes leaves known flaws open, and App Service stops offering it",
      severity: "error",
      resourceTypes: SITE_TYPES,
      check: (r) => findings(r, "ended"),
    },
  ];
}
