/**
 * Azure resource names, derived from app and environment by one set of rules.
 *
 * Names follow the Cloud Adoption Framework abbreviations (`rg-`, `cr`, `kv-`, `app-`, ...).
 * The optional suffix is added only to names that must be globally unique (registry, vault,
 * web apps: they become DNS names). A name that would break its resource's rule is an error,
 * never silently truncated: a truncated name can collide with another app's and a renamed
 * resource is a replaced resource.
 */

export type ResourceKind =
  | "resourceGroup"
  | "containerRegistry"
  | "keyVault"
  | "servicePlan"
  | "webApp"
  | "webAppSlot"
  | "userAssignedIdentity"
  | "autoscaleSetting"
  | "logAnalyticsWorkspace"
  | "applicationInsights"
  | "actionGroup"
  | "alertRule"
  | "postgresServer"
  | "serviceBusNamespace"
  | "virtualNetwork";

interface NameRule {
  readonly prefix: string;
  readonly separator: string;
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  readonly rule: string;
  /** The name becomes a DNS name, so it carries the uniqueness suffix. */
  readonly global: boolean;
}

const HYPHENATED = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export const NAME_RULES: Readonly<Record<ResourceKind, NameRule>> = {
  resourceGroup: {
    prefix: "rg",
    separator: "-",
    min: 1,
    max: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    rule: "1-90 letters, digits, '-', '_', '.', '(', ')', not ending in '.'",
    global: false,
  },
  containerRegistry: {
    prefix: "cr",
    separator: "",
    min: 5,
    // Azure documents 50; the azurerm provider rejects names of 50 or more characters.
    max: 49,
    pattern: /^[a-z0-9]+$/,
    rule: "5-49 lowercase letters and digits",
    global: true,
  },
  keyVault: {
    prefix: "kv",
    separator: "-",
    min: 3,
    max: 24,
    pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/,
    rule: "3-24 letters, digits and '-', starting with a letter, no '--', not ending in '-'",
    global: true,
  },
  servicePlan: {
    prefix: "asp",
    separator: "-",
    min: 1,
    max: 60,
    pattern: HYPHENATED,
    rule: "1-60 letters, digits and '-'",
    global: false,
  },
  webApp: {
    prefix: "app",
    separator: "-",
    min: 2,
    max: 60,
    pattern: HYPHENATED,
    rule: "2-60 letters, digits and '-', not starting or ending with '-'",
    global: true,
  },
  webAppSlot: {
    prefix: "",
    separator: "-",
    min: 2,
    max: 59,
    pattern: HYPHENATED,
    rule: "2-59 letters, digits and '-', not starting or ending with '-'",
    global: false,
  },
  userAssignedIdentity: {
    prefix: "id",
    separator: "-",
    min: 3,
    max: 128,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    rule: "3-128 letters, digits, '-' and '_', starting with a letter or digit",
    global: false,
  },
  autoscaleSetting: {
    prefix: "autoscale",
    separator: "-",
    min: 1,
    max: 260,
    pattern: /^[^<>%&:\\?/#]+$/,
    rule: "1-260 characters, none of <>%&:\\?/#",
    global: false,
  },
  logAnalyticsWorkspace: {
    prefix: "log",
    separator: "-",
    min: 4,
    max: 63,
    pattern: HYPHENATED,
    rule: "4-63 letters, digits and '-', not starting or ending with '-'",
    global: false,
  },
  applicationInsights: {
    prefix: "appi",
    separator: "-",
    min: 1,
    max: 260,
    pattern: /^[^%&\\?/]+$/,
    rule: "1-260 characters, none of %&\\?/",
    global: false,
  },
  actionGroup: {
    prefix: "ag",
    separator: "-",
    min: 1,
    max: 260,
    pattern: /^[^%&\\?/]+$/,
    rule: "1-260 characters, none of %&\\?/",
    global: false,
  },
  // A prefix: each rule appends its own suffix (at most ~25 characters) within Azure's 260.
  alertRule: {
    prefix: "alert",
    separator: "-",
    min: 1,
    max: 200,
    pattern: /^[A-Za-z0-9][A-Za-z0-9._()-]*$/,
    rule: "1-200 letters, digits, '-', '_', '.', '(' and ')'",
    global: false,
  },
  postgresServer: {
    prefix: "psql",
    separator: "-",
    min: 3,
    max: 63,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    rule: "3-63 lowercase letters, digits and '-', not starting or ending with '-'",
    global: true,
  },
  serviceBusNamespace: {
    prefix: "sb",
    separator: "-",
    min: 6,
    max: 50,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    rule: "6-50 letters, digits and '-', starting with a letter, ending with a letter or digit",
    global: true,
  },
  virtualNetwork: {
    prefix: "vnet",
    separator: "-",
    min: 2,
    max: 64,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9_]$/,
    rule: "2-64 letters, digits, '.', '_' and '-', starting with a letter or digit",
    global: false,
  },
};

/** Thrown by {@link azureName} for a name its resource would reject. */
export class NamingError extends Error {}

/** The problem with a candidate name, or undefined when Azure accepts it. */
export function nameProblem(kind: ResourceKind, name: string): string | undefined {
  const rule = NAME_RULES[kind];
  if (name.length < rule.min || name.length > rule.max || !rule.pattern.test(name)) {
    return `${kind} name "${name}" (${name.length} characters) breaks the rule: ${rule.rule}`;
  }
  return undefined;
}

export interface NamingContext {
  /** Short application name, e.g. "contoso". */
  readonly app: string;
  /** Appended to globally unique names, e.g. "x7k2"; empty for none. */
  readonly suffix: string;
}

/**
 * The name of a resource of `kind` for the given parts, e.g.
 * `azureName(ctx, "keyVault", "prod")` is `kv-contoso-prod` (plus `-<suffix>`).
 * @throws NamingError when the result breaks the resource's naming rule.
 */
export function azureName(context: NamingContext, kind: ResourceKind, ...parts: string[]): string {
  const rule = NAME_RULES[kind];
  const pieces = [rule.prefix, context.app, ...parts];
  if (rule.global && context.suffix) pieces.push(context.suffix);
  const joined = pieces.filter((piece) => piece !== "").join(rule.separator);
  const name = rule.separator === "" ? joined.replace(/[^a-z0-9]/gi, "").toLowerCase() : joined;
  const problem = nameProblem(kind, name);
  if (problem) throw new NamingError(problem);
  return name;
}
