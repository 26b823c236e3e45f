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
  "dry-run": { type: "boolean" },
  rollback: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const helpText = `Usage: npm run release -- --env <name> [flags]

Verifies the staging slot, swaps it into production, verifies production and swaps back on failure.

  --env <name>             environment to release (required)
  --app <name>             app name of the stack <app>-<env> (default: env APP_NAME, else the only *-<env> stack)
  --expect-version <v>     version /health must report (default: env IMAGE_TAG, else the image tag of the
                           synthesized staging slot; if none, not checked)
  --staging-url <url>      default: https://<app-name>-<slot>.azurewebsites.net
  --production-url <url>   default: https://<app-name>.azurewebsites.net
  --resource-group <name>  default: from the synthesized stack
  --app-name <name>        Azure name of the API web app (default: from the synthesized stack)
  --slot <name>            slot to swap into production (default: staging)
  --subscription <id>      default: env AZURE_SUBSCRIPTION_ID, else ARM_SUBSCRIPTION_ID
  --outdir <dir>           cdktf output directory (default: cdktf.out)
  --settings <file.json>   release settings overriding the defaults (see tools/release/README.md)
  --dry-run                print the plan with resolved targets; call nothing
  --rollback               swap the slot and production back now, then check production health
  -h, --help               this text

Exit codes: 0 released, 1 bad flags/settings/targets, 2 staging failed (no swap),
3 production failed and rolled back, 4 rollback failed (needs a human), 5 swap failed.`;

export interface CliFlags extends TargetFlags {
  readonly expectVersion?: string;
  readonly subscription?: string;
  readonly settings?: string;
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
  const flags: CliFlags = {
    env: text("env") ?? "",
    app: text("app") ?? (env.APP_NAME || undefined),
    expectVersion: text("expect-version") ?? (env.IMAGE_TAG || undefined),
    stagingUrl: text("staging-url"),
    productionUrl: text("production-url"),
    resourceGroup: text("resource-group"),
    appName: text("app-name"),
    slot: text("slot") ?? "staging",
    subscription: text("subscription") ?? (env.AZURE_SUBSCRIPTION_ID || env.ARM_SUBSCRIPTION_ID || undefined),
    outdir: text("outdir") ?? "cdktf.out",
    settings: text("settings"),
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
