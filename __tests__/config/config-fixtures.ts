import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../config/config-error";
import { loadConfig } from "../../config/load-config";

/** A small valid config; tests change one thing at a time. */
export function baseConfig(): Record<string, any> {
  return {
    app: { name: "shop", location: "northeurope" },
    environments: {
      prod: { plan: { sku: "S1" }, slots: ["staging"], autoscale: { minimum: 1, maximum: 4 } },
    },
  };
}

/** Loads `config` through APP_CONFIG_FILE, the way a user's file is loaded. */
export function loadFrom(config: unknown, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "config-"));
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify(config));
  return loadConfig({ ...env, APP_CONFIG_FILE: file });
}

/** The problems of `config` as "field = value: rule" lines. */
export function problemsOf(config: unknown, env: Record<string, string> = {}): string[] {
  try {
    loadFrom(config, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(
      (p) => `${p.field}${p.value === undefined ? "" : ` = ${JSON.stringify(p.value)}`}: ${p.rule}`,
    );
  }
  return [];
}
