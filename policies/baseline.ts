import type { PolicyRule } from "./policy-rule";
import { NETWORK_RULES } from "./rules/network-rules";
import { REGISTRY_AND_VAULT_RULES } from "./rules/registry-and-vault-rules";
import { runtimeRules } from "./rules/runtime-rules";
import { SCALE_AND_TIER_RULES } from "./rules/scale-and-tier-rules";
import { SETTINGS_RULES } from "./rules/settings-rules";
import { SITE_RULES } from "./rules/site-rules";
import { TEMPLATE_RULES } from "./rules/template-rules";
import { ZONE_RULES } from "./rules/zone-rules";

/**
 * The security and correctness baseline, with the dated rules (runtime end of life) judged on
 * the day `today()` returns: tests pass a fixed day, synth the wall clock.
 */
export function baselineRules(today: () => Date = () => new Date()): readonly PolicyRule[] {
  return [
    ...SITE_RULES,
    ...REGISTRY_AND_VAULT_RULES,
    ...SETTINGS_RULES,
    ...SCALE_AND_TIER_RULES,
    ...TEMPLATE_RULES,
    ...NETWORK_RULES,
    ...runtimeRules(today),
    ...ZONE_RULES,
  ];
}

/** The security and correctness baseline every synth is checked against. */
export const BASELINE_RULES: readonly PolicyRule[] = baselineRules();
