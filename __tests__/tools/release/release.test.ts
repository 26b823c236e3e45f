import { ExitCode } from "../../../tools/release/exit-codes";
import { runRelease, runRollback } from "../../../tools/release/release";
import type { ReleaseTargets } from "../../../tools/release/release-targets";
import type { SlotSwapper, SwapTarget } from "../../../tools/release/slot-swapper";
import { type FakeApp, healthy, startFakeApp } from "./fake-app-server";
import { fastSettings } from "./test-settings";

/** A build as a slot serves it; `brokenInProduction` models e.g. a production-only sticky setting. */
interface Build {
  version: string;
  broken?: boolean;
  brokenInProduction?: boolean;
}

/** Two real servers, staging and production, and a swapper that exchanges their builds like Azure does. */
class FakeAppService implements SlotSwapper {
  readonly swaps: SwapTarget[] = [];
  readonly serving: Record<"staging" | "production", Build>;
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
  }

  close(): Promise<unknown> {
    return Promise.all([this.staging.close(), this.production.close()]);
  }

  private answer(slot: "staging" | "production", path: string) {
    const build = this.serving[slot];
    if (build.broken || (slot === "production" && build.brokenInProduction)) return { status: 500 };
    return path === "/health" ? healthy(build.version) : { status: 200 };
  }
}

let azure: FakeAppService;
let lines: string[];
afterEach(() => azure.close());

async function startAzure(staging: Build, production: Build): Promise<void> {
  azure = await new FakeAppService(staging, production).start();
}

function context(expectedVersion?: string, gates: unknown[] = []) {
  lines = [];
  const targets: ReleaseTargets = {
    resourceGroup: "rg-shop-prod",
    appName: "shop-api-prod",
    slot: "staging",
    stagingUrl: azure.staging.url,
    productionUrl: azure.production.url,
    source: "test",
  };
  const settings = fastSettings({ criticalPaths: [{ path: "/api/items" }], gates });
  return { targets, settings, expectedVersion, swapper: azure, log: (line: string) => lines.push(line) };
}

const target = { resourceGroup: "rg-shop-prod", appName: "shop-api-prod", slot: "staging" };

describe("runRelease", () => {
  it("swaps exactly once and leaves the new build in production when everything passes", async () => {
    await startAzure({ version: "2.0.0" }, { version: "1.0.0" });
    const code = await runRelease(context("2.0.0"));
    expect(code).toBe(ExitCode.Ok);
    expect(azure.swaps).toEqual([target]);
    expect(azure.serving.production.version).toBe("2.0.0");
    const output = lines.join("\n");
    expect(output).toMatch(
      /^swap +shop-api-prod\/staging <-> production \(rg-shop-prod\) +ok +\d+ ms +swapped$/m,
    );
    expect(output).toMatch(/^latency probe +production http:\/\/127\.0\.0\.1:\d+ +ok /m);
    expect(output).toContain("exit 0: done");
  });

  it("never swaps when staging reports the wrong version, and never touches production", async () => {
    await startAzure({ version: "1.9.0" }, { version: "1.0.0" });
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.StagingFailed);
    expect(azure.swaps).toEqual([]);
    expect(azure.production.hits).toEqual([]);
    expect(lines.join("\n")).toContain('version is "1.9.0", expected "2.0.0"');
  });

  it("never swaps when staging fails, and says when the version is not checked", async () => {
    await startAzure({ version: "2.0.0", broken: true }, { version: "1.0.0" });
    expect(await runRelease(context())).toBe(ExitCode.StagingFailed);
    expect(azure.swaps).toEqual([]);
    expect(lines[0]).toBe("version: not checked (no --expect-version, no IMAGE_TAG); status must be healthy");
  });

  it("never swaps when a gate fails, and runs gates only after staging passed", async () => {
    await startAzure({ version: "2.0.0" }, { version: "1.0.0" });
    const gates = [
      { name: "contract", command: process.execPath, args: ["-e", "process.exit(0)"] },
      { name: "load", command: process.execPath, args: ["-e", "process.exit(3)"] },
    ];
    expect(await runRelease(context("2.0.0", gates))).toBe(ExitCode.StagingFailed);
    expect(azure.swaps).toEqual([]);
    const output = lines.join("\n");
    expect(output.indexOf("→ latency probe: staging")).toBeLessThan(output.indexOf("→ gate contract"));
    expect(output).toMatch(/^gate load +staging .* FAILED .* exited with 3$/m);
  });

  it("swaps back exactly once when production fails after the swap", async () => {
    await startAzure({ version: "2.0.0", brokenInProduction: true }, { version: "1.0.0" });
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.RolledBack);
    expect(azure.swaps).toEqual([target, target]);
    expect(azure.serving.production.version).toBe("1.0.0");
    expect(lines.join("\n")).toMatch(/^swap back +.* ok /m);
  });

  it("exits 4 when the swap back fails", async () => {
    await startAzure({ version: "2.0.0", brokenInProduction: true }, { version: "1.0.0" });
    azure.failSwapNumber = 2;
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.RollbackFailed);
    expect(azure.swaps).toHaveLength(2);
    expect(lines.join("\n")).toContain("ROLLBACK FAILED");
  });

  it("exits 4 when production is still unhealthy after the swap back", async () => {
    await startAzure(
      { version: "2.0.0", brokenInProduction: true },
      { version: "1.0.0", brokenInProduction: true },
    );
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.RollbackFailed);
    expect(azure.swaps).toHaveLength(2);
  });

  it("exits 5 without swapping back or checking production when the swap itself fails", async () => {
    await startAzure({ version: "2.0.0" }, { version: "1.0.0" });
    azure.failSwapNumber = 1;
    expect(await runRelease(context("2.0.0"))).toBe(ExitCode.SwapFailed);
    expect(azure.swaps).toHaveLength(1);
    expect(azure.production.hits).toEqual([]);
    expect(lines.join("\n")).toContain("Conflict: another swap is in progress");
  });
});

describe("runRollback", () => {
  it("swaps once and checks production health, whatever its version", async () => {
    await startAzure({ version: "1.0.0" }, { version: "2.0.0" });
    expect(await runRollback(context("2.0.0"))).toBe(ExitCode.Ok);
    expect(azure.swaps).toEqual([target]);
    expect(azure.production.hits).toEqual(["/health"]);
  });

  it("exits 4 when the swap fails", async () => {
    await startAzure({ version: "1.0.0" }, { version: "2.0.0" });
    azure.failSwapNumber = 1;
    expect(await runRollback(context())).toBe(ExitCode.RollbackFailed);
  });
});
