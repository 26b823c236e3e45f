import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { InputError } from "./input-error";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { readPolicyReport } from "./policy-report";
import { buildReview, type SynthInput } from "./review";
import { readSynthDir } from "./synth-dir";

export const helpText = `Usage: npm run --silent review -- [--outdir <dir>] [--baseline <dir>] [--format markdown|json] [--output <file>]

Reviews a cdktf synth for a pull request: a verdict, then what to check, most dangerous first
(resources destroyed or replaced, stateful ones marked; access opened; grants; secrets rotated;
cost; policy findings and suppressions), then the details per stack, folded. Secret values are
always shown as (redacted). Only the report goes to standard output.

  --outdir <dir>      cdktf output directory to review (default: cdktf.out)
  --baseline <dir>    the synth to compare with, e.g. of the base branch; without it the report
                      describes the synth as it stands
  --format <format>   markdown (default) or json: the same findings, for other tools
  --output <file>     write the report to <file> instead of standard output
  -h, --help          this text

  npm run --silent review -- --baseline base/cdktf.out > review.md`;

const options = {
  outdir: { type: "string" },
  baseline: { type: "string" },
  format: { type: "string" },
  output: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const FORMATS = ["markdown", "json"];

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every problem with the flags at once. */
function flagProblems(values: Record<string, unknown>, positionals: readonly string[]): string[] {
  const problems = positionals.map(
    (arg) => `"${arg}": unexpected argument; flags start with -- (see --help)`,
  );
  for (const [name, value] of Object.entries(values)) {
    const type = options[name as keyof typeof options]?.type;
    if (!type) {
      problems.push(
        `--${name}: unknown flag; known flags are --outdir, --baseline, --format, --output, --help`,
      );
    } else if (type === "boolean" && value !== true) {
      problems.push(`--${name}: takes no value, got "${value}"`);
    } else if (type === "string" && (typeof value !== "string" || value === "")) {
      const example = name === "format" ? "json" : name === "output" ? "review.md" : "cdktf.out";
      problems.push(`--${name}: needs a value, e.g. --${name} ${example}`);
    } else if (name === "format" && !FORMATS.includes(String(value))) {
      problems.push(`--format: "${value}" is not a format; use markdown or json`);
    }
  }
  return problems;
}

/** Reads one synth directory; `flag` names it in messages. */
function readInput(flag: string, dir: string): SynthInput {
  try {
    const stacks = readSynthDir(dir);
    const policy = readPolicyReport(dir);
    return { dir, stacks, ...(policy ? { policy } : {}) };
  } catch (error) {
    if (error instanceof InputError)
      throw new InputError(error.problems.map((problem) => `${flag}: ${problem}`));
    throw error;
  }
}

/** The whole command: flags in, the report (on stdout or in --output) or every problem out. */
export function runReview(argv: readonly string[]): RunResult {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
  });
  const problems = flagProblems(values, positionals);
  if (problems.length > 0) return { code: 1, stdout: "", stderr: `review: ${problems.join("\nreview: ")}\n` };
  if (values.help === true) return { code: 0, stdout: `${helpText}\n`, stderr: "" };

  const outdir = typeof values.outdir === "string" ? values.outdir : "cdktf.out";
  const messages: string[] = [];
  const read = (flag: string, dir: string) => {
    try {
      return readInput(flag, dir);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      messages.push(...error.problems);
      return undefined;
    }
  };
  const current = read("--outdir", outdir);
  const baseline = typeof values.baseline === "string" ? read("--baseline", values.baseline) : undefined;
  if (!current || messages.length > 0)
    return { code: 1, stdout: "", stderr: `review: ${messages.join("\nreview: ")}\n` };

  const review = buildReview(current, baseline);
  const report = values.format === "json" ? renderJson(review) : `${renderMarkdown(review)}\n`;
  if (typeof values.output !== "string") return { code: 0, stdout: report, stderr: "" };
  try {
    writeFileSync(values.output, report);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { code: 1, stdout: "", stderr: `review: --output: cannot write "${values.output}" (${reason})\n` };
  }
  return { code: 0, stdout: "", stderr: "" };
}

if (require.main === module) {
  const result = runReview(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
