import { type PolicyRule, SITE_TYPES } from "../policy-rule";

/** Names that say "secret". */
const SECRET_NAME =
  /PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|(^|_)KEY$|CONNECTION_?STRING|DATABASE_URL|_DSN$/i;
/** Connection strings that are identifiers, not credentials (App Insights: ingestion only, Microsoft's guidance). */
const NOT_SECRET = new Set(["APPLICATIONINSIGHTS_CONNECTION_STRING"]);

/** A value written out in the JSON, not a Key Vault reference nor another resource's attribute. */
function isLiteral(value: unknown): boolean {
  return (
    typeof value === "string" &&
    value !== "" &&
    !value.startsWith("@Microsoft.KeyVault(") &&
    !value.includes("${")
  );
}

export const SETTINGS_RULES: readonly PolicyRule[] = [
  {
    id: "APS020",
    title: "Secrets come from Key Vault",
    rationale: "a literal secret in app settings is in the JSON, the state, the portal and every swap",
    severity: "error",
    resourceTypes: SITE_TYPES,
    check: (r) =>
      Object.entries(r.attributes.app_settings ?? {})
        .filter(([name, value]) => SECRET_NAME.test(name) && !NOT_SECRET.has(name) && isLiteral(value))
        .map(([name]) => `app setting ${name} holds a literal value instead of a Key Vault reference`),
  },
];
