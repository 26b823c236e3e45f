import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RUNTIME_END_OF_LIFE } from "../../constructs/runtime-support";

const workflowsDir = join(__dirname, "..", "..", ".github", "workflows");
const versions = readdirSync(workflowsDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .flatMap((name) =>
    [...readFileSync(join(workflowsDir, name), "utf8").matchAll(/node-version:\s*["']?([^\s"']+)/g)].map(
      (match) => [name, match[1]],
    ),
  );

test("every workflow sets up Node 22, the LTS line the front end runs too", () => {
  expect(versions.length).toBeGreaterThan(0);
  expect(versions.filter(([, version]) => version !== "22")).toEqual([]);
});

test("Node 22 is in the end-of-life table, so its date is watched", () => {
  expect(RUNTIME_END_OF_LIFE.map((row) => row.version)).toContain("22-lts");
});
