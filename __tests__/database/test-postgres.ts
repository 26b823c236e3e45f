import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where Debian's postgresql-15 package puts the server programs (.ci/run installs it). */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

/** How long the server may take to accept connections on a loaded machine: a bound, never an assertion. */
const STARTUP_POLLS = 240;
const POLL_INTERVAL_MS = 500;

/** Why a local server cannot run here, or undefined when it can. */
export function postgresUnavailable(): string | undefined {
  for (const program of ["initdb", "pg_ctl", "pg_isready", "psql"]) {
    if (!existsSync(join(POSTGRES_BIN, program))) {
      return `${join(POSTGRES_BIN, program)} is missing (Debian package postgresql-15; .ci/run installs it)`;
    }
  }
  if (process.getuid?.() === 0 && serverUser() === undefined) {
    return "running as root, and neither a 'postgres' nor a 'nobody' user exists to run the server (initdb refuses root)";
  }
  return undefined;
}

/** initdb and postgres refuse to run as root: as root, the server runs as an unprivileged user. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (!existsSync("/usr/sbin/runuser") && !existsSync("/sbin/runuser")) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
      return { name, uid, gid };
    } catch {
      // No such user: try the next.
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PsqlResult {
  readonly ok: boolean;
  /** Rows, one per line, columns separated by '|'. */
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A throwaway PostgreSQL server on a free loopback port in a temporary folder, password
 * authentication (scram-sha-256) for every TCP connection, like a managed server. The bootstrap
 * superuser stands in for the cloud operator (Azure's azuresu).
 */
export class TestPostgres {
  readonly superuser = "bootstrap";
  private readonly superuserPassword = `Su${Math.random().toString(36).slice(2)}x1`;
  private dir?: string;
  private port = 0;
  private readonly user = serverUser();

  private get dataDir(): string {
    return join(this.dir as string, "data");
  }

  /** Runs a server program, as the unprivileged user when this process is root. */
  private run(program: string, args: string[]): void {
    const command = this.user ? "runuser" : join(POSTGRES_BIN, program);
    const argv = this.user ? ["-u", this.user.name, "--", join(POSTGRES_BIN, program), ...args] : args;
    const result = spawnSync(command, argv, { cwd: this.dir, encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(`${program} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
    }
  }

  /**
   * Where the server's folder goes: the run's temporary folder, unless the server's user cannot
   * reach it (a folder made by root with mode 0700), then /tmp.
   */
  private baseDir(): string {
    if (!this.user) return tmpdir();
    const reachable = spawnSync("runuser", ["-u", this.user.name, "--", "test", "-x", tmpdir()]).status === 0;
    return reachable ? tmpdir() : "/tmp";
  }

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(this.baseDir(), "pg-slot-logins-"));
    const passwordFile = join(this.dir, "superuser-password");
    writeFileSync(passwordFile, `${this.superuserPassword}\n`, { mode: 0o600 });
    if (this.user) {
      chownSync(this.dir, this.user.uid, this.user.gid);
      chownSync(passwordFile, this.user.uid, this.user.gid);
    }
    this.port = await freePort();
    this.run("initdb", [
      "-D",
      this.dataDir,
      "-U",
      this.superuser,
      "--auth=scram-sha-256",
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--no-locale",
      // A throwaway server: durability is not what the tests prove, and syncing costs a third of the set-up.
      "--no-sync",
    ]);
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    this.run("pg_ctl", [
      "-D",
      this.dataDir,
      "-l",
      join(this.dir, "server.log"),
      "-o",
      options,
      "-w",
      "-t",
      "120",
      "start",
    ]);
    for (let poll = 0; poll < STARTUP_POLLS; poll++) {
      const ready = spawnSync(join(POSTGRES_BIN, "pg_isready"), ["-h", "127.0.0.1", "-p", String(this.port)]);
      if (ready.status === 0) return;
      await sleep(POLL_INTERVAL_MS);
    }
    throw new Error(`the test server on port ${this.port} did not accept connections`);
  }

  /** Stops the server (if it runs) and removes its folder. */
  stop(): void {
    if (!this.dir) return;
    try {
      if (existsSync(join(this.dataDir, "postmaster.pid")))
        this.run("pg_ctl", ["-D", this.dataDir, "-m", "immediate", "stop"]);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
      this.dir = undefined;
    }
  }

  /** Runs `sql` as `user` in `database` over TCP with a password; never throws. */
  psql(user: string, password: string, database: string, sql: string): PsqlResult {
    const result = spawnSync(
      join(POSTGRES_BIN, "psql"),
      [
        "-X",
        "-q",
        "-t",
        "-A",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        "127.0.0.1",
        "-p",
        String(this.port),
        "-U",
        user,
        "-d",
        database,
        "-c",
        sql,
      ],
      { encoding: "utf8", env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: "60" } },
    );
    return { ok: result.status === 0, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
  }

  /** Runs `sql` as the bootstrap superuser; throws on failure. */
  asSuperuser(database: string, sql: string): string {
    const result = this.psql(this.superuser, this.superuserPassword, database, sql);
    if (!result.ok) throw new Error(`superuser SQL failed: ${result.stderr}`);
    return result.stdout;
  }
}
