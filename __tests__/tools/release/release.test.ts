import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExitCode } from "../../../tools/release/exit-codes";
import { type ReleaseContext, runRelease, runRollback } from "../../../tools/release/release";
import type { ReleaseReport } from "../../../tools/release/release-report";
import type { ReleaseTargets } from "../../../tools/release/release-targets";
import type { SlotSwapper, SwapTarget } from "../../../tools/release/slot-swapper";
import { type FakeApp, healthy, startFakeApp } from "./fake-app-server";
import { FakeClock, realHttpTimedBy } from "./fake-probe-io";
import { testSettings } from "./test-settings";

type Slot = "staging" | "production";

/** How a build behaves: its latency (health always answers in 20 ms) and its errors. */
interface Behaviour {
  /** Every path but /health, in ms of decided time. @default 100 */
  latencyMs?: number;
  /** Every n-th request the slot serves answers 500: 10 is 10 % of errors, 33 is 3 %. */
  errorEvery?: number;
  /** Every request answers 500. */
  broken?: boolean;
}

/** A build as a slot serves it; `inProduction` models e.g. a production-only sticky setting. */
interface Build extends Behaviour {
  version: string;
  inProduction?: Behaviour;
}

const HEALTH_MS = 20;

/**
 * Two real servers, staging and production, and a swapper that exchanges their builds like
 * Azure does. Statuses and bodies are served over HTTP; durations are the builds' decided
 * latencies, so no verdict depends on how fast this machine answers.
 */
class FakeAppService implements SlotSwapper {
  readonly swaps: SwapTarget[] = [];
  readonly serving: Record<Slot, Build>;
  /** Requests served since the slot's build last changed. */
  private readonly served: Record<Slot, number> = { staging: 0, production: 0 };
  failSwapNumber?: number;
  staging!: FakeApp;
  production!: FakeApp;

  constructor(staging: Build, production: Build) {
    this.serving = { staging, production };
  }

  async start(): Promise<this> {
    this.staging = await startFakeApp((path) => this.answer("staging", path));
    this.production = await startFakeApp((path) => this.answer("production", path));
    return this;
  }

  async swap(target: SwapTarget): Promise<void> {
    this.swaps.push(target);
    if (this.swaps.length === this.failSwapNumber) throw new Error("Conflict: another swap is in progress");
    [this.serving.staging, this.serving.production] = [this.serving.production, this.serving.staging];
    this.served.staging = 0;
    this.served.production = 0;
  }

  close(): Promise<unknown> {
    return Promise.all([this.staging.close(), this.production.close()]);
  }

  /** The decided duration of a request to `url`, from the build its slot serves. */
  durationOf(url: string): number {
    const slot: Slot = url.startsWith(this.staging.url) ? "staging" : "production";
    return new URL(url).pathname === "/health" ? HEALTH_MS : (this.behaviour(slot).latencyMs ?? 100);
  }

  private behaviour(slot: Slot): Behaviour {
    const build = this.serving[slot];
    return slot === "production" ? { ...build, ...build.inProduction } : build;
  }

  private answer(slot: Slot, path: string) {
    const { broken, errorEvery } = this.behaviour(slot);
    const served = ++this.served[slot];
    if (broken || (errorEvery !== undefined && served % errorEvery === 0)) return { status: 500 };
    return path === "/health" ? healthy(this.serving[slot].version) : { status: 200 };
  }
}

let azure: FakeAppService;
let lines: string[];
afterEach(() => azure.close());

async function startAzure(staging: Build, production: Build): Promise<void> {
  azure = await new FakeAppService(staging, production).start();
}

/** 20 samples per path (40 requests per latency probe), 60 load requests from 4 clients. */
function context(expectedVersion?: string, overrides: Partial<ReleaseContext> = {}, gates: unknown[] = []) {
  lines = [];
  const targets: ReleaseTargets = {
    resourceGroup: "rg-shop-prod",
    appName: "shop-api-prod",
    slot: "staging",
    stagingUrl: azure.staging.url,
    productionUrl: azure.production.url,
    source: "test",
  };
  const settings = testSettings({
    criticalPaths: [{ path: "/api/items" }],
    latency: { samples: 20 },
    load: { concurrency: 4, requests: 60 },
    gates,
  });
  return {
    targets,
    settings,
    expectedVersion,
    swapper: azure,
    io: { http: realHttpTimedBy((url) => azure.durationOf(url)), clock: new FakeClock() },
    log: (line: string) => lines.push(line),
    ...overrides,
  };
}

const target = { resourceGroup: "rg-shop-prod", appName: "shop-api-prod", slot: "staging" };
const output = () => lines.join("\n");

