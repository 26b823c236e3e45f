import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../tools/release/cli";
import type { SwapTarget } from "../../../tools/release/slot-swapper";
import { type FakeApp, healthy, startFakeApp } from "./fake-app-server";

const repo = join(__dirname, "..", "..", "..");
const outdir = join(__dirname, "fixtures", "synth");

function io() {
  const out = {
    log: [] as string[],
    error: [] as string[],
    subscriptions: [] as string[],
    swaps: [] as SwapTarget[],
  };
  return {
    out,
    io: {
      log: (line: string) => out.log.push(line),
      error: (line: string) => out.error.push(line),
      createSwapper: (subscriptionId: string) => {
        out.subscriptions.push(subscriptionId);
        return { swap: async (target: SwapTarget) => void out.swaps.push(target) };
      },
    },
  };
}

describe("release cli", () => {
  it("prints help and exits 0", async () => {
    const { out, io: cliIo } = io();
    expect(await main(["--help"], {}, cliIo)).toBe(0);
    expect(out.log.join("\n")).toContain("Usage: npm run release -- --env <name>");
  });

  it("reports flag, settings and target problems together, exits 1 and creates no swapper", async () => {
    const settings = join(mkdtempSync(join(tmpdir(), "release-cli-")), "release.json");
    writeFileSync(settings, JSON.stringify({ latency: { samples: -1 } }));
    const { out, io: cliIo } = io();
    const code = await main(
      ["--env", "test", "--outdir", outdir, "--settings", settings, "--bogus"],
      {},
      cliIo,
    );
    expect(code).toBe(1);
    expect(out.error).toHaveLength(1);
    expect(out.error[0].split("\n")).toEqual([
      "release: 4 problem(s):",
      "  - --bogus: unknown flag (see --help)",
      "  - --subscription: missing; pass it or set AZURE_SUBSCRIPTION_ID or ARM_SUBSCRIPTION_ID",
      "  - settings.latency.samples: -1 — Too small: expected number to be >0",
      expect.stringMatching(/^ {2}- --env: need exactly one stack ending in -test .* found none/),
    ]);
    expect(out.subscriptions).toEqual([]);
  });

  it("--dry-run prints the plan with targets resolved from the synthesized stack and calls nothing", async () => {
    const { out, io: cliIo } = io();
    expect(await main(["--env", "prod", "--outdir", outdir, "--dry-run"], {}, cliIo)).toBe(0);
    const plan = out.log.join("\n");
    expect(plan).toContain(`targets from ${join(outdir, "stacks", "shop-prod", "cdk.tf.json")}`);
    expect(plan).toContain(
      "version: not checked (no --expect-version, no IMAGE_TAG); status must be healthy",
    );
    expect(plan).toContain("1. wait for health: https://shop-api-prod-staging.azurewebsites.net/health");
    expect(plan).toContain(
      "4. swap shop-api-prod/staging <-> production in rg-shop-prod (subscription not set)",
    );
    expect(out.subscriptions).toEqual([]);
  });

  it("--dry-run --rollback prints the two rollback steps", async () => {
    const { out, io: cliIo } = io();
    const argv = ["--env", "prod", "--outdir", outdir, "--dry-run", "--rollback", "--subscription", "sub-1"];
    expect(await main(argv, { IMAGE_TAG: "9.9.9" }, cliIo)).toBe(0);
    expect(out.log.join("\n").split("\n").slice(2)).toEqual([
      "version: any (the previous build)",
      "  1. swap shop-api-prod/staging <-> production in rg-shop-prod (subscription sub-1)",
      "  2. wait for health: https://shop-api-prod.azurewebsites.net/health, any version",
    ]);
  });

  describe("a full release against local slots", () => {
    let staging: FakeApp;
    let production: FakeApp;
    beforeAll(async () => {
      staging = await startFakeApp((path) => (path === "/health" ? healthy("7.1.0") : { status: 204 }));
      production = await startFakeApp((path) => (path === "/health" ? healthy("7.1.0") : { status: 204 }));
    });
    afterAll(() => Promise.all([staging.close(), production.close()]));

    it("wires flags, settings, stack targets and the swapper together", async () => {
      const settings = join(mkdtempSync(join(tmpdir(), "release-cli-")), "release.json");
      writeFileSync(
        settings,
        JSON.stringify({
          criticalPaths: [{ path: "/api/items", expectedStatus: 204 }],
          latency: { samples: 3 },
        }),
      );
      const argv = ["--env", "prod", "--outdir", outdir, "--settings", settings];
      const urls = ["--staging-url", staging.url, "--production-url", production.url];
      const { out, io: cliIo } = io();
      const env = { IMAGE_TAG: "7.1.0", ARM_SUBSCRIPTION_ID: "sub-arm" };
      expect(await main([...argv, ...urls], env, cliIo)).toBe(0);
      expect(out.subscriptions).toEqual(["sub-arm"]);
      expect(out.swaps).toEqual([
        { resourceGroup: "rg-shop-prod", appName: "shop-api-prod", slot: "staging" },
      ]);
      expect(staging.hits.filter((p) => p === "/api/items")).toHaveLength(4);
      expect(out.log.join("\n")).toContain('healthy, version "7.1.0"');
    });
  });

  it("runs as a command: a bad invocation exits 1 with the problem list and no stack trace", () => {
    const tsx = join(repo, "node_modules", ".bin", "tsx");
    const result = spawnSync(tsx, ["tools/release/cli.ts", "--env"], {
      cwd: repo,
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--env: needs a value");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
  });
});
