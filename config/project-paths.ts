import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { PathProblem } from "./field-problems";
import type { PlatformConfig } from "./schema";

/** The config's paths that are read from disk, with the config field each comes from. */
function pathsRead(config: PlatformConfig): Array<{ field: string[]; value: string }> {
  return [
    ...(config.image.build || config.image.tag === undefined
      ? [{ field: ["image", "context"], value: config.image.context }]
      : []),
    ...(config.web.enabled ? [{ field: ["web", "sourceDir"], value: config.web.sourceDir }] : []),
  ];
}

/**
 * Every path of the config must resolve, symbolic links followed, to a folder inside the
 * project: the build context and the front end are packed into what is deployed, so a path
 * outside (`../outside`, `/tmp/site`, a link pointing out) would ship files the project does not
 * hold. A path cannot carry `${` or `%{` either: the same text must name the folder on disk and
 * be a literal in the Terraform JSON.
 */
export function projectPathProblems(config: PlatformConfig, projectRoot: string): PathProblem[] {
  const root = realpathSync(projectRoot);
  return pathsRead(config).flatMap(({ field, value }): PathProblem[] => {
    const problem = (rule: string): PathProblem[] => [{ path: field, value, rule }];
    if (value.includes("${") || value.includes("%{"))
      return problem('must not contain "${" or "%{" (Terraform template sequences)');
    let real: string;
    try {
      real = realpathSync(resolve(projectRoot, value));
    } catch {
      return problem("must be an existing folder inside the project (relative to the project root)");
    }
    const inside = relative(root, real);
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside))
      return problem(`must resolve inside the project (it resolves to ${real}, outside ${root})`);
    if (!statSync(real).isDirectory()) return problem("must be a folder");
    return [];
  });
}
