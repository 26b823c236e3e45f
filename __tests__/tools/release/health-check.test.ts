import { waitForHealthy } from "../../../tools/release/health-check";
import { type FakeApp, healthy, type Reply, startFakeApp } from "./fake-app-server";
import { fastSettings } from "./test-settings";

const apps: FakeApp[] = [];
async function app(reply: (path: string, hit: number) => Reply): Promise<FakeApp> {
  const started = await startFakeApp(reply);
  apps.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

describe("waitForHealthy against a real HTTP server", () => {
  it("passes on the first answer when staging is healthy with the expected version", async () => {
    const slot = await app(() => healthy("2.0.0"));
    const outcome = await waitForHealthy(slot.url, fastSettings(), "2.0.0");
    expect(outcome).toEqual({ ok: true, detail: 'healthy, version "2.0.0" (attempt 1)' });
    expect(slot.hits).toEqual(["/health"]);
  });

  it("accepts any version when none is expected, but still requires status healthy", async () => {
    const slot = await app(() => healthy("whatever"));
    expect((await waitForHealthy(slot.url, fastSettings())).ok).toBe(true);
    const degraded = await app(() => ({ status: 200, body: { status: "degraded", version: "1" } }));
    const outcome = await waitForHealthy(degraded.url, fastSettings());
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toContain('status is "degraded"');
  });

  it("fails on the wrong version after using every attempt", async () => {
    const slot = await app(() => healthy("1.0.0"));
    const outcome = await waitForHealthy(slot.url, fastSettings(), "2.0.0");
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toBe('version is "1.0.0", expected "2.0.0" (gave up after 3 attempts)');
    expect(slot.hits).toHaveLength(3);
  });

  it("fails when the slot keeps answering 503", async () => {
    const slot = await app(() => ({ status: 503 }));
    const outcome = await waitForHealthy(slot.url, fastSettings({ healthWait: { attempts: 4 } }), "2.0.0");
    expect(outcome).toEqual({ ok: false, detail: "/health answered 503 (gave up after 4 attempts)" });
    expect(slot.hits).toHaveLength(4);
  });

  it("fails when the health path does not answer JSON", async () => {
    const slot = await app(() => ({ status: 200, body: "OK" }));
    const outcome = await waitForHealthy(slot.url, fastSettings({ healthWait: { attempts: 1 } }));
    expect(outcome.detail).toBe("/health did not answer JSON: OK (gave up after 1 attempts)");
  });

  it("rides out a flapping slot with backoff", async () => {
    const slot = await app((_, hit) => (hit <= 3 ? { status: 502 } : healthy("2.0.0")));
    const settings = fastSettings({ healthWait: { attempts: 5, initialBackoffMs: 20 } });
    const started = Date.now();
    const outcome = await waitForHealthy(slot.url, settings, "2.0.0");
    expect(outcome).toEqual({ ok: true, detail: 'healthy, version "2.0.0" (attempt 4)' });
    expect(slot.hits).toHaveLength(4);
    // Backoff 20 + 40 + 40 (capped by maxBackoffMs) between the four requests.
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it("gives up at the deadline when the slot hangs, timing out every request", async () => {
    const slot = await app(() => "hang");
    const settings = fastSettings({
      requestTimeoutMs: 150,
      healthWait: { attempts: 100, initialBackoffMs: 50, maxBackoffMs: 50, deadlineSeconds: 0.6 },
    });
    const started = Date.now();
    const outcome = await waitForHealthy(slot.url, settings, "2.0.0");
    const elapsed = Date.now() - started;
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatch(/no response within \d+ ms \(deadline of 0\.6 s reached, attempt \d\)/);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1000);
    expect(slot.hits.length).toBeLessThan(5);
  });

  it("reports a refused connection with the URL", async () => {
    const slot = await app(() => healthy("1"));
    await slot.close();
    const outcome = await waitForHealthy(slot.url, fastSettings({ healthWait: { attempts: 1 } }));
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toContain(`GET ${slot.url}/health: connect ECONNREFUSED`);
  });
});
