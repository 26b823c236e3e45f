import { RUNTIME_END_OF_LIFE, runtimeSupport } from "../../constructs/runtime-support";
import { SPA_NODE_VERSION } from "../../constructs/spa-web-app";

const day = (iso: string) => new Date(`${iso}T15:30:00Z`);

test("every row has a date and a source, and each runtime version is listed once", () => {
  for (const row of RUNTIME_END_OF_LIFE) {
    expect(row.endOfLife).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(row.endOfLife))).toBe(false);
    expect(row.source).toMatch(/^https:\/\//);
  }
  const keys = RUNTIME_END_OF_LIFE.map((row) => `${row.attribute}=${row.version}`);
  expect(new Set(keys).size).toBe(keys.length);
});

test("Node 20 ended on 2026-04-30; Node 22, the front end's default, on 2027-04-30", () => {
  expect(SPA_NODE_VERSION).toBe("22-lts");
  expect(RUNTIME_END_OF_LIFE).toContainEqual(
    expect.objectContaining({ version: "20-lts", endOfLife: "2026-04-30" }),
  );
  expect(RUNTIME_END_OF_LIFE).toContainEqual(
    expect.objectContaining({ version: "22-lts", endOfLife: "2027-04-30" }),
  );
});

test.each([
  ["2026-11-30", { status: "supported" }],
  ["2027-01-29", { status: "supported" }],
  ["2027-01-30", { status: "ending", days: 90 }],
  ["2027-04-30", { status: "ending", days: 0 }],
  ["2027-05-01", { status: "ended", days: 1 }],
])("node 22-lts on %s", (today, expected) => {
  expect(runtimeSupport("node_version", "22-lts", day(today))).toMatchObject(expected);
});

test("a version the table does not know is unknown, not judged", () => {
  expect(runtimeSupport("node_version", "24-lts", day("2026-11-30"))).toEqual({ status: "unknown" });
  expect(runtimeSupport("php_version", "8.3", day("2026-11-30"))).toEqual({ status: "unknown" });
});
