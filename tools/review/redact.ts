import { isObject } from "./synth-dir";

export const REDACTED = "(redacted)";

/** `parent.key` pairs whose name looks secret but which hold plain numbers (autoscale change counts). */
const NOT_SECRET = new Set(["scale_action.value"]);

/** Sections of Terraform JSON and how many levels of keys under them are names (type, id), not attributes. */
const NAME_LEVELS: Readonly<Record<string, number>> = {
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  provider: 1,
  module: 1,
};

/** Maps whose keys are app setting names rather than attribute names. */
const SETTING_MAPS = new Set(["app_settings"]);

/** Attribute names whose values are secrets wherever they appear in Terraform JSON (`*_wo`: write-only). */
export function isSecretAttribute(name: string): boolean {
  const key = name.toLowerCase();
  if (key.includes("key_vault")) return false; // ids of vaults and vault secrets, not key material
  if (key.endsWith("_wo_version")) return false; // the rotation counter of a write-only secret
  return (
    ["value", "value_wo", "password", "secret", "token", "client_secret"].includes(key) ||
    key.startsWith("administrator_password") ||
    /_(password|key|secret|token|connection_string|wo)$/.test(key)
  );
}

/** App setting names that suggest a secret (DB_PASSWORD, API_KEY, DATABASE_URL, ...). */
export function isSecretSettingName(name: string): boolean {
  // A version counter (DATABASE_CREDENTIALS_VERSION) names a secret but holds none.
  if (/_VERSION$/i.test(name)) return false;
  return /password|passwd|pwd|secret|key|token|credential|connection_?string|database_url/i.test(name);
}

/** `@Microsoft.KeyVault(...)`: a pointer to a secret, safe to show. */
export function isKeyVaultReference(value: unknown): boolean {
  return typeof value === "string" && value.startsWith("@Microsoft.KeyVault(");
}

/**
 * A copy of `value` (a stack's Terraform JSON or any part of it) with every secret replaced by
 * "(redacted)": secret-looking attributes, app settings with secret-looking names unless they are
 * Key Vault references, and the defaults of sensitive variables. `path` is where `value` sits in the
 * stack's JSON (e.g. `["resource", type, id]` for a resource body), so that resource ids and variable
 * names like `db_password` are not taken for secrets.
 */
export function redactTree(value: unknown, path: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item, index) => redactTree(item, [...path, String(index)]));
  if (!isObject(value)) return value;
  const sensitiveVariable = path.length === 2 && path[0] === "variable" && value.sensitive === true;
  const parent = [...path].reverse().find((segment) => !/^\d+$/.test(segment)) ?? "";
  const inSettings = SETTING_MAPS.has(parent);
  const keysAreNames = path.length > 0 && path.length <= (NAME_LEVELS[path[0] ?? ""] ?? 0);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const secret =
      !keysAreNames &&
      (inSettings
        ? isSecretSettingName(key) && !isKeyVaultReference(item)
        : (isSecretAttribute(key) && !NOT_SECRET.has(`${parent}.${key}`)) ||
          (sensitiveVariable && key === "default"));
    copy[key] = secret ? REDACTED : redactTree(item, [...path, key]);
  }
  return copy;
}

/**
 * What to show for `path` inside a tree already passed through redactTree: "(redacted)" when the
 * path runs into a redacted value, undefined when the path does not exist, else the value.
 */
export function valueAt(redacted: unknown, path: readonly string[]): unknown {
  let node = redacted;
  for (const segment of path) {
    if (node === REDACTED) return REDACTED;
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = node[segment];
    else return undefined;
  }
  return node;
}
