import { runSmokeTests } from "../../../tools/release/smoke-tests";
import { type FakeApp, healthy, startFakeApp } from "./fake-app-server";
import { fastSettings } from "./test-settings";

let slot: FakeApp;
afterEach(() => slot.close());

const criticalPaths = [{ path: "/api/items" }, { path: "/api/admin", expectedStatus: 401 }];

describe("runSmokeTests", () => {
  it("passes when health and every critical path answer as expected", async () => {
    slot = await startFakeApp((path) => {
      if (path === "/health") return healthy("2.0.0");
      return { status: path === "/api/admin" ? 401 : 200 };
    });
    const outcome = await runSmokeTests(slot.url, fastSettings({ criticalPaths }), "2.0.0");
    expect(outcome).toEqual({ ok: true, detail: "3 of 3 endpoints as expected" });
    expect(slot.hits).toEqual(["/health", "/api/items", "/api/admin"]);
  });

  it("lists every failing endpoint, including a hanging one", async () => {
    slot = await startFakeApp((path) => {
      if (path === "/health") return healthy("1.0.0");
      if (path === "/api/items") return "hang";
      return { status: 200 };
    });
    const outcome = await runSmokeTests(
      slot.url,
      fastSettings({ criticalPaths, requestTimeoutMs: 100 }),
      "2.0.0",
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.detail.split("; ")).toEqual([
      '/health: version is "1.0.0", expected "2.0.0"',
      `/api/items: GET ${slot.url}/api/items: no response within 100 ms`,
      "/api/admin: expected 401, got 200",
    ]);
  });
});
