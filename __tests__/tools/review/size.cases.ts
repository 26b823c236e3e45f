import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../../config/load-config";
import { runReview } from "../../../tools/review/cli";
import { REPO_ROOT, synthFolder } from "../../stacks/platform-fixture";

describe("tools/review/size", () => {
  // The budgets: the default synth's report without a baseline in about 8 KB, and a change
  // of one setting in one environment of nine in about 2 KB above the folded details. Each config is
  // synthesized once, from the real project, the way main.ts does it. The changed synth is the
  // nine-environment one with the fifth environment's autoscale ceiling raised in its JSON: the one
  // attribute a real synth of that config change differs in. Synths come from the run's shared cache.

  /** A config of nine production-like environments. */
  const nineEnvironments = {
    app: { name: "nine", location: "westeurope" },
    environments: Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [
        `e${i + 1}`,
        {
          plan: { sku: "P1v3", workerCount: 2 },
          slots: ["staging"],
          autoscale: { minimum: 1, default: 2, maximum: 10 },
        },
      ]),
    ),
  };

  const made: string[] = [];

  /** The synth of the config `env` selects, in a folder inside the project, removed after the tests. */
  function synth(env: Record<string, string>): string {
    const outdir = synthFolder(loadConfig(env));
    made.push(outdir);
    return outdir;
  }

  function review(...argv: string[]): string {
    const result = runReview(argv);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    return result.stdout;
  }

  /** Everything before the first folded section. */
  function aboveTheFold(report: string): string {
    const fold = report.indexOf("<details>");
    return fold === -1 ? report : report.slice(0, fold);
  }

  let defaultSynth: string;
  let nineBefore: string;
  let nineAfter: string;

  beforeAll(() => {
    defaultSynth = synth({});
    const file = join(defaultSynth, "nine.json");
    writeFileSync(file, JSON.stringify(nineEnvironments));
    nineBefore = synth({ APP_CONFIG_FILE: file, IMAGE_TAG: "v1", IMAGE_BUILD: "false" });
    nineAfter = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
    made.push(nineAfter);
    cpSync(nineBefore, nineAfter, { recursive: true });
    const stackFile = join(nineAfter, "stacks", "nine-e5", "cdk.tf.json");
    const tf = JSON.parse(readFileSync(stackFile, "utf8"));
    const [autoscale] = Object.values(tf.resource.azurerm_monitor_autoscale_setting) as any[];
    autoscale.profile[0].capacity.maximum = 12;
    writeFileSync(stackFile, JSON.stringify(tf));
  });

  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  describe("review size", () => {
    it("fits the default synth's report without a baseline in about 8 KB", () => {
      const report = review("--outdir", defaultSynth);
      expect(report).toContain("## Synth review");
      expect(Buffer.byteLength(report)).toBeLessThanOrEqual(8 * 1024);
    });

    it("fits one changed setting in one environment of nine in about 2 KB above the folded details", () => {
      const report = review("--outdir", nineAfter, "--baseline", nineBefore);
      const top = aboveTheFold(report);
      expect(top).toContain("`profile[0].capacity.maximum` `10` → `12`");
      expect(top).toContain("in `nine-e5`");
      expect(Buffer.byteLength(top)).toBeLessThanOrEqual(2 * 1024);
      // The details hold the change attribute by attribute, for the one stack that changes.
      expect(report.match(/<details><summary><code>nine-/g)).toHaveLength(1);
    });
  });
});
