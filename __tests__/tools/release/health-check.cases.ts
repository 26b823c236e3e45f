import { checkHealth, waitForHealthy } from "../../../tools/release/health-check";
import { httpGet } from "../../../tools/release/http-get";
import { systemProbeIo } from "../../../tools/release/probe-io";
import { type FakeApp, healthy, type Reply, startFakeApp } from "./fake-app-server";
import { scriptedIo } from "./fake-probe-io";
import { testSettings } from "./test-settings";

describe("checkHealth against a real HTTP server", () => {
  const apps: FakeApp[] = [];
  async function app(reply: (path: string, hit: number) => Reply): Promise<FakeApp> {
    const started = await startFakeApp(reply);
    apps.push(started);
    return started;
  }
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });

  it("passes 200 with status healthy and the expected version", async () => {
    const slot = await app(() => healthy("2.0.0"));
    expect(await checkHealth(slot.url, testSettings(), httpGet, "2.0.0")).toEqual({
      ok: true,
      detail: 'healthy, version "2.0.0"',
    });
    expect(slot.hits).toEqual(["/health"]);
  });

  it("accepts any version when none is expected, but still requires status healthy", async () => {
    const slot = await app(() => healthy("whatever"));
    expect((await checkHealth(slot.url, testSettings(), httpGet)).ok).toBe(true);
    const degraded = await app(() => ({ status: 200, body: { status: "degraded", version: "1" } }));
    expect(await checkHealth(degraded.url, testSettings(), httpGet)).toEqual({
      ok: false,
      detail: 'status is "degraded"',
    });
  });

  it("fails on the wrong version, another status or a body that is not JSON", async () => {
    const old = await app(() => healthy("1.0.0"));
    expect((await checkHealth(old.url, testSettings(), httpGet, "2.0.0")).detail).toBe(
      'version is "1.0.0", expected "2.0.0"',
    );
    const down = await app(() => ({ status: 503 }));
    expect((await checkHealth(down.url, testSettings(), httpGet)).detail).toBe("/health answered 503");
    const text = await app(() => ({ status: 200, body: "OK" }));
    expect((await checkHealth(text.url, testSettings(), httpGet)).detail).toBe(
      "/health did not answer JSON: OK",
    );
  });

  it("waits through a flapping slot with the real clock", async () => {
    const slot = await app((_, hit) => (hit <= 2 ? { status: 502 } : healthy("2.0.0")));
    const outcome = await waitForHealthy(slot.url, testSettings(), systemProbeIo, "2.0.0");
    expect(outcome).toEqual({ ok: true, detail: 'healthy, version "2.0.0" (attempt 3)' });
  });

  it("reports a refused connection with the URL", async () => {
    const slot = await app(() => healthy("1"));
    await slot.close();
    const settings = testSettings({ healthWait: { attempts: 1 } });
    const outcome = await waitForHealthy(slot.url, settings, systemProbeIo);
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toContain(`GET ${slot.url}/health: connect ECONNREFUSED`);
  });
});

describe("waitForHealthy on a scripted clock", () => {
  const ok = { status: 200, body: { status: "healthy", version: "2.0.0" } };

  it("passes on the first answer without waiting", async () => {
    const io = scriptedIo(() => ok);
    expect(await waitForHealthy("http://slot", testSettings(), io, "2.0.0")).toEqual({
      ok: true,
      detail: 'healthy, version "2.0.0" (attempt 1)',
    });
    expect(io.clock.now()).toBe(10);
  });

  it("backs off exponentially up to maxBackoffMs between attempts", async () => {
    const io = scriptedIo((_, n) => (n <= 3 ? { status: 502, durationMs: 0 } : { ...ok, durationMs: 0 }));
    const settings = testSettings({ healthWait: { attempts: 5, initialBackoffMs: 20, maxBackoffMs: 40 } });
    const outcome = await waitForHealthy("http://slot", settings, io, "2.0.0");
    expect(outcome).toEqual({ ok: true, detail: 'healthy, version "2.0.0" (attempt 4)' });
    expect(io.clock.now()).toBe(20 + 40 + 40);
  });

  it("gives up after `attempts`", async () => {
    const io = scriptedIo(() => ({ status: 200, body: { status: "healthy", version: "1.0.0" } }));
    const outcome = await waitForHealthy("http://slot", testSettings(), io, "2.0.0");
    expect(outcome).toEqual({
      ok: false,
      detail: 'version is "1.0.0", expected "2.0.0" (gave up after 3 attempts)',
    });
    expect(io.paths).toHaveLength(3);
  });

  it("gives up at the deadline when every request times out, never waiting past it", async () => {
    // Each attempt costs a 150 ms timeout, then 50 ms of backoff: the 600 ms deadline allows 3.
    const io = scriptedIo(() => ({ status: 0, durationMs: 150 }));
    const timeouts: number[] = [];
    const http = async (url: string, timeoutMs: number) => {
      timeouts.push(timeoutMs);
      await io.http(url, timeoutMs);
      throw new Error(`GET ${url}: no response within ${timeoutMs} ms`);
    };
    const settings = testSettings({
      requestTimeoutMs: 150,
      healthWait: { attempts: 100, initialBackoffMs: 50, maxBackoffMs: 50, deadlineSeconds: 0.6 },
    });
    const outcome = await waitForHealthy("http://slot", settings, { http, clock: io.clock }, "2.0.0");
    expect(outcome).toEqual({
      ok: false,
      detail: "GET http://slot/health: no response within 150 ms (deadline of 0.6 s reached, attempt 3)",
    });
    expect(timeouts).toEqual([150, 150, 150]);
    expect(io.clock.now()).toBeLessThanOrEqual(600);
  });
});
