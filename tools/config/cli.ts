import { ConfigError } from "../../config/config-error";
import { DEFAULT_CONFIG } from "../../config/default-config";
import { loadConfig } from "../../config/load-config";

const USAGE = `npm run config -- <flag>

  --print-default   print the embedded default config as JSON (a starting point for APP_CONFIG_FILE)
  --check           load the config as synth does (APP_CONFIG_FILE, environment variables) and report
                    every problem; exit 1 when there is one
  --print           print the loaded config with every default applied, as JSON
  -h, --help        this text`;

/** The config tool: the embedded default, and a check of the config without a synth. */
export function runConfigTool(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { code: number; out: string; err: string } {
  const [flag, ...rest] = args;
  if (flag === "-h" || flag === "--help") return { code: 0, out: USAGE, err: "" };
  if (flag === undefined || rest.length > 0) return { code: 1, out: "", err: USAGE };
  if (flag === "--print-default") return { code: 0, out: JSON.stringify(DEFAULT_CONFIG, null, 2), err: "" };
  if (flag === "--check" || flag === "--print") {
    try {
      const config = loadConfig(env);
      return flag === "--print"
        ? { code: 0, out: JSON.stringify(config, null, 2), err: "" }
        : { code: 0, out: "config is valid", err: "" };
    } catch (error) {
      if (error instanceof ConfigError) return { code: 1, out: "", err: error.message };
      throw error;
    }
  }
  return { code: 1, out: "", err: `unknown flag "${flag}"\n\n${USAGE}` };
}

if (require.main === module) {
  const { code, out, err } = runConfigTool(process.argv.slice(2), process.env);
  if (out) console.log(out);
  if (err) console.error(err);
  process.exitCode = code;
}
