"use strict";
// The slow path of app/start.sh: builds an entry point's bundle when its sources changed, runs
// it, and builds its startup snapshot in the background. app/README.md describes the files.
//
//   node app/start.cjs [--fresh=<id>] [--snapshot=<key>] <entry.ts> [arguments]
//       runs <entry> from bundle <id> (--fresh: app/start.sh found it current) or from a new
//       bundle; with --snapshot, then builds the snapshot for NODE_OPTIONS key <key> in the background
//   node app/start.cjs --build-snapshot=<key> <entry.ts> <id>
//       (that background process) builds .build/<entry>.<id><key>.blob
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
/** What else makes a bundle stale: the dependencies (npm rewrites its hidden lock file on every install) and this builder. */
const ALSO_INPUTS = [
  "package-lock.json",
  "node_modules/.package-lock.json",
  "app/start.cjs",
  "app/start-main.ts",
];
/** Name of the generated entry of the snapshot's bundle (not a file). */
const SNAPSHOT_ENTRY = "snapshot-entry.ts";
/** Bundles and snapshots of older builds are removed once nothing can be starting them any more. */
const KEEP_OLD_BUILDS_MS = 10 * 60 * 1000;

const args = process.argv.slice(2);
const options = {};
while (args[0]?.startsWith("--")) {
  const [name, value = ""] = args.shift().slice(2).split(/=(.*)/s);
  options[name] = value;
}
const entry = args.shift();
const base = path.join(ROOT, ".build", entry.replace(/\.ts$/, ""));
const stamp = `${base}.inputs`;

if (options["build-snapshot"] !== undefined) {
  buildSnapshot(options["build-snapshot"], args[0]);
} else {
  const id = options.fresh || buildBundle();
  if (options.snapshot !== undefined && process.env.SYNTH_SNAPSHOT !== "0") {
    // After the run, so it does not compete with it; detached, so the caller does not wait for it
    // (SYNTH_SNAPSHOT=wait: it does, e.g. to fill a CI cache or in a test).
    process.on("exit", () => {
      const builder = [__filename, `--build-snapshot=${options.snapshot}`, entry, id];
      if (process.env.SYNTH_SNAPSHOT === "wait")
        spawnSync(process.execPath, builder, { cwd: ROOT, stdio: "ignore" });
      else spawn(process.execPath, builder, { cwd: ROOT, detached: true, stdio: "ignore" }).unref();
    });
  }
  const bundle = `${base}.${id}.js`;
  process.argv = [process.execPath, bundle, ...args];
  // As `node <bundle>` would: the bundle is the main module (tools check require.main).
  Module.runMain(bundle);
}

/** Bundles `entry` (packages stay in node_modules: about 20 ms), records its inputs and returns the build's id. */
function buildBundle() {
  const started = new Date();
  const id = `${started.getTime().toString(36)}${process.pid.toString(36)}`;
  const metafile = esbuild(
    [entry, "--bundle", "--platform=node", "--packages=external", `--outfile=${base}.${id}.js`],
    "inherit",
  );
  if (metafile === undefined) process.exit(1); // esbuild has printed what failed to compile
  const inputs = [...Object.keys(metafile.inputs), ...ALSO_INPUTS].filter((file) =>
    fs.existsSync(path.join(ROOT, file)),
  );
  // app/start.sh splits the list at spaces; a path with one is never taken for current.
  const list = inputs.some((file) => /\s/.test(file)) ? "(a path with a space)" : inputs.join(" ");
  fs.writeFileSync(`${stamp}.tmp-${process.pid}`, `${id}\n${list}\n`);
  // Dated when the build began: a source saved during the build is newer, so the next run builds again.
  fs.utimesSync(`${stamp}.tmp-${process.pid}`, started, started);
  fs.renameSync(`${stamp}.tmp-${process.pid}`, stamp);
  removeOldBuilds(id);
  return id;
}

/**
 * Builds the startup snapshot of bundle `id` for NODE_OPTIONS key `key`: a whole-program bundle
 * (packages included: a snapshot cannot load files), loaded by `node --build-snapshot`, with
 * app/start-main.ts first so it watches every module that loads after it. Skipped when another
 * process builds it, when the sources changed since bundle `id`, or when the build fails (its
 * output lands in .build/<entry>.snapshot.log); the bundle keeps running then.
 */
