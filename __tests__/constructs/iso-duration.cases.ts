import { durationProblem, isoDurationMinutes } from "../../constructs/iso-duration";

describe("isoDurationMinutes", () => {
  test.each([
    ["PT1M", 1],
    ["PT5M", 5],
    ["PT90M", 90],
    ["PT1H", 60],
    ["PT1H30M", 90],
    ["PT12H", 720],
    ["P1D", 1440],
    ["P1DT2H", 1560],
    ["P7D", 10080],
    ["P1W", 10080],
    ["P2W", 20160],
    ["PT0M", 0],
  ])("%s is %d minutes", (value, minutes) => {
    expect(isoDurationMinutes(value)).toBe(minutes);
  });

  test.each([
    "",
    "P",
    "PT",
    "P1DT",
    "PT30S",
    "PT1M30S",
    "PT1.5M",
    "P1M",
    "P1Y",
    "5M",
    "pt5m",
    "PT-5M",
    "P1W2D",
    " PT5M",
  ])("%j is not a whole-minute duration", (value) => {
    expect(isoDurationMinutes(value)).toBeUndefined();
  });
});

describe("durationProblem", () => {
  const range = "between PT5M and PT12H";

  test("undefined within the range, bounds included", () => {
    expect(durationProblem("PT5M", 5, 720, range)).toBeUndefined();
    expect(durationProblem("PT12H", 5, 720, range)).toBeUndefined();
    expect(durationProblem("PT1H", 5, 720, range)).toBeUndefined();
  });

  test("out of range: names the range", () => {
    expect(durationProblem("PT4M", 5, 720, range)).toBe("must be between PT5M and PT12H");
    expect(durationProblem("PT12H1M", 5, 720, range)).toBe("must be between PT5M and PT12H");
    expect(durationProblem("P1D", 5, 720, range)).toBe("must be between PT5M and PT12H");
  });

  test("not a duration: says what a duration looks like and the range", () => {
    expect(durationProblem("5 minutes", 5, 720, range)).toBe(
      "must be an ISO 8601 duration in whole minutes (e.g. PT5M), between PT5M and PT12H",
    );
    expect(durationProblem("PT30S", 1, 10080, "between PT1M and P7D")).toBe(
      "must be an ISO 8601 duration in whole minutes (e.g. PT5M), between PT1M and P7D",
    );
  });
});
