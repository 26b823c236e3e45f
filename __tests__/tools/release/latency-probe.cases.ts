import { probeLatency } from "../../../tools/release/latency-probe";
import { systemProbeIo } from "../../../tools/release/probe-io";
import { summarize } from "../../../tools/release/request-stats";
import { healthy, startFakeApp } from "./fake-app-server";
import { scriptedIo } from "./fake-probe-io";
import { testSettings } from "./test-settings";

const settings = (overrides: Record<string, unknown> = {}) =>
  testSettings({
    criticalPaths: [{ path: "/api/items" }, { path: "/api/admin", expectedStatus: 401 }],
    ...overrides,
  });

describe("probeLatency with scripted durations", () => {
  it("sends `samples` sequential requests per path, each with its expected status", async () => {
    const io = scriptedIo((path) =>
      path === "/health"
        ? { status: 200, durationMs: 8 }
        : { status: path === "/api/admin" ? 401 : 200, durationMs: 90 },
    );
    const samples = await probeLatency("http://slot", settings(), io);
    expect(io.paths).toEqual([
      ...Array(5).fill("/health"),
      ...Array(5).fill("/api/items"),
      ...Array(5).fill("/api/admin"),
    ]);
    expect(io.maxInFlight()).toBe(1);
    expect(summarize(samples)).toEqual({
      requests: 15,
      errors: 0,
      errorRatePercent: 0,
      p50Ms: 90,
      p95Ms: 90,
    });
  });

  it("counts unexpected statuses and failed requests instead of stopping at the first", async () => {
    const io = scriptedIo((path, n) => {
      if (n === 7) return new Error("GET http://slot/api/items: no response within 5000 ms");
      return { status: path === "/api/admin" ? 401 : 200 };
    });
    const stats = summarize(await probeLatency("http://slot", settings({ maxErrorRatePercent: 10 }), io));
    expect(stats).toMatchObject({ requests: 15, errors: 1 });
    expect(stats.firstError).toBe("GET http://slot/api/items: no response within 5000 ms");
  });

  it("stops once the errors exceed what maxErrorRatePercent allows of the planned requests", async () => {
    // 15 planned, 20 %: 3 errors are allowed, the 4th decides.
    const io = scriptedIo((path) => (path === "/health" ? { status: 200 } : { status: 503 }));
    const stats = summarize(await probeLatency("http://slot", settings({ maxErrorRatePercent: 20 }), io));
    expect(stats).toMatchObject({ requests: 9, errors: 4 });
  });
});

describe("probeLatency against a real HTTP server", () => {
  it("requests every path `samples` times and records the statuses it gets", async () => {
    const slot = await startFakeApp((path, hit) => {
      if (path === "/health") return healthy("2.0.0");
      if (path === "/api/admin") return { status: 401 };
      return { status: hit === 2 ? 500 : 200 };
    });
    try {
      const samples = await probeLatency(slot.url, settings({ maxErrorRatePercent: 10 }), systemProbeIo);
      expect(slot.hits).toEqual([
        ...Array(5).fill("/health"),
        ...Array(5).fill("/api/items"),
        ...Array(5).fill("/api/admin"),
      ]);
      expect(samples.filter((s) => s.error !== undefined)).toEqual([
        {
          path: "/api/items",
          durationMs: expect.any(Number),
          error: "/api/items answered 500, expected 200",
        },
      ]);
      expect(samples.every((s) => typeof s.durationMs === "number" && s.durationMs >= 0)).toBe(true);
    } finally {
      await slot.close();
    }
  });
});
