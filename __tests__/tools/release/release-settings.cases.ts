import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../config/load-config";
import { loadReleaseSettings } from "../../../tools/release/release-settings";
import { UsageError } from "../../../tools/release/usage-error";

describe("tools/release/release-settings", () => {
  const dir = mkdtempSync(join(tmpdir(), "release-settings-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  function file(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }
  function problemsOf(load: () => unknown): readonly string[] {
    try {
      load();
    } catch (error) {
      if (error instanceof UsageError) return error.problems;
      throw error;
    }
    throw new Error("expected a UsageError");
  }

  describe("release settings", () => {
    it("has the documented defaults", () => {
      expect(loadReleaseSettings()).toEqual({
        healthPath: "/health",
        criticalPaths: [],
        maxErrorRatePercent: 5,
        latency: { samples: 20, p95ThresholdMs: 500, healthMaxMs: 100, latencyFactor: 2 },
        load: { concurrency: 10, requests: 200, p95ThresholdMs: 500 },
        healthWait: { attempts: 20, initialBackoffMs: 1000, maxBackoffMs: 15000, deadlineSeconds: 600 },
        requestTimeoutMs: 5000,
        gates: [],
      });
    });

    it("merges a file's overrides with the defaults, down to nested fields", () => {
      const settings = loadReleaseSettings(
        file(
          "ok.json",
          JSON.stringify({
            criticalPaths: [{ path: "/api/orders" }, { path: "/admin", expectedStatus: 401 }],
            latency: { samples: 50 },
            gates: [
              { name: "contract", command: "schemathesis", args: ["run", "/openapi.json"] },
              { name: "load", command: "locust" },
            ],
          }),
        ),
      );
      expect(settings.criticalPaths).toEqual([
        { path: "/api/orders", expectedStatus: 200 },
        { path: "/admin", expectedStatus: 401 },
      ]);
      expect(settings.latency).toEqual({
        samples: 50,
        p95ThresholdMs: 500,
        healthMaxMs: 100,
        latencyFactor: 2,
      });
      expect(settings.gates[1]).toEqual({ name: "load", command: "locust", args: [], timeoutSeconds: 600 });
    });

    it("reports every problem with field, value and rule", () => {
      const bad = {
        healthPath: "health",
        criticalPaths: [{ path: "/x", expectedStatus: 999 }],
        latency: { samples: 0, p95: 400 },
        gates: [{ name: "load" }],
      };
      expect(problemsOf(() => loadReleaseSettings(file("bad.json", JSON.stringify(bad))))).toEqual([
        'settings.healthPath: "health" — Invalid string: must start with "/"',
        "settings.criticalPaths.0.expectedStatus: 999 — Too big: expected number to be <=599",
        "settings.latency.samples: 0 — Too small: expected number to be >0",
        'settings.latency: Unrecognized key: "p95"',
        "settings.gates.0.command: (missing) — Invalid input: expected string, received undefined",
      ]);
    });

    it("refuses rules that cannot decide a release, naming the field", () => {
      const bad = { maxErrorRatePercent: 150, latency: { latencyFactor: 0 }, load: { concurrency: 0 } };
      expect(problemsOf(() => loadReleaseSettings(file("rules.json", JSON.stringify(bad))))).toEqual([
        "settings.maxErrorRatePercent: 150 — must be a percentage from 0 to 100",
        "settings.latency.latencyFactor: 0 — must be more than 1: the limit is this times production's own P95, which a new build need not beat",
        "settings.load.concurrency: 0 — must be 1-100 clients",
      ]);
    });

    it("the project config refuses them too, naming the config field", () => {
      const config = {
        app: { name: "shop", location: "northeurope" },
        environments: { prod: { plan: { sku: "S1" }, release: { maxErrorRatePercent: 150 } } },
      };
      const configFile = file("config.json", JSON.stringify(config));
      expect(() => loadConfig({ APP_CONFIG_FILE: configFile })).toThrow(
        "environments.prod.release.maxErrorRatePercent = 150: must be a percentage from 0 to 100",
      );
    });

    it("stops the load probe after a duration or a request count, not both", () => {
      const byTime = loadReleaseSettings(
        file("time.json", JSON.stringify({ load: { durationSeconds: 30 } })),
      );
      expect(byTime.load).toEqual({ concurrency: 10, durationSeconds: 30, p95ThresholdMs: 500 });
      const both = { load: { requests: 100, durationSeconds: 30 } };
      expect(problemsOf(() => loadReleaseSettings(file("both.json", JSON.stringify(both))))).toEqual([
        "settings.load.durationSeconds: 30 — give either requests or durationSeconds, not both",
      ]);
    });

    it("names the file when it is not JSON or missing", () => {
      const notJson = file("not.json", "{ latency: ");
      expect(problemsOf(() => loadReleaseSettings(notJson))[0]).toMatch(
        new RegExp(`^--settings: cannot read ${notJson} as JSON — .*JSON`),
      );
      expect(problemsOf(() => loadReleaseSettings(join(dir, "nope.json")))[0]).toContain("ENOENT");
    });
  });
});
