import { policyDay } from "../../app/policy-day";
import { ConfigError } from "../../config/config-error";

test("POLICY_DATE fixes the day the dated rules judge by; unset is today", () => {
  expect(policyDay({ POLICY_DATE: "2027-02-01" })().toISOString()).toBe("2027-02-01T00:00:00.000Z");
  const before = Date.now();
  expect(policyDay({})().getTime()).toBeGreaterThanOrEqual(before);
});

test.each(["2027-02-30", "2027-2-1", "tomorrow", "2027-02-01T10:00"])(
  "POLICY_DATE = %j is refused, naming the variable",
  (value) => {
    try {
      policyDay({ POLICY_DATE: value });
      throw new Error("accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain(
        `POLICY_DATE = "${value}": must be a calendar day written YYYY-MM-DD`,
      );
    }
  },
);
