import { readFileSync } from "node:fs";
import { ConfigError, type ConfigProblem } from "./config-error";
import { crossFieldProblems } from "./cross-field-rules";
import { DEFAULT_CONFIG } from "./default-config";
import { ENVIRONMENT_VARIABLES } from "./environment-variables";
import { projectPathProblems } from "./project-paths";
import { configSchema, type PlatformConfig } from "./schema";

type Env = Readonly<Record<string, string | undefined>>;

/** A non-empty variable's value; CI systems often pass unset variables as empty strings. */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError([
      {
        field: "APP_CONFIG_FILE",
        value: path,
        rule: `cannot be read (${(error as NodeJS.ErrnoException).code})`,
      },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError([
      { field: "APP_CONFIG_FILE", value: path, rule: `is not valid JSON (${(error as Error).message})` },
    ]);
  }
}

/**
 * The configuration for this run: the embedded default (or APP_CONFIG_FILE), overridden by
 * environment variables, checked in full (paths inside `projectRoot`), and narrowed to the
 * selected ENVIRONMENTS.
 * @throws ConfigError listing every problem; a problem in a value that came from a variable
 * names the variable.
 */
export function loadConfig(env: Env = process.env, projectRoot: string = process.cwd()): PlatformConfig {
  const configFile = read(env, "APP_CONFIG_FILE");
  const raw = structuredClone(configFile ? readConfigFile(configFile) : DEFAULT_CONFIG) as Record<
    string,
    unknown
  >;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError([
      { field: "APP_CONFIG_FILE", value: configFile, rule: "must contain a JSON object" },
    ]);
  }

  const fromVariable = new Map<string, string>();
  for (const variable of ENVIRONMENT_VARIABLES) {
    const text = variable.path && read(env, variable.name);
    if (!variable.path || text === undefined) continue;
    setAt(raw, variable.path, variable.parse ? variable.parse(text) : text);
    fromVariable.set(variable.path.join("."), variable.name);
  }

  const result = configSchema.safeParse(raw, { reportInput: true });
  // Cross-field rules need a well-shaped config; on a bad shape they would only echo its problems.
  const pathProblems = result.success
    ? [...crossFieldProblems(result.data), ...projectPathProblems(result.data, projectRoot)]
    : result.error.issues.map((issue) => ({
        path: issue.path,
        value: issue.input,
        // zod words a bad record key as "Invalid key in record"; the key's own rule says more.
        rule:
          issue.code === "invalid_key"
            ? issue.issues.map((inner) => inner.message).join("; ")
            : issue.message,
      }));
  const problems: ConfigProblem[] = pathProblems.map(({ path, value, rule }) => {
    const dotted = path.join(".");
    // A problem inside a value a variable set (e.g. one address of a list) is that variable's.
    const variable = [...fromVariable].find(
      ([prefix]) => dotted === prefix || dotted.startsWith(`${prefix}.`),
    )?.[1];
    return { field: variable ? `${variable} (${dotted})` : dotted || "(config)", value, rule };
  });

  const selection = read(env, "ENVIRONMENTS");
  const configured = Object.keys((raw.environments as Record<string, unknown> | undefined) ?? {});
  const selected = selection ? selection.split(",").map((name) => name.trim()) : configured;
  const unknown = selected.filter((name) => !configured.includes(name));
  if (unknown.length > 0 || selected.some((name) => name === "")) {
    problems.push({
      field: "ENVIRONMENTS",
      value: selection,
      rule: `must be a comma list of configured environments (${configured.join(", ")}); unknown: ${unknown.map((n) => `"${n}"`).join(", ")}`,
    });
  }

  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const config = result.data;
  return {
    ...config,
    environments: Object.fromEntries(
      Object.entries(config.environments).filter(([name]) => selected.includes(name)),
    ),
  };
}
