import { probeLoad } from "../../../tools/release/load-probe";
import { systemProbeIo } from "../../../tools/release/probe-io";
import { summarize } from "../../../tools/release/request-stats";
import { healthy, startFakeApp } from "./fake-app-server";
import { scriptedIo } from "./fake-probe-io";
import { testSettings } from "./test-settings";

const criticalPaths = [{ path: "/api/items" }];

describe("probeLoad with scripted durations", () => {
  it("keeps `concurrency` clients busy until `requests` were sent, over every path in turn", async () => {
    const io = scriptedIo(() => ({ status: 200, durationMs: 40 }));
    const settings = testSettings({ criticalPaths, load: { concurrency: 4, requests: 10 } });
    const samples = await probeLoad("http://slot", settings, io);
    expect(samples).toHaveLength(10);
    expect(io.maxInFlight()).toBe(4);
    expect(io.paths.filter((p) => p === "/health")).toHaveLength(5);
    expect(io.paths.filter((p) => p === "/api/items")).toHaveLength(5);
    expect(summarize(samples)).toMatchObject({ errors: 0, p95Ms: 40 });
  });

  it("runs for durationSeconds on the clock when given instead of a count", async () => {
    // Every answer takes 100 ms of fake time; 2 clients for 1 s send until the clock passes 1 s.
    const io = scriptedIo(() => ({ status: 200, durationMs: 100 }));
    const settings = testSettings({ load: { concurrency: 2, requests: undefined, durationSeconds: 1 } });
    const samples = await probeLoad("http://slot", settings, io);
    expect(io.clock.now()).toBeGreaterThanOrEqual(1000);
    expect(samples.length).toBeGreaterThan(2);
    expect(samples.length).toBe(io.paths.length);
  });

  it("counts errors and stops once they exceed the budget of the request count", async () => {
    // 20 requests at 10 %: 2 errors allowed; every request fails, so the 3rd error ends it.
    const io = scriptedIo(() => ({ status: 502 }));
    const settings = testSettings({ maxErrorRatePercent: 10, load: { concurrency: 1, requests: 20 } });
    const stats = summarize(await probeLoad("http://slot", settings, io));
    expect(stats).toMatchObject({ requests: 3, errors: 3, firstError: "/health answered 502, expected 200" });
    expect(stats.p95Ms).toBeUndefined();
  });
});

describe("probeLoad against a real HTTP server", () => {
  it("sends exactly `requests` requests with concurrent clients and gets every answer", async () => {
    const slot = await startFakeApp((path) =>
      path === "/health" ? healthy("2.0.0") : { status: 200, delayMs: 5 },
    );
    try {
      const settings = testSettings({ criticalPaths, load: { concurrency: 5, requests: 30 } });
      const stats = summarize(await probeLoad(slot.url, settings, systemProbeIo));
      expect(stats).toMatchObject({ requests: 30, errors: 0 });
      expect(slot.hits).toHaveLength(30);
      expect(slot.hits.filter((p) => p === "/api/items")).toHaveLength(15);
    } finally {
      await slot.close();
    }
  });
});
