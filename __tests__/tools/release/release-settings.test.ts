import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadReleaseSettings } from "../../../tools/release/release-settings";
import { UsageError } from "../../../tools/release/usage-error";

const dir = mkdtempSync(join(tmpdir(), "release-settings-"));
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
      latency: { samples: 20, p95ThresholdMs: 500, healthMaxMs: 100 },
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
    expect(settings.latency).toEqual({ samples: 50, p95ThresholdMs: 500, healthMaxMs: 100 });
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

  it("names the file when it is not JSON or missing", () => {
    const notJson = file("not.json", "{ latency: ");
    expect(problemsOf(() => loadReleaseSettings(notJson))[0]).toMatch(
      new RegExp(`^--settings: cannot read ${notJson} as JSON — .*JSON`),
    );
    expect(problemsOf(() => loadReleaseSettings(join(dir, "nope.json")))[0]).toContain("ENOENT");
  });
});
