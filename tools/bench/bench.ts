/**
 * Measures synth against its floor, `node -e 'require("cdktf")'`, in one run: every sample of a
 * case is paired with a sample of the floor, in alternating order, so load on the machine moves
 * both. Reports medians with their spread (min-max), the peak memory of the largest process, the
 * cost per environment (a least-squares line over 1, 10, 50 and 200 generated environments, and
 * the slope of each step, to show it stays linear), npm's own cost, and the first run after
 * `npm ci` against the command `npm run synth` ran before the snapshot, the review and release
 * tools' starts, and `npx cdktf synth`.
 *
 *   npm run bench              # Markdown for the README's Performance section
 *   BENCH_RUNS=9 npm run bench  # more pairs per case (default 5)
 *
 * Peak memory comes from GNU time (`/usr/bin/time`, Debian package `time`): the maximum resident
 * set of the process and everything it waited for.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, relative } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** `npm run bench` runs from the project root. */
const ROOT = process.cwd();
const TIME = "/usr/bin/time";
const FLOOR = ["node", "-e", 'require("cdktf")'];
const SYNTH = ["sh", "app/start.sh", "--snapshot", "main.ts"];

interface Sample {
  readonly seconds: number;
  /** User + system CPU seconds of the process tree. */
  readonly cpu: number;
  readonly peakMib: number;
}

const work = mkdtempSync(join(ROOT, "cdktf.out.bench-"));
const configs = mkdtempSync(join(tmpdir(), "bench-config-"));

function run(command: readonly string[], env: Record<string, string> = {}): Sample {
  const report = join(work, "time.txt");
  const started = process.hrtime.bigint();
  const result = spawnSync(TIME, ["-o", report, "-f", "%M %U %S", ...command], {
    cwd: ROOT,
    // No NODE_OPTIONS: it would change what both sides run (and which snapshot app/start.sh picks).
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      CHECKPOINT_DISABLE: "1",
      CDKTF_OUTDIR: join(work, "cdktf.out"),
      ...env,
    },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0)
    throw new Error(`${command.join(" ")} failed (${result.status}):\n${result.stderr}`);
  const [kib, user, system] = (readFileSync(report, "utf8").trim().split("\n").pop() ?? "")
    .split(" ")
    .map(Number);
  return { seconds, cpu: user + system, peakMib: kib / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "0.31 s (0.29-0.35)": the median and the range of the samples. */
function spread(values: readonly number[], unit = "s", digits = 2): string {
  return `${median(values).toFixed(digits)} ${unit} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})`;
}

interface Paired {
  readonly floor: Sample[];
  readonly measured: Sample[];
}

/** RUNS pairs of `floor` and `measured`, alternating which goes first; `before` runs ahead of each measured sample. */
function paired(measured: () => Sample, floor: () => Sample = () => run(FLOOR)): Paired {
  measured(); // warm: the file system cache and, for synth, a startup snapshot of the current sources
  const result: Paired = { floor: [], measured: [] };
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) result.floor.push(floor());
    result.measured.push(measured());
    if (i % 2 === 1) result.floor.push(floor());
  }
  return result;
}

/** The median of the pairs' ratios: each measured sample against the floor sample taken beside it. */
function ratioToFloor({ measured, floor }: Paired): number {
  return median(measured.map((s, i) => s.seconds / floor[i].seconds));
}

function generatedConfig(environments: number): string {
  const file = join(configs, `${environments}.json`);
  writeFileSync(
    file,
    JSON.stringify({
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
    }),
  );
  return file;
}

/** The build app/start.sh would start now: its id, whether no input changed since, and whether its snapshot exists. */
function currentBuild(): { id: string; fresh: boolean; snapshot: boolean } {
  const stamp = join(ROOT, ".build", "main.inputs");
  if (!existsSync(stamp)) return { id: "", fresh: false, snapshot: false };
  const [id, inputs = ""] = readFileSync(stamp, "utf8").split("\n");
  const changed = spawnSync("find", [...inputs.split(" "), "-newer", stamp, "-print", "-quit"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return {
    id,
    fresh: changed.status === 0 && changed.stdout === "",
    snapshot: existsSync(join(ROOT, ".build", `main.${id}.blob`)),
  };
}

/**
 * Brings the bundle and snapshot of main.ts up to date (not measured), so that a sample measures
 * the start every run after the first takes, even while someone edits the sources.
 */
function ready(): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const build = currentBuild();
    if (build.fresh && build.snapshot) return build.id;
    run(SYNTH, { SYNTH_SNAPSHOT: "wait" });
  }
  throw new Error("the sources keep changing: no snapshot of main.ts stays current long enough to measure");
}

