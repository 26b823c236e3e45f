import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const TESTS = join(__dirname, "..");

/** Files below __tests__ whose names end in `suffix`, relative to it. */
function testFiles(suffix: string): string[] {
  return readdirSync(TESTS, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(suffix))
    .sort();
}

/** The aggregator that runs a case file: the nearest cases.test.ts in its folder or above. */
function aggregatorOf(caseFile: string, aggregators: Set<string>): string | undefined {
  for (let folder = dirname(caseFile); ; folder = dirname(folder)) {
    const candidate = join(folder, "cases.test.ts");
    if (aggregators.has(candidate)) return candidate;
    if (folder === "." || folder === "") return undefined;
  }
}

describe("the test suite's layout", () => {
  const aggregators = new Set(testFiles("cases.test.ts"));
  const caseFiles = testFiles(".cases.ts");

  test("every *.cases.ts file runs: the nearest cases.test.ts imports it", () => {
    const notRun = caseFiles.filter((caseFile) => {
      const aggregator = aggregatorOf(caseFile, aggregators);
      if (aggregator === undefined) return true;
      const specifier = `./${relative(dirname(aggregator), caseFile).replace(/\.ts$/, "")}`;
      return !readFileSync(join(TESTS, aggregator), "utf8").includes(`import "${specifier}";`);
    });
    expect(caseFiles.length).toBeGreaterThan(50);
    expect(notRun).toEqual([]);
  });

  test("no case file has hooks or timeouts at its top level: they would apply to every case of its folder", () => {
    const topLevel = /^(beforeAll|afterAll|beforeEach|afterEach|jest\.setTimeout)\(/m;
    expect(caseFiles.filter((file) => topLevel.test(readFileSync(join(TESTS, file), "utf8")))).toEqual([]);
  });
});