describe("runRelease decides like the runbook", () => {
  it("goes through at 3 % errors: swaps once and leaves the new build in production", async () => {
    await startAzure({ version: "2.0.0", errorEvery: 33 }, { version: "1.0.0" });
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.Ok);
    expect(azure.swaps).toEqual([target]);
    expect(azure.serving.production.version).toBe("2.0.0");
    // The errors were served and counted: 1 of 40, 2 of 60, 1 of 40.
    expect(output()).toMatch(/^staging +latency +40 +2\.5 % +20 ms +100 ms +100 ms +ok$/m);
    expect(output()).toMatch(/^staging +load +60 +3\.3 % +\d+ ms +100 ms +- +ok$/m);
    expect(output()).toMatch(/^production +latency +40 +2\.5 % +20 ms +100 ms +100 ms +ok$/m);
    expect(output()).toMatch(
      /^swap +shop-api-prod\/staging <-> production \(rg-shop-prod\) +ok +\d+ ms +swapped$/m,
    );
    expect(output()).toMatch(/exit 0: done$/);
  });

  it("rolls back at 10 % errors in production after the swap", async () => {
    await startAzure({ version: "2.0.0", inProduction: { errorEvery: 10 } }, { version: "1.0.0" });
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.RolledBack);
    expect(azure.swaps).toEqual([target, target]);
    expect(azure.serving.production.version).toBe("1.0.0");
    // The probe stops at the 3rd error: 40 planned at 5 % allow 2.
    expect(output()).toMatch(
      /^production +latency +27 +11\.1 % +.* FAILED: errors 11\.1 % \(3 of 27\) > 5 %, first: \/health answered 500, expected 200$/m,
    );
    expect(output()).toMatch(/^swap back +.* ok /m);
  });

  it("rolls back at a production P95 of 3x the baseline, though under the absolute limit", async () => {
    await startAzure({ version: "2.0.0", inProduction: { latencyMs: 300 } }, { version: "1.0.0" });
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.RolledBack);
    expect(azure.swaps).toEqual([target, target]);
    expect(output()).toMatch(/^baseline +latency +40 +0\.0 % +20 ms +100 ms +- +ok$/m);
    expect(output()).toMatch(
      /^production +latency +40 +0\.0 % +20 ms +300 ms +100 ms +FAILED: p95 300 ms > 2 x baseline 100 ms = 200 ms$/m,
    );
  });

  it("never swaps when staging has 10 % errors or a P95 of 3x the baseline", async () => {
    await startAzure({ version: "2.0.0", errorEvery: 10 }, { version: "1.0.0" });
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.StagingFailed);
    expect(azure.swaps).toEqual([]);
    expect(output()).toMatch(/^staging +latency +27 +11\.1 % .* FAILED: errors 11\.1 %/m);
    await azure.close();

    await startAzure({ version: "2.0.0", latencyMs: 300 }, { version: "1.0.0" });
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.StagingFailed);
    expect(azure.swaps).toEqual([]);
    expect(output()).toContain("FAILED: p95 300 ms > 2 x baseline 100 ms = 200 ms");
  });

  it("stops with exit 2 and the reason when production cannot be measured before the release", async () => {
    await startAzure({ version: "2.0.0" }, { version: "1.0.0", broken: true });
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.StagingFailed);
    expect(azure.swaps).toEqual([]);
    expect(azure.staging.hits).toEqual([]);
    expect(output()).toMatch(
      /^baseline latency probe +production http:\S+ +FAILED +\d+ ms +cannot measure production before the release: errors 100\.0 % \(3 of 3\) > 5 %, first: \/health answered 500, expected 200; no request answered as expected/m,
    );
  });

  it("fails the load probe on staging when its P95 reaches p95ThresholdMs", async () => {
    await startAzure({ version: "2.0.0", latencyMs: 150 }, { version: "1.0.0", latencyMs: 100 });
    const ctx = context("2.0.0");
    const settings = { ...ctx.settings, load: { ...ctx.settings.load, p95ThresholdMs: 150 } };
    expect(await runRelease({ ...ctx, settings })).toBe(ExitCode.StagingFailed);
    expect(output()).toMatch(/^staging +load +60 +0\.0 % +.* FAILED: p95 150 ms ≥ limit 150 ms$/m);
  });
});

