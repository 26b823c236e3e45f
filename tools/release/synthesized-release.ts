import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  RELEASE_FOLDER,
  type ReleaseFile,
  releaseFilePath,
  releaseFileSchema,
} from "../../app/release-files";
import { describeIssues } from "./release-settings";
import { UsageError } from "./usage-error";

/** A release file the synth wrote, and where. */
export interface SynthesizedRelease {
  readonly file: string;
  readonly release: ReleaseFile;
}

const again = "run `npm run synth` again";

/**
 * `<outdir>/release/<env>.json` as `npm run synth` wrote it, or undefined when it wrote none
 * (no synth yet, or ENVIRONMENTS left the environment out).
 */
export function readSynthesizedRelease(outdir: string, environment: string): SynthesizedRelease | undefined {
  const file = releaseFilePath(outdir, environment);
  if (!existsSync(file)) return undefined;
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError([`${file}: cannot read it as JSON — ${(error as Error).message}; ${again}`]);
  }
  const result = releaseFileSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new UsageError([
      ...describeIssues(result.error, (path) => `${file} ${path.join(".")}`),
      `${file}: not what this version's synth writes; ${again}`,
    ]);
  }
  if (result.data.environment !== environment) {
    throw new UsageError([
      `${file}: written for environment "${result.data.environment}", not "${environment}"; ${again}`,
    ]);
  }
  return { file, release: result.data };
}

/** The environments the synth in `outdir` wrote release files for. */
export function synthesizedEnvironments(outdir: string): string[] {
  const folder = join(outdir, RELEASE_FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .sort();
}
