import { parseArgs } from "node:util";
import { diffSynth } from "./diff";
import { InputError } from "./input-error";
import { renderReport } from "./markdown";
import { readPolicyReport } from "./policy-report";
import { readSynthDir } from "./synth-dir";

export const helpText = `Usage: npm run review -- [--outdir <dir>] [--baseline <dir>]

Prints a Markdown review of a cdktf synth (stacks, backends, resources, security-relevant settings,
policy findings) for a pull-request comment. Secret values are always shown as (redacted).

  --outdir <dir>    cdktf output directory to review (default: cdktf.out)
  --baseline <dir>  another synth directory (e.g. of the main branch); adds a "Changes" section
  -h, --help        this text`;

const options = {
  outdir: { type: "string" },
  baseline: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The whole command without touching the process: flags in, report or one message out. */
export function runReview(argv: readonly string[]): RunResult {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
  });
  const problems = positionals.map(
    (arg) => `"${arg}": unexpected argument; flags start with -- (see --help)`,
  );
  for (const [name, value] of Object.entries(values)) {
    const type = options[name as keyof typeof options]?.type;
    if (!type) problems.push(`--${name}: unknown flag; known flags are --outdir, --baseline, --help`);
    else if (type === "boolean" && value !== true) problems.push(`--${name}: takes no value, got "${value}"`);
    else if (type === "string" && (typeof value !== "string" || value === "")) {
      problems.push(`--${name}: needs a directory, e.g. --${name} cdktf.out`);
    }
  }
  if (problems.length > 0) return { code: 1, stdout: "", stderr: `review: ${problems.join("\nreview: ")}\n` };
  if (values.help === true) return { code: 0, stdout: `${helpText}\n`, stderr: "" };

  const outdir = typeof values.outdir === "string" ? values.outdir : "cdktf.out";
  const baselineDir = typeof values.baseline === "string" ? values.baseline : undefined;
  let flag = "--outdir";
  try {
    const stacks = readSynthDir(outdir);
    const policy = readPolicyReport(outdir);
    flag = "--baseline";
    const baseline = baselineDir
      ? { dir: baselineDir, diff: diffSynth(readSynthDir(baselineDir), stacks) }
      : undefined;
    return { code: 0, stdout: renderReport({ outdir, stacks, policy, baseline }), stderr: "" };
  } catch (error) {
    if (error instanceof InputError)
      return { code: 1, stdout: "", stderr: `review: ${flag}: ${error.message}\n` };
    throw error;
  }
}

if (require.main === module) {
  const result = runReview(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
