import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { InputError } from "./input-error";

export type JsonObject = { [key: string]: unknown };

/** One synthesized stack: its name, the stacks it depends on and its Terraform JSON (`cdk.tf.json`). */
export interface Stack {
  readonly name: string;
  readonly dependencies: readonly string[];
  readonly tf: JsonObject;
}

/** One resource or data source of a stack, addressed the way Terraform does (`type.id`, `data.type.id`). */
export interface ResourceEntry {
  readonly address: string;
  readonly type: string;
  readonly id: string;
  readonly body: JsonObject;
}

const manifestSchema = z.object({
  stacks: z.record(
    z.string(),
    z.object({
      name: z.string(),
      synthesizedStackPath: z.string(),
      dependencies: z.array(z.string()).default([]),
    }),
  ),
});

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a cdktf output directory (`manifest.json` and each stack's `cdk.tf.json`); stacks sorted by name. */
export function readSynthDir(dir: string): Stack[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(
      `"${dir}" is not a directory; it must be a cdktf output directory (run npm run synth)`,
    );
  }
  const manifestFile = join(dir, "manifest.json");
  if (!existsSync(manifestFile)) {
    throw new InputError(
      `"${dir}" has no manifest.json; it must be a cdktf output directory (run npm run synth)`,
    );
  }
  const manifest = manifestSchema.safeParse(readJson(manifestFile));
  if (!manifest.success) {
    throw new InputError(
      manifest.error.issues.map(
        (issue) => `${manifestFile}: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
      ),
    );
  }
  const problems: string[] = [];
  const stacks = Object.values(manifest.data.stacks).flatMap((entry) => {
    const file = join(dir, entry.synthesizedStackPath);
    if (!existsSync(file)) {
      problems.push(`${file}: missing, but stack "${entry.name}" is listed in ${manifestFile}`);
      return [];
    }
    try {
      const tf = readJson(file);
      if (isObject(tf)) return [{ name: entry.name, dependencies: entry.dependencies, tf }];
      problems.push(`${file}: must hold a JSON object (a stack's Terraform JSON)`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
    return [];
  });
  if (problems.length > 0) throw new InputError(problems);
  return stacks.sort((a, b) => a.name.localeCompare(b.name));
}

export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** Resources (`type.id`) then data sources (`data.type.id`) of a stack's Terraform JSON, in file order. */
export function resourcesOf(tf: JsonObject): ResourceEntry[] {
  const entries: ResourceEntry[] = [];
  for (const [section, prefix] of [
    ["resource", ""],
    ["data", "data."],
  ] as const) {
    const byType = isObject(tf[section]) ? tf[section] : {};
    for (const [type, byId] of Object.entries(byType)) {
      if (!isObject(byId)) continue;
      for (const [id, body] of Object.entries(byId)) {
        if (isObject(body))
          entries.push({ address: `${prefix}${type}.${id}`, type: `${prefix}${type}`, id, body });
      }
    }
  }
  return entries;
}

/** The construct path cdktf records under `//.metadata.path`, if any. */
export function constructPath(body: JsonObject): string | undefined {
  const meta = body["//"];
  const path = isObject(meta) && isObject(meta.metadata) ? meta.metadata.path : undefined;
  return typeof path === "string" ? path : undefined;
}
