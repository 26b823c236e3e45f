import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { App } from "cdktf";
import { withoutPreparePass } from "../../app/prepare-pass";
import { loadConfig } from "../../config/load-config";
import type { PlatformConfig } from "../../config/schema";
import { addPlatformStacks } from "../../stacks/platform";

export const REPO_ROOT = resolve(__dirname, "../..");

/**
 * The HCP Terraform variables of the tests of the cloud block and of the bootstrap stack, so both
 * read one synth. A project name with a space: subjects must carry it exactly as HCP Terraform
 * writes it.
 */
export const HCP_ENV = {
  IMAGE_TAG: "v1",
  TFC_ORGANIZATION: "acme",
  TFC_PROJECT: "Contoso Web",
  TFC_WORKSPACE_PREFIX: "web-",
  GITHUB_REPOSITORY: "contoso/platform",
} as const;

/** Terraform JSON of a stack. */
export type TerraformJson = Record<string, any>;

export interface Synth {
  readonly manifest: { stacks: Record<string, { dependencies: string[] }> };
  /** Terraform JSON by stack name. */
  readonly stacks: Record<string, TerraformJson>;
  /** Every synthesized file's text, for searching. */
  readonly text: string;
}

/** What a synth wrote: the manifest's text and each stack's `cdk.tf.json` text. */
export interface SynthFiles {
  readonly manifest: string;
  readonly stacks: Record<string, string>;
}

/** Synths of the project made or read by this test file, by config (see `synthPlatform`). */
const synthesized = new Map<string, SynthFiles>();

/**
 * Synthesizes `config` the way main.ts does (a real App without cdktf's preparing pass, the
 * output folder inside the project), reads the JSON back and removes the folder.
 *
 * A synth of the project itself is made once per config and test run, and shared: by the tests
 * of a file in memory, by the files of the run through the run's temporary folder
 * (TEST_RUN_DIR, see global-setup.ts). Each call parses its own copy, so a test may change
 * what it gets. Other project roots are synthesized every time (their files may change between calls).
 */
export function synthPlatform(config: PlatformConfig = loadConfig({}), projectRoot = REPO_ROOT): Synth {
  const files = projectRoot === REPO_ROOT ? cachedSynth(config) : synthFiles(config, projectRoot);
  const stacks = Object.entries(files.stacks);
  return {
    manifest: JSON.parse(files.manifest),
    stacks: Object.fromEntries(stacks.map(([name, text]) => [name, JSON.parse(text)])),
    text: stacks.map(([, text]) => text).join("\n"),
  };
}

/**
 * The shared synth of `config` (see {@link synthPlatform}) as a synth leaves it on disk, for tools
 * that read an output folder: `manifest.json` and `stacks/<name>/cdk.tf.json` in a new folder
 * inside the project, which the caller removes.
 */
export function synthFolder(config: PlatformConfig): string {
  const files = cachedSynth(config);
  const outdir = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
  writeFileSync(join(outdir, "manifest.json"), files.manifest);
  for (const [name, text] of Object.entries(files.stacks)) {
    mkdirSync(join(outdir, "stacks", name), { recursive: true });
    writeFileSync(join(outdir, "stacks", name, "cdk.tf.json"), text);
  }
  return outdir;
}

function cachedSynth(config: PlatformConfig): SynthFiles {
  const key = createHash("sha256").update(JSON.stringify(config)).digest("hex").slice(0, 32);
  const inMemory = synthesized.get(key);
  if (inMemory) return inMemory;
  const runDir = process.env.TEST_RUN_DIR;
  const file = runDir ? join(runDir, "synth-cache", `${key}.json`) : undefined;
  if (file && existsSync(file)) {
    const files: SynthFiles = JSON.parse(readFileSync(file, "utf8"));
    synthesized.set(key, files);
    return files;
  }
  const files = synthFiles(config, REPO_ROOT);
  if (file) {
    // Written whole, then renamed: a worker reading it never sees half of it.
    mkdirSync(join(runDir!, "synth-cache"), { recursive: true });
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(files));
    renameSync(`${file}.${process.pid}`, file);
  }
  synthesized.set(key, files);
  return files;
}

/**
 * Synthesizes `config` as main.ts does, every time (no cache), for a test that watches what a
 * synth does rather than what it writes; returns what it wrote, as text.
 */
export function synthFiles(config: PlatformConfig, projectRoot = REPO_ROOT): SynthFiles {
  const outdir = mkdtempSync(join(projectRoot, "cdktf.out.jest-"));
  try {
    const app = new App({ outdir });
    addPlatformStacks(app, config, projectRoot);
    withoutPreparePass(app);
    app.synth();
    const manifest = readFileSync(join(outdir, "manifest.json"), "utf8");
    const names = Object.keys(JSON.parse(manifest).stacks);
    return {
      manifest,
      stacks: Object.fromEntries(
        names.map((name) => [name, readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")]),
      ),
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
