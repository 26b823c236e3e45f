import { ConfigError } from "../../config/config-error";
import { loadConfig } from "../../config/load-config";
import type { PlatformConfig } from "../../config/schema";
import type { ReleaseSettings } from "./release-settings";
import { UsageError } from "./usage-error";

/**
 * The environment's `release` section of the project config, read as `npm run synth` reads it
 * (the embedded default or APP_CONFIG_FILE, with the same environment variables).
 */
export function settingsFromConfig(environment: string, env: NodeJS.ProcessEnv): ReleaseSettings {
  let config: PlatformConfig;
  try {
    // All environments: ENVIRONMENTS narrows what synth writes, not what can be released.
    config = loadConfig({ ...env, ENVIRONMENTS: "" });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(
      error.problems.map((p) => `config ${p.field}: ${JSON.stringify(p.value)} — ${p.rule}`),
    );
  }
  const settings = config.environments[environment]?.release;
  if (!settings) {
    const known = Object.keys(config.environments).join(", ");
    throw new UsageError([
      `--env: "${environment}" is not an environment of the config (${known}); or pass --settings`,
    ]);
  }
  return settings;
}
