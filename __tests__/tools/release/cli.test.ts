import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeReleaseFiles } from "../../../app/release-files";
import { loadConfig } from "../../../config/load-config";
import { type CliIo, main } from "../../../tools/release/cli";
import type { SwapTarget } from "../../../tools/release/slot-swapper";
import { REPO_ROOT, runEntryPoint } from "../../run-entry-point";
import { type FakeApp, healthy, startFakeApp } from "./fake-app-server";
import { FakeClock, realHttpTimedBy } from "./fake-probe-io";

function io() {
  const out = {
    log: [] as string[],
    error: [] as string[],
    subscriptions: [] as string[],
    swaps: [] as SwapTarget[],
  };
  const cliIo: CliIo = {
    log: (line) => out.log.push(line),
    error: (line) => out.error.push(line),
    createSwapper: (subscriptionId) => {
      out.subscriptions.push(subscriptionId);
      return { swap: async (target) => void out.swaps.push(target) };
    },
    // Every request takes 30 ms of decided time: no verdict depends on this machine's speed.
    probes: { http: realHttpTimedBy(() => 30), clock: new FakeClock() },
  };
  return { out, io: cliIo };
}

/** A temporary folder with what `npm run synth` writes for the release tool (the default config). */
let work: string;
let outdir: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "release-cli-"));
  outdir = join(work, "cdktf.out");
  writeReleaseFiles(outdir, loadConfig({ IMAGE_TAG: "1.4.2" }), REPO_ROOT);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("release cli", () => {
  it("prints help and exits 0", async () => {
    const { out, io: cliIo } = io();
    expect(await main(["--help"], {}, cliIo)).toBe(0);
    expect(out.log.join("\n")).toContain("Usage: npm run release -- --env <name>");
  });

  it("reports flag, settings and target problems together, exits 1 and creates no swapper", async () => {
    const settings = join(work, "bad-settings.json");
    writeFileSync(settings, JSON.stringify({ latency: { samples: -1 }, load: { concurrency: 0 } }));
    const { out, io: cliIo } = io();
    const argv = ["--env", "test", "--outdir", outdir, "--settings", settings, "--bogus"];
    expect(await main([...argv, "--report-file", join(work, "no", "r.json")], {}, cliIo)).toBe(1);
    expect(out.error).toHaveLength(1);
    expect(out.error[0].split("\n")).toEqual([
      "release: 6 problem(s):",
      "  - --bogus: unknown flag (see --help)",
      "  - --subscription: missing; pass it or set AZURE_SUBSCRIPTION_ID or ARM_SUBSCRIPTION_ID",
      "  - settings.latency.samples: -1 — Too small: expected number to be >0",
      "  - settings.load.concurrency: 0 — must be 1-100 clients",
      `  - --env: no ${join(outdir, "release", "test.json")} (it wrote dev, prod); run \`npm run synth\` with the config that has test (ENVIRONMENTS narrows what it writes), or pass --resource-group and --app-name`,
      `  - --report-file: the folder of ${join(work, "no", "r.json")} does not exist`,
    ]);
    expect(out.subscriptions).toEqual([]);
  });

  it("lists a broken release file once, not also as a missing one", async () => {
    const broken = join(work, "broken");
    writeReleaseFiles(broken, loadConfig({ IMAGE_TAG: "1.4.2" }), REPO_ROOT);
    writeFileSync(join(broken, "release", "prod.json"), "{}");
    const { out, io: cliIo } = io();
    expect(await main(["--env", "prod", "--outdir", broken, "--dry-run"], {}, cliIo)).toBe(1);
    const problems = out.error[0].split("\n").slice(1);
    expect(problems[0]).toBe(
      `  - ${join(broken, "release", "prod.json")} environment: (missing) — Invalid input: expected string, received undefined`,
    );
    expect(problems.at(-1)).toBe(
      `  - ${join(broken, "release", "prod.json")}: not what this version's synth writes; run \`npm run synth\` again`,
    );
  });

  it("refuses a flag that contradicts the synth, exit 1", async () => {
    const { out, io: cliIo } = io();
    const argv = ["--env", "prod", "--outdir", outdir, "--dry-run", "--app-name", "app-shop-prod-api"];
    expect(await main(argv, {}, cliIo)).toBe(1);
    expect(out.error[0]).toContain(
      `--app-name: "app-shop-prod-api" contradicts the synth, whose ${join(outdir, "release", "prod.json")} says "app-contoso-prod-api"`,
    );
  });

  it("--dry-run prints the plan from the synthesized release file and calls nothing", async () => {
    const { out, io: cliIo } = io();
    expect(await main(["--env", "prod", "--outdir", outdir, "--dry-run"], {}, cliIo)).toBe(0);
    const file = join(outdir, "release", "prod.json");
    expect(out.log.join("\n").split("\n")).toEqual([
      "Dry run: release plan, nothing is called",
      `targets from ${file}, settings from ${file}`,
      "version: 1.4.2",
      "  1. baseline latency probe on production https://app-contoso-prod-api.azurewebsites.net: 20 requests per path, errors ≤ 5 %; if production cannot be measured, stop",
      "  2. wait for health: https://app-contoso-prod-api-staging.azurewebsites.net/health (staging; up to 20 attempts within 600 s)",
      "  3. smoke tests on staging: /health -> healthy",
      "  4. latency probe on staging: 20 requests per path, p95 < 500 ms and ≤ 2 x baseline, health p95 < 100 ms, errors ≤ 5 %",
      "  5. load probe on staging: 10 clients, 200 requests, p95 < 500 ms, errors ≤ 5 %",
      "  6. swap app-contoso-prod-api/staging <-> production in rg-contoso-prod (subscription not set)",
      "  7. wait for health: https://app-contoso-prod-api.azurewebsites.net/health (production; up to 20 attempts within 600 s)",
      "  8. smoke tests on production: /health -> healthy",
      "  9. latency probe on production: 20 requests per path, p95 < 500 ms and ≤ 2 x baseline, health p95 < 100 ms, errors ≤ 5 %",
      "  10. on failure: swap app-contoso-prod-api/staging <-> production in rg-contoso-prod (subscription not set), then wait for health: https://app-contoso-prod-api.azurewebsites.net/health, any version",
    ]);
    expect(out.subscriptions).toEqual([]);
  });

  it("--dry-run --rollback prints the two rollback steps", async () => {
    const { out, io: cliIo } = io();
    const argv = ["--env", "prod", "--outdir", outdir, "--dry-run", "--rollback", "--subscription", "sub-1"];
    expect(await main(argv, {}, cliIo)).toBe(0);
    expect(out.log.join("\n").split("\n").slice(2)).toEqual([
      "version: any (the previous build)",
      "  1. swap app-contoso-prod-api/staging <-> production in rg-contoso-prod (subscription sub-1)",
      "  2. wait for health: https://app-contoso-prod-api.azurewebsites.net/health, any version",
    ]);
  });

  it("without a release file, --resource-group and --app-name say where, with default settings", async () => {
    const { out, io: cliIo } = io();
    const argv = ["--env", "qa", "--outdir", join(work, "none"), "--dry-run"];
    expect(await main([...argv, "--resource-group", "rg-qa", "--app-name", "api-qa"], {}, cliIo)).toBe(0);
    expect(out.log[0].split("\n").slice(1, 3)).toEqual([
      "targets from flags, settings from the defaults",
      "version: not checked (no --expect-version, no IMAGE_TAG, no synthesized image tag); status must be healthy",
    ]);
  });

  describe("a full release against local slots", () => {
    let staging: FakeApp;
    let production: FakeApp;
    beforeAll(async () => {
      // The fake swapper exchanges nothing, so production already serves the new build.
      staging = await startFakeApp((path) => (path === "/health" ? healthy("7.1.0") : { status: 204 }));
      production = await startFakeApp((path) => (path === "/health" ? healthy("7.1.0") : { status: 204 }));
    });
    afterAll(() => Promise.all([staging.close(), production.close()]));

    it("wires flags, settings, synthesized targets, the swapper and the report together", async () => {
      const settings = join(work, "release.json");
      writeFileSync(
        settings,
        JSON.stringify({
          criticalPaths: [{ path: "/api/items", expectedStatus: 204 }],
          latency: { samples: 3 },
          load: { concurrency: 2, requests: 4 },
        }),
      );
      const reportFile = join(work, "report.json");
      const argv = ["--env", "prod", "--outdir", outdir, "--settings", settings, "--report-file", reportFile];
      const urls = ["--staging-url", staging.url, "--production-url", production.url];
      const { out, io: cliIo } = io();
      const env = { ARM_SUBSCRIPTION_ID: "sub-arm" };
      expect(await main([...argv, ...urls, "--expect-version", "7.1.0"], env, cliIo)).toBe(0);
      expect(out.subscriptions).toEqual(["sub-arm"]);
      expect(out.swaps).toEqual([
        { resourceGroup: "rg-contoso-prod", appName: "app-contoso-prod-api", slot: "staging" },
      ]);
      // smoke 1 + latency 3 + load 2 of the 4 requests.
      expect(staging.hits.filter((p) => p === "/api/items")).toHaveLength(6);
      expect(out.log.join("\n")).toContain('healthy, version "7.1.0"');
      const report = JSON.parse(readFileSync(reportFile, "utf8"));
      expect(report.exitCode).toBe(0);
      expect(report.baselineP95Ms).toBe(30);
    });
  });

  it("runs as `npm run release` does: a bad invocation exits 1 with the problem list and no stack trace", () => {
    const result = runEntryPoint("tools/release/cli.ts", ["--env"], {});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--env: needs a value");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
  });
});