/** A sample of `command` from the current snapshot; taken again if the sources changed meanwhile. */
function fromSnapshot(command: readonly string[], env: Record<string, string> = {}): Sample {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = ready();
    const sample = run(command, env);
    const after = currentBuild();
    if (after.id === id && after.fresh) return sample;
  }
  throw new Error("the sources keep changing: no sample of main.ts ran from a current snapshot");
}

/** The default config, paired with the floor; returns the rows and the floor's median. */
function defaultRows(): { lines: string[]; floorSeconds: number } {
  const defaults = paired(() => fromSnapshot(SYNTH));
  const ratio = ratioToFloor(defaults);
  return {
    floorSeconds: median(defaults.floor.map((s) => s.seconds)),
    lines: [
      "| case | synth | floor: `node -e 'require(\"cdktf\")'` | synth / floor | synth peak memory | floor peak memory |",
      "|---|---|---|---|---|---|",
      `| embedded default (\`npm run synth\`'s command) | ${spread(defaults.measured.map((s) => s.seconds))} | ${spread(defaults.floor.map((s) => s.seconds))} | ${ratio.toFixed(2)}x | ${Math.max(...defaults.measured.map((s) => s.peakMib)).toFixed(0)} MiB | ${Math.max(...defaults.floor.map((s) => s.peakMib)).toFixed(0)} MiB |`,
    ],
  };
}

/** 1, 10, 50 and 200 generated environments, and the cost of one more (least squares and by step). */
function environmentRows(): string[] {
  const lines: string[] = [];
  const perEnvironment: [number, Paired][] = [];
  for (const count of [1, 10, 50, 200]) {
    const file = generatedConfig(count);
    const result = paired(() => fromSnapshot(SYNTH, { APP_CONFIG_FILE: file }));
    perEnvironment.push([count, result]);
    const r = ratioToFloor(result);
    lines.push(
      `| ${count} environment${count === 1 ? "" : "s"} (P1v3, staging slot, autoscale) | ${spread(result.measured.map((s) => s.seconds))} | ${spread(result.floor.map((s) => s.seconds))} | ${r.toFixed(2)}x | ${Math.max(...result.measured.map((s) => s.peakMib)).toFixed(0)} MiB | ${Math.max(...result.floor.map((s) => s.peakMib)).toFixed(0)} MiB |`,
    );
  }
  const points = perEnvironment.map(([n, r]) => ({
    n,
    wall: median(r.measured.map((s) => s.seconds)),
    cpu: median(r.measured.map((s) => s.cpu)),
  }));
  const slope = (key: "wall" | "cpu") => {
    const mx = points.reduce((a, p) => a + p.n, 0) / points.length;
    const my = points.reduce((a, p) => a + p[key], 0) / points.length;
    return (
      points.reduce((a, p) => a + (p.n - mx) * (p[key] - my), 0) /
      points.reduce((a, p) => a + (p.n - mx) ** 2, 0)
    );
  };
  const steps = points
    .slice(1)
    .map(
      (p, i) =>
        `${points[i].n}->${p.n}: ${(((p.wall - points[i].wall) / (p.n - points[i].n)) * 1000).toFixed(1)} ms`,
    );
  lines.push(
    "",
    `Per extra environment (least squares over 1-200): **${(slope("wall") * 1000).toFixed(1)} ms wall**, ${(slope("cpu") * 1000).toFixed(1)} ms CPU; by step: ${steps.join(", ")}.`,
  );
  return lines;
}

