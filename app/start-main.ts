import { startupSnapshot } from "node:v8";

/**
 * Variables that libraries read while they load, whose build-time value a startup snapshot may
 * keep: debug switches of Node and of graceful-fs, readable-stream's and minimatch's test hooks,
 * and cdktf's TERRAFORM_BINARY_NAME (used only to check the Terraform version of resource moves,
 * which this project does not use).
 */
const READ_WHILE_LOADING = new Set([
  "NODE_DEBUG",
  "GRACEFUL_FS_PLATFORM",
  "TEST_GRACEFUL_FS_GLOBAL_PATCH",
  "READABLE_STREAM",
  "__MINIMATCH_TESTING_PLATFORM__",
  "TERRAFORM_BINARY_NAME",
]);

const envReads = new Set<string>();

// `app/start.cjs` bundles this module first, so the watch covers every module that loads after it.
if (startupSnapshot.isBuildingSnapshot()) {
  const env = process.env;
  const cwd = process.cwd;
  process.env = new Proxy(env, {
    get: (target, key) => {
      if (typeof key === "string" && !readByNode()) envReads.add(key);
      return Reflect.get(target, key);
    },
    has: (target, key) => {
      if (typeof key === "string" && !readByNode()) envReads.add(key);
      return Reflect.has(target, key);
    },
    ownKeys: (target) => {
      if (!readByNode()) envReads.add("(all of them)");
      return Reflect.ownKeys(target);
    },
  });
  startupSnapshot.addSerializeCallback(() => {
    process.env = env;
  });
  // graceful-fs (through cdktf) caches process.cwd() when it loads: the snapshot would keep the folder it was built in.
  startupSnapshot.addDeserializeCallback(() => {
    process.cwd = cwd;
  });
}

/**
 * Whether Node itself reads the variable (e.g. FORCE_COLOR to print a warning): it reads it
 * again at run time. Frames: the error, this function, the proxy's trap, then the reader.
 * While it builds a snapshot, Node removes Error.stackTraceLimit (no stacks) until the snapshot starts.
 */
function readByNode(): boolean {
  const limit = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");
  Error.stackTraceLimit = 4;
  const reader = new Error().stack?.split("\n")[3] ?? "";
  if (limit) Object.defineProperty(Error, "stackTraceLimit", limit);
  else Reflect.deleteProperty(Error, "stackTraceLimit");
  return /\(node:|at node:/.test(reader);
}

/**
 * Runs `main` now, or, while `node --build-snapshot` loads the bundle (`app/start.cjs`), when the
 * snapshot starts: the snapshot then holds every module loaded and main runs against the
 * environment, folder and arguments of the actual run.
 *
 * @param warmUp runs once while the snapshot is built, so that V8 and libraries compile what every
 *   run needs (zod compiles a parser per schema on its first parse). It must leave nothing behind
 *   but compiled code: no file, no module-level cache, no listener.
 * @throws Error when building a snapshot and a module read an environment variable while loading:
 *   the snapshot would freeze its build-time value
 */
export function startMain(main: () => void, warmUp: () => void = () => {}): void {
  if (!startupSnapshot.isBuildingSnapshot()) {
    main();
    return;
  }
  const frozen = [...envReads].filter((name) => !READ_WHILE_LOADING.has(name));
  if (frozen.length > 0) {
    throw new Error(
      `No startup snapshot: modules read ${frozen.join(", ")} while loading, and a snapshot would keep the values of its build; read them when main runs`,
    );
  }
  warmUp();
  startupSnapshot.setDeserializeMainFunction(() => {
    // As if node ran a script: argv[1] is the file it started (here the snapshot blob), arguments follow.
    const blob = process.execArgv.indexOf("--snapshot-blob");
    process.argv.splice(1, 0, blob >= 0 ? process.execArgv[blob + 1] : "");
    main();
  });
}