describe("npm run synth, then npm run release, both bundled", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("releases an environment of whatever config was synthesized, without APP_CONFIG_FILE", () => {
    const configFile = join(dir, "config.json");
    writeFileSync(
      configFile,
      JSON.stringify({
        app: { name: "shop", location: "northeurope" },
        image: { tag: "5.0.0", build: false },
        environments: {
          qa: {
            plan: { sku: "S1" },
            slots: ["staging"],
            release: {
              criticalPaths: [{ path: "/orders", expectedStatus: 401 }],
              latency: { latencyFactor: 3 },
            },
          },
        },
      }),
    );
    const outdir = join(dir, "cdktf.out");
    const synth = runEntryPoint("main.ts", [], { APP_CONFIG_FILE: configFile, CDKTF_OUTDIR: outdir });
    expect(synth.stderr).toBe("");
    expect(synth.status).toBe(0);

    const release = runEntryPoint(
      "tools/release/cli.ts",
      ["--env", "qa", "--outdir", outdir, "--dry-run"],
      {},
    );
    expect(release.stderr).toBe("");
    expect(release.status).toBe(0);
    expect(release.stdout).toContain("version: 5.0.0");
    expect(release.stdout).toContain("smoke tests on staging: /health -> healthy, /orders -> 401");
    expect(release.stdout).toContain("p95 < 500 ms and ≤ 3 x baseline");
    expect(release.stdout).toContain("swap app-shop-qa-api/staging <-> production in rg-shop-qa");

    const contradicting = runEntryPoint(
      "tools/release/cli.ts",
      ["--env", "qa", "--outdir", outdir, "--dry-run"],
      {
        APP_NAME: "blog",
      },
    );
    expect(contradicting.status).toBe(1);
    expect(contradicting.stderr).toContain('APP_NAME: "blog" contradicts the synth');
    expect(contradicting.stderr).not.toMatch(/\n\s+at /);
  });
});