/** What npm adds, what the snapshot saves, and the first run after `npm ci`, on the default config. */
function commandRows(): string[] {
  const lines: string[] = [];
  // What npm adds, and what the snapshot saves, on the default config.
  const npm = paired(
    () => fromSnapshot(["npm", "run", "--silent", "synth"]),
    () => fromSnapshot(SYNTH),
  );
  const plain = paired(
    () => fromSnapshot(["node", join(".build", `main.${ready()}.js`)]),
    () => fromSnapshot(SYNTH),
  );
  lines.push(
    "",
    "| command, embedded default | wall | paired with `npm run synth`'s command | peak memory |",
    "|---|---|---|---|",
    `| \`npm run synth\` | ${spread(npm.measured.map((s) => s.seconds))} | ${spread(npm.floor.map((s) => s.seconds))} (npm's own cost: ${(median(npm.measured.map((s, i) => s.seconds - npm.floor[i].seconds)) * 1000).toFixed(0)} ms) | ${Math.max(...npm.measured.map((s) => s.peakMib)).toFixed(0)} MiB |`,
    `| \`node .build/main.<id>.js\` (the bundle, no snapshot, token stack traces off) | ${spread(plain.measured.map((s) => s.seconds))} | ${spread(plain.floor.map((s) => s.seconds))} | ${Math.max(...plain.measured.map((s) => s.peakMib)).toFixed(0)} MiB |`,
  );

  // The first run after `npm ci` (no bundle yet) against the command `npm run synth` ran before.
  const before = join(work, "before.js");
  const cold = paired(
    () => {
      ready();
      rmSync(join(ROOT, ".build", "main.inputs"), { force: true });
      const sample = run(SYNTH);
      ready(); // the snapshot it started building in the background: done before the next sample
      return sample;
    },
    () =>
      run([
        "sh",
        "-c",
        `node_modules/.bin/esbuild main.ts --bundle --platform=node --packages=external --outfile=${before} --log-level=warning && node ${before}`,
      ]),
  );
  lines.push(
    `| first run after \`npm ci\` (bundle, run, snapshot in the background) | ${spread(cold.measured.map((s) => s.seconds))} | before this launcher (esbuild, then node): ${spread(cold.floor.map((s) => s.seconds))} | ${Math.max(...cold.measured.map((s) => s.peakMib)).toFixed(0)} MiB |`,
  );
  return lines;
}

/** The commands of `npm run review` and `npm run release` (their bundles, no snapshot) on the default synth, and the cdktf CLI's synth. */
function toolRows(): string[] {
  fromSnapshot(SYNTH); // the default synth into the bench's output folder, for the tools to read
  const outdir = join(work, "cdktf.out");
  const tools: [string, string[]][] = [
    ["`npm run review`", ["tools/review/cli.ts", "--outdir", outdir]],
    [
      "`npm run release -- --env prod --dry-run`",
      ["tools/release/cli.ts", "--env", "prod", "--dry-run", "--outdir", outdir],
    ],
  ];
  const lines = [
    "",
    "| tool, embedded default (its command, without npm) | wall | floor | tool / floor | peak memory |",
    "|---|---|---|---|---|",
  ];
  for (const [name, args] of tools) {
    const result = paired(() => run(["sh", "app/start.sh", ...args]));
    lines.push(toolRow(name, result));
  }
  // The cdktf CLI loads for seconds (its bundle, a layout engine, TypeScript twice for its HCL
  // converter) before it starts the app through cdktf.json, as `npm run synth` does. Its
  // NODE_OPTIONS give the app a snapshot of its own: the warm-up run builds it before exiting.
  const cli = paired(() =>
    fromSnapshot(["node_modules/.bin/cdktf", "synth", "--output", relative(ROOT, join(work, "cli.out"))], {
      CI: "true",
      SYNTH_SNAPSHOT: "wait",
    }),
  );
  lines.push(toolRow("`npx cdktf synth` (the CLI, then the app)", cli));
  return lines;
}

function toolRow(name: string, result: Paired): string {
  return `| ${name} | ${spread(result.measured.map((s) => s.seconds))} | ${spread(result.floor.map((s) => s.seconds))} | ${ratioToFloor(result).toFixed(2)}x | ${Math.max(...result.measured.map((s) => s.peakMib)).toFixed(0)} MiB |`;
}

function rows(): string[] {
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: install the Debian package "time"`);
  const { lines, floorSeconds } = defaultRows();
  lines.push(...environmentRows(), ...commandRows(), ...toolRows());
  lines.unshift(
    `Synth benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} x ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${RUNS} pairs per case, medians (min-max); floor median ${floorSeconds.toFixed(2)} s.`,
    "",
  );
  return lines;
}

try {
  console.log(rows().join("\n"));
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(configs, { recursive: true, force: true });
}
