import { httpGet } from "../../../tools/release/http-get";
import { runSmokeTests } from "../../../tools/release/smoke-tests";
import { type FakeApp, healthy, startFakeApp } from "./fake-app-server";
import { scriptedIo } from "./fake-probe-io";
import { testSettings } from "./test-settings";

const criticalPaths = [{ path: "/api/items" }, { path: "/api/admin", expectedStatus: 401 }];

describe("runSmokeTests against a real HTTP server", () => {
  let slot: FakeApp;
  afterEach(() => slot.close());

  it("passes when health and every critical path answer as expected", async () => {
    slot = await startFakeApp((path) => {
      if (path === "/health") return healthy("2.0.0");
      return { status: path === "/api/admin" ? 401 : 200 };
    });
    const outcome = await runSmokeTests(slot.url, testSettings({ criticalPaths }), httpGet, "2.0.0");
    expect(outcome).toEqual({ ok: true, detail: "3 of 3 endpoints as expected" });
    expect(slot.hits).toEqual(["/health", "/api/items", "/api/admin"]);
  });

  it("allows no error at all: one wrong status fails it", async () => {
    slot = await startFakeApp((path) => (path === "/health" ? healthy("2.0.0") : { status: 200 }));
    const outcome = await runSmokeTests(slot.url, testSettings({ criticalPaths }), httpGet, "2.0.0");
    expect(outcome).toEqual({ ok: false, detail: "/api/admin: expected 401, got 200" });
  });
});

describe("runSmokeTests with scripted HTTP", () => {
  it("lists every failing endpoint, including one that does not answer", async () => {
    const io = scriptedIo((path) => {
      if (path === "/health") return { status: 200, body: healthy("1.0.0").body };
      if (path === "/api/items") return new Error("GET http://slot/api/items: no response within 100 ms");
      return { status: 200 };
    });
    const outcome = await runSmokeTests("http://slot", testSettings({ criticalPaths }), io.http, "2.0.0");
    expect(outcome.ok).toBe(false);
    expect(outcome.detail.split("; ")).toEqual([
      '/health: version is "1.0.0", expected "2.0.0"',
      "/api/items: GET http://slot/api/items: no response within 100 ms",
      "/api/admin: expected 401, got 200",
    ]);
  });
});
