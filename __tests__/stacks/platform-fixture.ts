import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { App } from "cdktf";
import { loadConfig } from "../../config/load-config";
import type { PlatformConfig } from "../../config/schema";
import { addPlatformStacks } from "../../stacks/platform";

export const REPO_ROOT = resolve(__dirname, "../..");

/** Terraform JSON of a stack. */
export type TerraformJson = Record<string, any>;

export interface Synth {
  readonly manifest: { stacks: Record<string, { dependencies: string[] }> };
  /** Terraform JSON by stack name. */
  readonly stacks: Record<string, TerraformJson>;
  /** Every synthesized file's text, for searching. */
  readonly text: string;
}

/**
 * Synthesizes `config` the way main.ts does (a real App, cross-stack references resolved,
 * the output folder inside the project), reads the JSON back and removes the folder.
 */
export function synthPlatform(config: PlatformConfig = loadConfig({}), projectRoot = REPO_ROOT): Synth {
  const outdir = mkdtempSync(join(projectRoot, "cdktf.out.jest-"));
  try {
    const app = new App({ outdir });
    addPlatformStacks(app, config, projectRoot);
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    const files = Object.keys(manifest.stacks).map((name) => [
      name,
      readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"),
    ]);
    return {
      manifest,
      stacks: Object.fromEntries(files.map(([name, text]) => [name, JSON.parse(text)])),
      text: files.map(([, text]) => text).join("\n"),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Resources of `type` keyed by their construct path below the stack (e.g. "api/app"). */
export function resourcesByPath(json: TerraformJson, type: string): Record<string, Record<string, any>> {
  return Object.fromEntries(
    Object.values(json.resource?.[type] ?? {}).map((resource: any) => [
      resource["//"].metadata.path.split("/").slice(1).join("/"),
      resource,
    ]),
  );
}

/** The resource of `type` at construct `path`. */
export function resourceAt(json: TerraformJson, type: string, path: string): Record<string, any> {
  const resource = resourcesByPath(json, type)[path];
  if (!resource)
    throw new Error(`no ${type} at ${path}; found ${Object.keys(resourcesByPath(json, type)).join(", ")}`);
  return resource;
}

/** A Terraform reference to an attribute of the resource at `path`, e.g. `${azurerm_key_vault.vault_X.id}`. */
export function refTo(json: TerraformJson, type: string, path: string, attribute: string): string {
  const entry = Object.entries(json.resource?.[type] ?? {}).find(
    ([, resource]: [string, any]) => resource["//"].metadata.path.split("/").slice(1).join("/") === path,
  );
  if (!entry) throw new Error(`no ${type} at ${path}`);
  return `\${${type}.${entry[0]}.${attribute}}`;
}