describe("runRelease: the procedure", () => {
  it("never swaps when staging reports the wrong version, and touches production only to measure it", async () => {
    await startAzure({ version: "1.9.0" }, { version: "1.0.0" });
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.StagingFailed);
    expect(azure.swaps).toEqual([]);
    expect(azure.production.hits).toEqual([...Array(20).fill("/health"), ...Array(20).fill("/api/items")]);
    expect(output()).toContain('version is "1.9.0", expected "2.0.0"');
  });

  it("says when the version is not checked", async () => {
    await startAzure({ version: "2.0.0", broken: true }, { version: "1.0.0" });
    expect(await runRelease(context())).toBe(ExitCode.StagingFailed);
    expect(lines[0]).toBe(
      "version: not checked (no --expect-version, no IMAGE_TAG, no synthesized image tag); status must be healthy",
    );
  });

  it("never swaps when a gate fails, and runs gates only after the staging probes passed", async () => {
    await startAzure({ version: "2.0.0" }, { version: "1.0.0" });
    const gates = [
      { name: "contract", command: "/bin/sh", args: ["-c", "exit 0"] },
      { name: "load", command: "/bin/sh", args: ["-c", "exit 3"] },
    ];
    expect(await runRelease(context("2.0.0", {}, gates))).toBe(ExitCode.StagingFailed);
    expect(azure.swaps).toEqual([]);
    expect(output().indexOf("→ load probe: staging")).toBeLessThan(output().indexOf("→ gate contract"));
    expect(output()).toMatch(/^gate load +staging .* FAILED .* exited with 3$/m);
  });

  it("exits 4 when the swap back fails", async () => {
    await startAzure({ version: "2.0.0", inProduction: { broken: true } }, { version: "1.0.0" });
    azure.failSwapNumber = 2;
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.RollbackFailed);
    expect(azure.swaps).toHaveLength(2);
    expect(output()).toContain("ROLLBACK FAILED");
  });

  it("exits 4 when production is still unhealthy after the swap back", async () => {
    await startAzure({ version: "2.0.0", inProduction: { broken: true } }, { version: "1.0.0" });
    // The old build breaks once it is back in production (e.g. a changed dependency).
    const ctx = context("2.0.0");
    const swapper: SlotSwapper = {
      swap: async (t) => {
        await azure.swap(t);
        if (azure.swaps.length === 2) azure.serving.production.broken = true;
      },
    };
    expect(await runRelease({ ...ctx, swapper })).toBe(ExitCode.RollbackFailed);
    expect(azure.swaps).toHaveLength(2);
  });

  it("exits 5 without swapping back or checking production when the swap itself fails", async () => {
    await startAzure({ version: "2.0.0" }, { version: "1.0.0" });
    azure.failSwapNumber = 1;
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.SwapFailed);
    expect(azure.swaps).toHaveLength(1);
    expect(azure.production.hits).toHaveLength(40); // the baseline only
    expect(output()).toContain("Conflict: another swap is in progress");
  });
});

describe("the report", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "release-report-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("--report-file holds the phase table, the steps and the verdict as JSON", async () => {
    await startAzure({ version: "2.0.0", inProduction: { latencyMs: 300 } }, { version: "1.0.0" });
    const reportFile = join(dir, "release.json");
    expect(await runRelease(context("2.0.0", { reportFile }))).toBe(ExitCode.RolledBack);
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as ReleaseReport;
    expect(report).toMatchObject({
      mode: "release",
      exitCode: 3,
      result: "production verification failed; swapped back, production is healthy",
      expectedVersion: "2.0.0",
      targets: { appName: "shop-api-prod", slot: "staging" },
      baselineP95Ms: 100,
    });
    const row = (phase: string, probe: string) =>
      report.phases.find((p) => p.phase === phase && p.probe === probe);
    expect(report.phases.map((p) => `${p.phase} ${p.probe}`)).toEqual([
      "baseline latency",
      "staging latency",
      "staging load",
      "production latency",
    ]);
    expect(row("staging", "load")).toEqual({
      phase: "staging",
      probe: "load",
      target: azure.staging.url,
      requests: 60,
      errors: 0,
      errorRatePercent: 0,
      p50Ms: 20,
      p95Ms: 100,
      baselineP95Ms: null,
      ok: true,
      problems: [],
    });
    expect(row("production", "latency")).toMatchObject({
      p95Ms: 300,
      baselineP95Ms: 100,
      ok: false,
      problems: ["p95 300 ms > 2 x baseline 100 ms = 200 ms"],
    });
    expect(report.steps.map((s) => `${s.step}: ${s.ok}`)).toEqual([
      "baseline latency probe: true",
      "wait for health: true",
      "smoke tests: true",
      "latency probe: true",
      "load probe: true",
      "swap: true",
      "wait for health: true",
      "smoke tests: true",
      "latency probe: false",
      "swap back: true",
      "wait for health: true",
    ]);
    expect(output()).toContain(`report written to ${reportFile}`);
  });

  it("a report that cannot be written is said, and the exit code stays the release's", async () => {
    await startAzure({ version: "2.0.0" }, { version: "1.0.0" });
    const reportFile = join(dir, "missing", "release.json");
    expect(await runRelease(context("2.0.0", { reportFile }))).toBe(ExitCode.Ok);
    expect(output()).toContain(`could not write the report to ${reportFile}: ENOENT`);
  });
});

describe("runRollback", () => {
  it("swaps once and checks production health, whatever its version", async () => {
    await startAzure({ version: "1.0.0" }, { version: "2.0.0" });
    expect(await runRollback(context("2.0.0"))).toBe(ExitCode.Ok);
    expect(azure.swaps).toEqual([target]);
    expect(azure.production.hits).toEqual(["/health"]);
    expect(output()).toContain("no probe ran");
  });

  it("exits 4 when the swap fails", async () => {
    await startAzure({ version: "1.0.0" }, { version: "2.0.0" });
    azure.failSwapNumber = 1;
    expect(await runRollback(context())).toBe(ExitCode.RollbackFailed);
  });
});
