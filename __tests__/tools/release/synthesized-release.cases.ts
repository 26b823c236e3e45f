import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { releaseFiles } from "../../../app/release-files";
import { loadConfig } from "../../../config/load-config";
import { readSynthesizedRelease, synthesizedEnvironments } from "../../../tools/release/synthesized-release";
import { UsageError } from "../../../tools/release/usage-error";

describe("tools/release/synthesized-release", () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), "release-synth-"));
    mkdirSync(join(outdir, "release"));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  const fileOf = (env: string) => join(outdir, "release", `${env}.json`);
  const write = (env: string, content: unknown) =>
    writeFileSync(fileOf(env), typeof content === "string" ? content : JSON.stringify(content));
  const [dev, prod] = releaseFiles(loadConfig({}), "1.4.2");

  function problemsOf(read: () => unknown): readonly string[] {
    try {
      read();
    } catch (error) {
      if (error instanceof UsageError) return error.problems;
      throw error;
    }
    throw new Error("expected a UsageError");
  }

  describe("readSynthesizedRelease", () => {
    it("reads what the synth wrote, and nothing when it wrote no file for the environment", () => {
      write("prod", prod);
      expect(readSynthesizedRelease(outdir, "prod")).toEqual({ file: fileOf("prod"), release: prod });
      expect(readSynthesizedRelease(outdir, "qa")).toBeUndefined();
      expect(readSynthesizedRelease(join(outdir, "nothing-here"), "prod")).toBeUndefined();
    });

    it("checks the settings again, naming the file and the field", () => {
      write("prod", { ...prod, settings: { ...prod.settings, maxErrorRatePercent: 150 } });
      expect(problemsOf(() => readSynthesizedRelease(outdir, "prod"))).toEqual([
        `${fileOf("prod")} settings.maxErrorRatePercent: 150 — must be a percentage from 0 to 100`,
        `${fileOf("prod")}: not what this version's synth writes; run \`npm run synth\` again`,
      ]);
    });

    it("refuses a file that is not JSON or belongs to another environment", () => {
      write("prod", "{ not json");
      expect(problemsOf(() => readSynthesizedRelease(outdir, "prod"))[0]).toMatch(
        new RegExp(`^${fileOf("prod")}: cannot read it as JSON — .*; run \`npm run synth\` again$`),
      );
      write("qa", dev);
      expect(problemsOf(() => readSynthesizedRelease(outdir, "qa"))).toEqual([
        `${fileOf("qa")}: written for environment "dev", not "qa"; run \`npm run synth\` again`,
      ]);
    });
  });

  describe("synthesizedEnvironments", () => {
    it("lists the environments with a release file", () => {
      write("prod", prod);
      write("dev", dev);
      expect(synthesizedEnvironments(outdir)).toEqual(["dev", "prod"]);
      expect(synthesizedEnvironments(join(outdir, "nothing-here"))).toEqual([]);
    });
  });
});
