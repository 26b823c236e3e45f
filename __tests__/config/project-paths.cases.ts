import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../config/config-error";
import { loadConfig } from "../../config/load-config";

describe("config/project-paths", () => {
  /** A project folder with a build context and a front end, and a folder outside it. */
  let base: string;
  let project: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), "project-paths-"));
    project = join(base, "project");
    mkdirSync(join(project, "api"), { recursive: true });
    writeFileSync(join(project, "api", "Dockerfile"), "FROM scratch\n");
    mkdirSync(join(project, "site"), { recursive: true });
    writeFileSync(join(project, "site", "index.html"), "<html></html>\n");
    mkdirSync(join(base, "outside"), { recursive: true });
    symlinkSync(join(base, "outside"), join(project, "escape"));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  function problemsWith(image: Record<string, unknown>, web: Record<string, unknown>): string[] {
    const file = join(base, "config.json");
    writeFileSync(
      file,
      JSON.stringify({
        app: { name: "shop", location: "northeurope" },
        image: { context: "api", ...image },
        web: { sourceDir: "site", ...web },
        environments: { dev: { plan: { sku: "B1" } } },
      }),
    );
    try {
      loadConfig({ APP_CONFIG_FILE: file }, project);
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems.map((p) => `${p.field} = ${JSON.stringify(p.value)}: ${p.rule}`);
    }
  }

  test("folders inside the project are accepted", () => {
    expect(problemsWith({}, {})).toEqual([]);
  });

  test.each([
    ["a parent folder", "../outside"],
    ["an absolute path elsewhere", "/tmp"],
    ["a symbolic link that points out", "escape"],
  ])("%s is refused, naming the field", (_what, path) => {
    const problems = problemsWith({ context: path }, { sourceDir: path });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      new RegExp(`^image\\.context = "${path.replace(/[./]/g, "\\$&")}": must resolve inside the project`),
    );
    expect(problems[1]).toMatch(/^web\.sourceDir = .*: must resolve inside the project/);
  });

  test("a missing folder and a path with a Terraform template sequence are refused", () => {
    expect(problemsWith({ context: "nowhere" }, { sourceDir: "site/${path.module}" })).toEqual([
      'image.context = "nowhere": must be an existing folder inside the project (relative to the project root)',
      'web.sourceDir = "site/${path.module}": must not contain "${" or "%{" (Terraform template sequences)',
    ]);
  });

  test("paths that are not read are not checked (prebuilt image, no front end)", () => {
    expect(
      problemsWith({ context: "../outside", build: false, tag: "v1" }, { sourceDir: "/tmp", enabled: false }),
    ).toEqual([]);
  });
});
