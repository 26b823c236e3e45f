import { httpGet, joinUrl } from "../../../tools/release/http-get";
import { type FakeApp, startFakeApp } from "./fake-app-server";

describe("httpGet against a real HTTP server", () => {
  let slot: FakeApp;
  afterEach(() => slot.close());

  it("returns status, body and a measured duration", async () => {
    slot = await startFakeApp(() => ({ status: 418, body: "teapot" }));
    const response = await httpGet(`${slot.url}/brew`, 30_000);
    expect(response).toEqual({ status: 418, body: "teapot", durationMs: expect.any(Number) });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("gives up on a slot that never answers, naming the URL and the timeout", async () => {
    slot = await startFakeApp(() => "hang");
    await expect(httpGet(`${slot.url}/health`, 50)).rejects.toThrow(
      `GET ${slot.url}/health: no response within 50 ms`,
    );
  });

  it("names the URL when the connection is refused", async () => {
    slot = await startFakeApp(() => ({ status: 200 }));
    await slot.close();
    await expect(httpGet(`${slot.url}/health`, 30_000)).rejects.toThrow(
      new RegExp(`^GET ${slot.url}/health: connect ECONNREFUSED`),
    );
  });
});

describe("joinUrl", () => {
  it("keeps a path prefix and drops duplicate slashes", () => {
    expect(joinUrl("https://shop.example/api/", "/health")).toBe("https://shop.example/api/health");
    expect(joinUrl("https://shop.example", "/health")).toBe("https://shop.example/health");
  });
});
