import { percentile, sampleRequest, summarize } from "../../../tools/release/request-stats";
import { scriptedIo } from "./fake-probe-io";

describe("percentile", () => {
  it("uses the nearest rank of the sorted samples", () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(samples, 95)).toBe(19);
    expect(percentile(samples, 100)).toBe(20);
    expect(percentile(samples, 50)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([300, 10, 20], 50)).toBe(20);
  });
});

describe("summarize", () => {
  it("counts errors and takes percentiles over the expected answers only", () => {
    const samples = [
      ...Array.from({ length: 18 }, (_, i) => ({ path: "/health", durationMs: i + 1 })),
      { path: "/api", durationMs: 2, error: "/api answered 500, expected 200" },
      { path: "/api", error: "GET http://x/api: no response within 5000 ms" },
    ];
    expect(summarize(samples)).toEqual({
      requests: 20,
      errors: 2,
      errorRatePercent: 10,
      p50Ms: 9,
      p95Ms: 18,
      firstError: "/api answered 500, expected 200",
    });
  });

  it("has no percentiles when nothing answered as expected, and a zero rate for no requests", () => {
    expect(summarize([{ path: "/health", error: "refused" }])).toEqual({
      requests: 1,
      errors: 1,
      errorRatePercent: 100,
      firstError: "refused",
    });
    expect(summarize([])).toEqual({ requests: 0, errors: 0, errorRatePercent: 0 });
  });
});

describe("sampleRequest", () => {
  const io = scriptedIo((path) =>
    path === "/boom"
      ? new Error("GET http://slot/boom: connect ECONNREFUSED")
      : { status: 401, durationMs: 42 },
  );

  it("is an answer with its duration when the status is the expected one", async () => {
    const sample = await sampleRequest(io.http, "http://slot", { path: "/admin", expectedStatus: 401 }, 1000);
    expect(sample).toEqual({ path: "/admin", durationMs: 42 });
  });

  it("is an error, never an exception, for another status or a failed request", async () => {
    expect(await sampleRequest(io.http, "http://slot", { path: "/api", expectedStatus: 200 }, 1000)).toEqual({
      path: "/api",
      durationMs: 42,
      error: "/api answered 401, expected 200",
    });
    expect(await sampleRequest(io.http, "http://slot", { path: "/boom", expectedStatus: 200 }, 1000)).toEqual(
      {
        path: "/boom",
        error: "GET http://slot/boom: connect ECONNREFUSED",
      },
    );
  });
});
