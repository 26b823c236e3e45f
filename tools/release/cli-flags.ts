import { parseArgs } from "node:util";
import type { TargetFlags } from "./release-targets";

const options = {
  env: { type: "string" },
  app: { type: "string" },
  "expect-version": { type: "string" },
  "staging-url": { type: "string" },
  "production-url": { type: "string" },
  "resource-group": { type: "string" },
  "app-name": { type: "string" },
  slot: { type: "string" },
  subscription: { type: "string" },
  outdir: { type: "string" },
  settings: { type: "string" },
  "report-file": { type: "string" },
  "dry-run": { type: "boolean" },
  rollback: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const helpText = `Usage: npm run release -- --env <name> [flags]

Measures production, verifies the staging slot, swaps it into production, verifies production
and swaps back on failure. Targets and settings come from <outdir>/release/<env>.json, which
\`npm run synth\` writes; a flag that contradicts it is an error.

  --env <name>             environment to release (required)
  --outdir <dir>           cdktf output directory to read the release file from (default: cdktf.out)
  --expect-version <v>     version /health must report (default: the synthesized image tag; without
                           a release file env IMAGE_TAG; if none, not checked)
  --slot <name>            slot to swap into production (default: staging, or the environment's only slot)
  --staging-url <url>      default: https://<app-name>-<slot>.azurewebsites.net (e.g. for a custom domain)
  --production-url <url>   default: https://<app-name>.azurewebsites.net
  --app <name>             app name the synth must have used (default: env APP_NAME; checked only)
  --resource-group <name>  without a release file: the API's resource group (with one: checked only)
  --app-name <name>        without a release file: Azure name of the API web app (with one: checked only)
  --settings <file.json>   release settings replacing the synthesized ones (see tools/release/README.md)
  --report-file <path>     also write the phase table and steps as JSON, for CI
  --subscription <id>      default: env AZURE_SUBSCRIPTION_ID, else ARM_SUBSCRIPTION_ID
  --dry-run                print the plan with resolved targets; call nothing
  --rollback               swap the slot and production back now, then check production health
  -h, --help               this text

Exit codes: 0 released, 1 bad flags/settings/targets, 2 baseline, staging or a gate failed (no swap),
3 production failed and rolled back, 4 rollback failed (needs a human), 5 swap failed.`;

export interface CliFlags extends TargetFlags {
  readonly expectVersion?: string;
  readonly subscription?: string;
  readonly settings?: string;
  readonly reportFile?: string;
  readonly dryRun: boolean;
  readonly rollback: boolean;
  readonly help: boolean;
}

/**
 * Parses leniently so that one run reports every problem at once (node's strict mode stops at
 * the first). Environment variables fill what the flags leave open.
 */
export function parseCliFlags(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { flags: CliFlags; problems: string[] } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
  });
  const problems = positionals.map((arg) => `${arg}: unexpected argument (flags start with --)`);
  for (const [name, value] of Object.entries(values)) {
    const type = options[name as keyof typeof options]?.type;
    if (!type) problems.push(`--${name}: unknown flag (see --help)`);
    else if (type === "boolean" && value !== true) problems.push(`--${name}: takes no value, got "${value}"`);
    else if (type === "string" && (typeof value !== "string" || value.startsWith("--") || value === "")) {
      problems.push(`--${name}: needs a value${typeof value === "string" ? `, got "${value}"` : ""}`);
    }
  }
  const text = (name: keyof typeof options): string | undefined => {
    const value = values[name];
    return typeof value === "string" && value !== "" && !value.startsWith("--") ? value : undefined;
  };
  const app = text("app") ?? (env.APP_NAME || undefined);
  const flags: CliFlags = {
    env: text("env") ?? "",
    app,
    appFrom: app === undefined ? undefined : text("app") !== undefined ? "--app" : "APP_NAME",
    expectVersion: text("expect-version"),
    imageTag: env.IMAGE_TAG || undefined,
    stagingUrl: text("staging-url"),
    productionUrl: text("production-url"),
    resourceGroup: text("resource-group"),
    appName: text("app-name"),
    slot: text("slot"),
    subscription: text("subscription") ?? (env.AZURE_SUBSCRIPTION_ID || env.ARM_SUBSCRIPTION_ID || undefined),
    outdir: text("outdir") ?? "cdktf.out",
    settings: text("settings"),
    reportFile: text("report-file"),
    dryRun: values["dry-run"] === true,
    rollback: values.rollback === true,
    help: values.help === true,
  };
  if (!flags.env && values.env === undefined)
    problems.push("--env: missing; name the environment, e.g. --env prod");
  for (const name of ["staging-url", "production-url"] as const) {
    const url = text(name);
    if (url && !isHttpUrl(url)) {
      problems.push(`--${name}: "${url}" is not an http(s) URL`);
    }
  }
  if (flags.slot === "production") problems.push(`--slot: "production" cannot be swapped with itself`);
  if (!flags.subscription && !flags.dryRun) {
    problems.push("--subscription: missing; pass it or set AZURE_SUBSCRIPTION_ID or ARM_SUBSCRIPTION_ID");
  }
  return { flags, problems };
}

function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
