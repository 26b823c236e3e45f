import { apiProblems } from "./api-rules";
import { appProblems } from "./app-rules";
import { backendProblems } from "./backend-rules";
import { environmentProblems } from "./environment-rules";
import type { PathProblem } from "./field-problems";
import { networkProblems } from "./network-rules";
import type { PlatformConfig } from "./schema";

export type { PathProblem } from "./field-problems";

/**
 * Everything the schema's shape cannot see: the limits the constructs own (tiers, instance
 * counts, names, settings, data services), mapped onto config fields, and the rules that span
 * fields. Runs only on input whose shape is already valid, and reports every problem.
 */
export function crossFieldProblems(config: PlatformConfig): PathProblem[] {
  return [
    ...appProblems(config),
    ...networkProblems(config),
    ...apiProblems(config),
    ...Object.keys(config.environments).flatMap((name) => environmentProblems(config, name)),
    ...backendProblems(config),
  ];
}
