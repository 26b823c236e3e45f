import type { PropProblem } from "../constructs/problems";

/** A config path: `["environments", "prod", "plan", "sku"]`. */
export type ConfigPath = readonly (string | number)[];

/** One thing wrong with the config, at a config path. */
export interface PathProblem {
  readonly path: ConfigPath;
  readonly value?: unknown;
  readonly rule: string;
}

/**
 * A construct's problems as config problems: each prop path is put below `base`, with its first
 * segment renamed where the config names the field differently (`fields`). This is the only
 * translation between the two: limits stay in the constructs, messages are never re-parsed.
 */
export function fromProps(
  base: ConfigPath,
  problems: readonly PropProblem[],
  fields: Readonly<Record<string, ConfigPath>> = {},
): PathProblem[] {
  return problems.map((problem) => {
    const [first, ...rest] = problem.prop;
    const head =
      first === undefined ? [] : Object.hasOwn(fields, String(first)) ? fields[String(first)] : [first];
    return { path: [...base, ...head, ...rest], value: problem.value, rule: problem.rule };
  });
}
