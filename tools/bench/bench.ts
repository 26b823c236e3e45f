/**
 * Measures `npm run synth` exactly as a user runs it (npm, the esbuild bundle step, node):
 * wall time and the peak memory of the largest process, for the embedded default and for
 * generated configs of 1, 10 and 50 environments. Each case runs RUNS times; the table shows
 * the median wall time and the highest peak.
 *
 *   npm run bench            # prints a Markdown table for the README
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = resolve(__dirname, "../..");

interface Sample {
  readonly seconds: number;
  readonly peakMb: number;
}

function generatedConfig(environments: number) {
  return {
    app: { name: "bench", location: "westeurope" },
    environments: Object.fromEntries(
      Array.from({ length: environments }, (_, i) => [
        `e${i + 1}`,
        {
          plan: { sku: "P1v3", workerCount: 2 },
          slots: ["staging"],
          autoscale: { minimum: 1, default: 2, maximum: 10 },
        },
      ]),
    ),
  };
}

function runOnce(env: Record<string, string>): Sample {
  // Inside the project, as synth requires (the JSON refers to project paths relatively).
  const outdir = mkdtempSync(join(ROOT, "cdktf.out.bench-"));
  const started = process.hrtime.bigint();
  // NODE_OPTIONS reaches every node process of the run (npm and the synth); each reports its peak.
  const result = spawnSync("npm", ["run", "synth", "--silent"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: `--require ${join(__dirname, "report-peak-memory.cjs")}`,
      CDKTF_OUTDIR: join(outdir, "cdktf.out"),
      ...env,
    },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(outdir, { recursive: true, force: true });
  const peaks = [...result.stderr.matchAll(/BENCH_MAX_RSS_KB=(\d+)/g)].map((match) => Number(match[1]));
  if (result.status !== 0 || peaks.length === 0)
    throw new Error(`synth failed (${result.status}):\n${result.stderr}`);
  return { seconds, peakMb: Math.max(...peaks) / 1024 };
}

function measure(label: string, env: Record<string, string>): string {
  runOnce(env); // warm the file system cache, as every run after the first one on a machine is
  const samples = Array.from({ length: RUNS }, () => runOnce(env));
  const seconds = samples.map((s) => s.seconds).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  const peakMb = Math.max(...samples.map((s) => s.peakMb));
  return `| ${label} | ${seconds.toFixed(2)} s | ${peakMb.toFixed(0)} MB |`;
}

const configDir = mkdtempSync(join(tmpdir(), "bench-config-"));
const rows = [measure("embedded default (5 stacks: shared, image, dev, dev-access, prod)", {})];
for (const count of [1, 10, 50]) {
  const file = join(configDir, `config-${count}.json`);
  writeFileSync(file, JSON.stringify(generatedConfig(count)));
  rows.push(
    measure(`${count} environment${count === 1 ? "" : "s"} (P1v3, staging slot, autoscale, front end)`, {
      APP_CONFIG_FILE: file,
    }),
  );
}
rmSync(configDir, { recursive: true, force: true });
console.log(
  [
    `Synth, median of ${RUNS} runs (wall) and highest peak RSS, node ${process.version}:`,
    "",
    "| config | wall | peak memory |",
    "|---|---|---|",
    ...rows,
  ].join("\n"),
);