function buildSnapshot(key, id) {
  const blob = `${base}.${id}${key}.blob`;
  const lock = `${blob}.lock`;
  for (;;) {
    if (currentId() !== id || fs.existsSync(blob)) return;
    if (takeLock(lock)) break;
    // Another process builds it; with SYNTH_SNAPSHOT=wait the caller wants the snapshot before it goes on.
    if (process.env.SYNTH_SNAPSHOT !== "wait") return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  const program = `${blob}.js`;
  try {
    // Smaller source text in the heap: 11 MB of snapshot instead of 18, 12 MB less memory per run.
    // Names stay as written (no identifier minification): stack traces keep their function names.
    const metafile = esbuild(
      [
        `--sourcefile=${SNAPSHOT_ENTRY}`,
        "--loader=ts",
        "--bundle",
        "--platform=node",
        "--minify-whitespace",
        "--minify-syntax",
        `--outfile=${program}`,
      ],
      "pipe",
      `import "./app/start-main";\nimport "./${entry}";\n`,
    );
    if (metafile === undefined) return;
    const builtAt = fs.statSync(stamp).mtimeMs;
    const changed = Object.keys(metafile.inputs).filter(
      (file) => !file.startsWith("node_modules/") && file !== SNAPSHOT_ENTRY && mtime(file) > builtAt,
    );
    if (changed.length > 0) return;
    const result = spawnSync(
      process.execPath,
      ["--snapshot-blob", `${blob}.tmp`, "--build-snapshot", program],
      { cwd: ROOT, encoding: "utf8" },
    );
    if (result.status !== 0) {
      fs.writeFileSync(`${base}.snapshot.log`, `${result.error ?? ""}${result.stderr}`);
      return;
    }
    if (currentId() === id) fs.renameSync(`${blob}.tmp`, blob);
    fs.rmSync(`${base}.snapshot.log`, { force: true });
  } finally {
    for (const file of [program, `${blob}.tmp`, lock]) fs.rmSync(file, { force: true });
  }
}

/**
 * Runs the esbuild binary (its JavaScript API's buildSync starts a worker first: 80 ms more) from
 * the project root, with `stdin` as the entry when given, and returns the build's metafile, or
 * undefined when it failed (esbuild printed why on `stderr`).
 */
function esbuild(args, stderr, stdin) {
  const metafile = path.join(ROOT, ".build", `esbuild-${process.pid}.meta.json`);
  const result = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "esbuild"),
    [...args, `--metafile=${metafile}`, "--log-level=warning"],
    { cwd: ROOT, input: stdin, stdio: [stdin === undefined ? "ignore" : "pipe", "inherit", stderr] },
  );
  try {
    return result.status === 0 ? JSON.parse(fs.readFileSync(metafile, "utf8")) : undefined;
  } finally {
    fs.rmSync(metafile, { force: true });
  }
}

/** The id app/start.sh would run now. */
function currentId() {
  try {
    return fs.readFileSync(stamp, "utf8").split("\n")[0];
  } catch {
    return undefined;
  }
}

/** One builder per snapshot; a lock older than a build can take (2 minutes) is left by a killed one. */
function takeLock(lock) {
  try {
    if (Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmSync(lock, { force: true });
  } catch {}
  try {
    fs.writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
    return true;
  } catch {
    return false;
  }
}

function mtime(file) {
  try {
    return fs.statSync(path.join(ROOT, file)).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Removes this entry's bundles and snapshots of other builds, when old enough that no start can be using them. */
function removeOldBuilds(id) {
  const folder = path.dirname(base);
  const prefix = `${path.basename(base)}.`;
  for (const name of fs.readdirSync(folder)) {
    if (!name.startsWith(prefix) || name.startsWith(`${prefix}${id}`) || !/\.(js|blob)$/.test(name)) continue;
    const file = path.join(folder, name);
    if (Date.now() - fs.statSync(file).mtimeMs > KEEP_OLD_BUILDS_MS) fs.rmSync(file, { force: true });
  }
}
