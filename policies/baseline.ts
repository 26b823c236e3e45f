import type { PolicyRule } from "./policy-rule";
import { REGISTRY_AND_VAULT_RULES } from "./rules/registry-and-vault-rules";
import { SCALE_AND_TIER_RULES } from "./rules/scale-and-tier-rules";
import { SETTINGS_RULES } from "./rules/settings-rules";
import { SITE_RULES } from "./rules/site-rules";
import { TEMPLATE_RULES } from "./rules/template-rules";

/** The security and correctness baseline every synth is checked against. */
export const BASELINE_RULES: readonly PolicyRule[] = [
  ...SITE_RULES,
  ...REGISTRY_AND_VAULT_RULES,
  ...SETTINGS_RULES,
  ...SCALE_AND_TIER_RULES,
  ...TEMPLATE_RULES,
];
