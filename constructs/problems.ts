import { Token } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * One thing wrong with a construct's props, in terms of the props: which prop (a path below
 * the props object, e.g. `["slots", 1, "name"]`), the value given and the rule it breaks.
 *
 * Each construct owns the Azure limits of its resources as exported pure functions
 * `xxxProblems(...)` returning these. The construct's own validation formats them with
 * {@link validationMessages}; the config layer calls the same functions and maps each `prop`
 * onto its config field, so no limit is written twice and no message is parsed.
 */
export interface PropProblem {
  /** Path below the props, e.g. `["workerCount"]` or `["rules", 0, "scaleOutBy"]`. */
  readonly prop: readonly (string | number)[];
  /** The value as given; absent when the problem is a missing value. */
  readonly value?: unknown;
  /**
   * The rule, phrased to follow "<field> = <value>", e.g. "must be a whole number from 1 to 30"
   * (constructs print `<prop> = <value> <rule>`, the config `<field> = <value>: <rule>`).
   */
  readonly rule: string;
}

/** `["rules", 0, "scaleOutBy"]` -> `rules[0].scaleOutBy`. */
export function propPath(prop: readonly (string | number)[]): string {
  return prop.reduce<string>(
    (path, part) => (typeof part === "number" ? `${path}[${part}]` : path ? `${path}.${part}` : part),
    "",
  );
}

/** A value as a problem message shows it: JSON. */
export function showValue(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** `<Kind> <construct path>: <prop> = <value> <rule>`, one line per problem. */
export function validationMessages(
  kind: string,
  construct: IConstruct,
  problems: readonly PropProblem[],
): string[] {
  return problems.map((p) => {
    const where = `${kind} ${construct.node.path}:`;
    // A problem of the props as a whole names its values in the rule.
    if (p.prop.length === 0) return `${where} ${p.rule}`;
    const value = "value" in p && p.value !== undefined ? ` = ${showValue(p.value)}` : "";
    return `${where} ${propPath(p.prop)}${value} ${p.rule}`;
  });
}

/**
 * True when `value` is (or holds) a token that Terraform resolves later, e.g. a variable.
 * Limits are checked on literal values only: a token's value is unknown at synth.
 */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** A problem for `prop` when `value` is a literal number outside `min..max` or not whole. */
export function wholeNumberProblem(
  prop: readonly (string | number)[],
  value: number,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
): PropProblem[] {
  if (isUnresolved(value)) return [];
  if (Number.isInteger(value) && value >= min && value <= max) return [];
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  return [{ prop, value, rule: `must be a whole number ${range}` }];
}

/** `problems` with `prefix` put before each prop: a part's problems as props of the whole. */
export function within(
  prefix: readonly (string | number)[],
  problems: readonly PropProblem[],
): PropProblem[] {
  return problems.map((p) => ({ ...p, prop: [...prefix, ...p.prop] }));
}
