import { percentile, probeLatency } from "../../../tools/release/latency-probe";
import { type FakeApp, healthy, type Reply, startFakeApp } from "./fake-app-server";
import { fastSettings } from "./test-settings";

const withItems = (items: Reply) => (path: string) => (path === "/health" ? healthy("2.0.0") : items);

describe("percentile", () => {
  it("uses the nearest rank of the sorted samples", () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(samples, 95)).toBe(19);
    expect(percentile(samples, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([300, 10, 20], 50)).toBe(20);
  });
});

describe("probeLatency against a real HTTP server", () => {
  let slot: FakeApp;
  afterEach(() => slot.close());
  const settings = (latency: Record<string, number>) =>
    fastSettings({ criticalPaths: [{ path: "/api/items" }], latency: { samples: 4, ...latency } });

  it("passes a fast slot after `samples` sequential requests per path", async () => {
    slot = await startFakeApp(withItems({ status: 200 }));
    const outcome = await probeLatency(slot.url, settings({}));
    expect(outcome.ok).toBe(true);
    expect(outcome.detail).toMatch(/^p95 \d+ ms \(limit 500\), health p95 \d+ ms \(limit 100\), 8 requests$/);
    expect(slot.hits).toEqual([...Array(4).fill("/health"), ...Array(4).fill("/api/items")]);
  });

  it("fails when a critical path is slower than the p95 threshold", async () => {
    slot = await startFakeApp(withItems({ status: 200, delayMs: 120 }));
    const outcome = await probeLatency(slot.url, settings({ p95ThresholdMs: 100, samples: 2 }));
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatch(/^p95 1\d\d ms \(limit 100\)/);
  });

  it("fails when the health path is slower than its own limit, even under the p95 threshold", async () => {
    slot = await startFakeApp((path) =>
      path === "/health" ? { ...healthy("2.0.0"), delayMs: 130 } : { status: 200 },
    );
    const outcome = await probeLatency(
      slot.url,
      settings({ healthMaxMs: 100, p95ThresholdMs: 500, samples: 2 }),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatch(/health p95 1\d\d ms \(limit 100\)/);
  });

  it("fails on an error answer instead of timing it", async () => {
    slot = await startFakeApp(withItems({ status: 500 }));
    const outcome = await probeLatency(slot.url, settings({}));
    expect(outcome).toEqual({ ok: false, detail: "/api/items answered 500 during the probe" });
    expect(slot.hits.filter((p) => p === "/api/items")).toHaveLength(1);
  });
});
