import type { ProbeStats } from "../../../tools/release/request-stats";
import {
  baselineProblems,
  formatMs,
  latencyProblems,
  loadProblems,
  tooManyErrors,
} from "../../../tools/release/rollback-rules";
import { testSettings } from "./test-settings";

/** The runbook's numbers: errors over 5 %, P95 over 2x the baseline, load P95 under 500 ms, health under 100 ms. */
const settings = testSettings();
const stats = (p95Ms: number | undefined, errors = 0, requests = 100): ProbeStats => ({
  requests,
  errors,
  errorRatePercent: (100 * errors) / requests,
  ...(p95Ms !== undefined && { p50Ms: p95Ms / 2, p95Ms }),
  ...(errors > 0 && { firstError: "/api answered 500, expected 200" }),
});
const healthy = stats(20);

describe("tooManyErrors", () => {
  it("fails a rate above the limit, not one exactly at it", () => {
    expect(tooManyErrors(3, 60, 5)).toBe(false); // 5 % exactly
    expect(tooManyErrors(4, 60, 5)).toBe(true);
    expect(tooManyErrors(0, 10, 0)).toBe(false);
    expect(tooManyErrors(1, 1000, 0)).toBe(true);
  });
});

describe("latencyProblems: staging, and production after the swap", () => {
  it("passes 3 % errors and a P95 within 2x the baseline", () => {
    expect(latencyProblems({ all: stats(200, 3), health: healthy }, settings, 100)).toEqual([]);
  });

  it("fails 10 % errors", () => {
    expect(latencyProblems({ all: stats(120, 10), health: healthy }, settings, 100)).toEqual([
      "errors 10.0 % (10 of 100) > 5 %, first: /api answered 500, expected 200",
    ]);
  });

  it("fails a P95 of 3x the baseline, though under the absolute limit", () => {
    expect(latencyProblems({ all: stats(300), health: healthy }, settings, 100)).toEqual([
      "p95 300 ms > 2 x baseline 100 ms = 200 ms",
    ]);
  });

  it("follows latencyFactor", () => {
    const lenient = testSettings({ latency: { latencyFactor: 3.5 } });
    expect(latencyProblems({ all: stats(300), health: healthy }, lenient, 100)).toEqual([]);
  });

  it("still fails the absolute limits when the baseline is slow too", () => {
    const slow = { all: stats(640), health: stats(150) };
    expect(latencyProblems(slow, settings, 600)).toEqual([
      "p95 640 ms ≥ limit 500 ms",
      "health p95 150 ms ≥ limit 100 ms",
    ]);
  });

  it("fails a slot where nothing answered as expected", () => {
    expect(latencyProblems({ all: stats(undefined, 4, 4), health: stats(undefined) }, settings, 100)).toEqual(
      [
        "errors 100.0 % (4 of 4) > 5 %, first: /api answered 500, expected 200",
        "no request answered as expected",
      ],
    );
  });
});

describe("baselineProblems: production before the release", () => {
  it("accepts a production that answers within the error budget, however slow", () => {
    expect(baselineProblems(stats(900, 5), settings)).toEqual([]);
  });

  it("refuses a production it cannot measure", () => {
    expect(baselineProblems(stats(100, 6), settings)).toEqual([
      "errors 6.0 % (6 of 100) > 5 %, first: /api answered 500, expected 200",
    ]);
    expect(
      baselineProblems({ requests: 1, errors: 1, errorRatePercent: 100, firstError: "refused" }, settings),
    ).toEqual(["errors 100.0 % (1 of 1) > 5 %, first: refused", "no request answered as expected"]);
  });
});

describe("loadProblems", () => {
  it("passes a P95 under p95ThresholdMs and fails one at or over it", () => {
    expect(loadProblems(stats(499), settings)).toEqual([]);
    expect(loadProblems(stats(500), settings)).toEqual(["p95 500 ms ≥ limit 500 ms"]);
  });

  it("counts errors against maxErrorRatePercent", () => {
    const strict = testSettings({ maxErrorRatePercent: 0 });
    expect(loadProblems(stats(50, 1), strict)).toEqual([
      "errors 1.0 % (1 of 100) > 0 %, first: /api answered 500, expected 200",
    ]);
  });
});

describe("formatMs", () => {
  it("shows a decimal only where the value has one", () => {
    expect(formatMs(200)).toBe("200 ms");
    expect(formatMs(200.44)).toBe("200.4 ms");
  });
});
