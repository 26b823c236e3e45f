import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../config/load-config";
import { helpText, runReview } from "../../../tools/review/cli";
import { synthFolder } from "../../stacks/platform-fixture";

describe("tools/review/report", () => {
  const base = join(__dirname, "fixtures", "base");
  const changed = join(__dirname, "fixtures", "changed");

  /** Values planted in the fixtures under secret attributes, secret-looking app settings and a sensitive variable. */
  const PLANTED_SECRETS = [
    "hunter2-SECRET",
    "hunter3-SECRET",
    "s3cr3t-DEFAULT",
    "pw-IN-URL",
    "pw2-IN-URL",
    "plain-TOKEN-VALUE",
    "reg-PASS-SECRET",
    "pg-ADMINPW",
  ];

  function review(...argv: string[]): string {
    const result = runReview(argv);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    return result.stdout;
  }

  /** The folded section of one stack. */
  function details(report: string, stack: string): string {
    const start = report.indexOf(`<details><summary><code>${stack}</code>`);
    expect(start).toBeGreaterThanOrEqual(0);
    return report.slice(start, report.indexOf("</details>", start));
  }

  /** Everything before the first folded section. */
  function aboveTheFold(report: string): string {
    return report.slice(0, report.indexOf("<details>"));
  }

  /** A scratch copy of a fixture, removed after each test. */
  function scratch(from: string): string {
    const dir = mkdtempSync(join(tmpdir(), "review-"));
    cpSync(from, dir, { recursive: true });
    scratchDirs.push(dir);
    return dir;
  }
  const scratchDirs: string[] = [];
  afterEach(() => {
    for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  describe("review against a baseline", () => {
    const report = review("--outdir", changed, "--baseline", base);

    it("opens with the verdict and its reasons", () => {
      expect(
        report.startsWith("## Synth review: high risk\n\n**High risk.** 2 stateful resources may lose data"),
      ).toBe(true);
      expect(report).toContain("4 stacks of 4 change.");
    });

    it("lists a replacement with the attribute that forces it and what is lost, above the details", () => {
      expect(aboveTheFold(report)).toContain(
        "- **Replaced, data lost** registry `demoacr2` in `demo-shared`: `name` `demoacr` → `demoacr2`. " +
          "Every image in it is deleted, and its globally unique name is free for anyone to take.",
      );
    });

    it("folds the changes per stack, attribute by attribute, replacements called out", () => {
      const shared = details(report, "demo-shared");
      expect(shared).toContain("(changed): 1 changed");
      expect(shared).toContain(
        "- changed: registry `demoacr2` (`azurerm_container_registry.acr`) **replaced**\n" +
          "  - `name`: `demoacr` → `demoacr2` (forces replacement)\n" +
          "  - `sku`: `Premium` → `Standard`\n",
      );
      const dev = details(report, "demo-dev");
      expect(dev).toContain("- added: metric alert `demo-dev-cpu` (`azurerm_monitor_metric_alert.cpu`)");
      expect(dev).toContain(
        "- removed: access policy `demo-dev-kv/vault/deployer` (`azurerm_key_vault_access_policy.deployer`)",
      );
      expect(dev).toContain(
        "  - `site_config.application_stack.docker_image_name`: `api:1.0.0` → `api:1.1.0`\n",
      );
      expect(dev).toContain("  - `value`: `(redacted)` → `(redacted)`");
      expect(dev).toContain(
        "- may be replaced with their parent web app `demo-dev-api`: slot `demo-dev-api/staging`",
      );
      expect(details(report, "demo-new")).toContain("(added): 1 added");
      expect(details(report, "demo-old")).toContain("(removed): 1 removed");
    });

    it("lists the policy findings and suppressions the baseline did not have", () => {
      const top = aboveTheFold(report);
      expect(top).toContain(
        "- **Policy error** `APP001` at `demo-dev/api/app`: app setting API_TOKEN holds a literal value; use a Key Vault reference",
      );
      expect(top).toContain(
        "- **Suppression added** `APP005` at `demo-dev/db/server`: burstable SKU accepted for dev",
      );
      expect(report).toContain("<details><summary>Policy: 2 finding(s), 1 suppression(s)</summary>");
    });

    it("calls out a suppression that matched nothing", () => {
      const dir = scratch(changed);
      writeFileSync(
        join(dir, "policy-report.json"),
        JSON.stringify({
          findings: [],
          suppressions: [{ rule: "APS001", path: "x/api/app", reason: "old", used: false }],
        }),
      );
      expect(review("--outdir", dir, "--baseline", base)).toContain(
        "- **Stale suppression** `APS001` at `x/api/app`: old (it matched nothing: remove it)",
      );
    });

    it("says so when nothing changed", () => {
      expect(review("--outdir", base, "--baseline", base)).toBe(
        "## Synth review: no changes\n\n**No changes.** No changes against the baseline.\n\n" +
          "No policy report (policy-report.json is absent).\n",
      );
    });

    it.each(PLANTED_SECRETS)(
      "never prints the planted secret %s, in Markdown or JSON, either way",
      (secret) => {
        expect(report).not.toContain(secret);
        expect(review("--outdir", base, "--baseline", changed)).not.toContain(secret);
        expect(review("--outdir", changed, "--baseline", base, "--format", "json")).not.toContain(secret);
        expect(review("--outdir", changed, "--format", "json")).not.toContain(secret);
        expect(review("--outdir", changed)).not.toContain(secret);
      },
    );
  });

  describe("review without a baseline", () => {
    const report = review("--outdir", changed);

    it("says there is nothing to compare and what stands open", () => {
      expect(report).toContain(
        "No baseline, so no changes: 3 stacks, 19 resources (5 stateful) as synthesized.",
      );
      expect(report).toContain("### As it stands");
    });

    it("describes each stack folded: its settings, grants per principal, the rest counted", () => {
      const dev = details(report, "demo-dev");
      expect(dev).toContain("<code>demo-dev</code>: 16 resources, after demo-shared</summary>");
      expect(dev).toContain("- state: HCP Terraform: organization `acme-platform`, workspace `demo-dev`");
      expect(dev).toContain(
        "- grants to identity `demo-dev-api-id`: `AcrPull` on `/subscriptions/0000/resourceGroups/demo-shared-rg/providers…`; " +
          "`Key Vault Secrets User` on key vault `demo-dev-kv`",
      );
      expect(dev).toContain(
        "- autoscale: `demo-dev-autoscale` (default: min 2, default 2, max 6, CpuPercentage > 80 +2",
      );
      expect(dev).toMatch(/- web app: `demo-dev-api` \(image api:1\.1\.0, .*from Key Vault DB_PASSWORD/);
      expect(dev).toContain("- key vault: `demo-dev-kv` (standard, RBAC, purge protection");
      expect(dev).toContain("- secret ×2: `demo-dev-kv/db-password` (version 2)");
    });

    it("lists policy findings and every suppression as they stand", () => {
      expect(aboveTheFold(report)).toContain("- **Suppression** `APP005` at `demo-dev/db/server`");
    });

    it("says so when there is no policy report", () => {
      const plain = review("--outdir", base);
      expect(plain).toContain("No policy report (policy-report.json is absent).");
      expect(plain).not.toContain("### What to check");
    });
  });

  describe("review cli", () => {
    it("documents the flags and how to keep npm's banner out of the file", () => {
      for (const text of [
        "--baseline <dir>",
        "--format <format>",
        "--output <file>",
        "npm run --silent review",
      ]) {
        expect(helpText).toContain(text);
      }
      expect(runReview(["--help"])).toEqual({ code: 0, stdout: `${helpText}\n`, stderr: "" });
    });

    it("writes only the report to standard output, or only to --output", () => {
      const dir = scratch(base);
      const file = join(dir, "review.md");
      expect(runReview(["--outdir", changed, "--baseline", base, "--output", file])).toEqual({
        code: 0,
        stdout: "",
        stderr: "",
      });
      expect(readFileSync(file, "utf8")).toBe(review("--outdir", changed, "--baseline", base));
    });

    it("gives the same findings as JSON", () => {
      const json = JSON.parse(review("--outdir", changed, "--baseline", base, "--format", "json"));
      expect(json.verdict.level).toBe("high risk");
      expect(json.baseline).toBe(base);
      const kinds = json.findings.map((finding: { kind: string }) => finding.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(["replaced", "grant removed", "secret rotated", "policy finding"]),
      );
      expect(json.findings[0]).toMatchObject({
        kind: "replaced",
        stack: "demo-shared",
        address: "azurerm_container_registry.acr",
        subject: { label: "registry", name: "demoacr2" },
        changes: [{ path: "name", before: "demoacr", after: "demoacr2" }],
      });
      const dev = json.changes.find((stack: { stack: string }) => stack.stack === "demo-dev");
      expect(dev.removed).toEqual([
        {
          address: "azurerm_key_vault_access_policy.deployer",
          label: "access policy",
          name: "demo-dev-kv/vault/deployer",
        },
      ]);
    });

    it.each([
      [["--outdir"], "review: --outdir: needs a value, e.g. --outdir cdktf.out\n"],
      [
        ["--verbose"],
        "review: --verbose: unknown flag; known flags are --outdir, --baseline, --format, --output, --help\n",
      ],
      [["--help=yes"], 'review: --help: takes no value, got "yes"\n'],
      [["--format", "html"], 'review: --format: "html" is not a format; use markdown or json\n'],
      [["cdktf.out"], 'review: "cdktf.out": unexpected argument; flags start with -- (see --help)\n'],
      [
        ["--outdir", "/nonexistent/out"],
        'review: --outdir: "/nonexistent/out" is not a directory; it must be a cdktf output directory (run npm run synth)\n',
      ],
    ])("rejects %j with one message naming the flag", (argv, message) => {
      expect(runReview(argv)).toEqual({ code: 1, stdout: "", stderr: message });
    });

    it("reports every flag problem at once", () => {
      const result = runReview(["--format", "xml", "--verbose", "stray"]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(3);
    });

    describe("bad input", () => {
      it("rejects a baseline folder that is not a synth", () => {
        expect(runReview(["--outdir", base, "--baseline", __dirname])).toEqual({
          code: 1,
          stdout: "",
          stderr: `review: --baseline: "${__dirname}" has no manifest.json; it must be a cdktf output directory (run npm run synth)\n`,
        });
      });

      it("names every stack folder without its cdk.tf.json, and both directories' problems at once", () => {
        const dir = scratch(changed);
        rmSync(join(dir, "stacks", "demo-dev", "cdk.tf.json"));
        rmSync(join(dir, "stacks", "demo-new"), { recursive: true });
        mkdirSync(join(dir, "stacks", "demo-new"));
        const result = runReview(["--outdir", dir, "--baseline", join(dir, "missing")]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe("");
        expect(result.stderr).toBe(
          [
            `review: --outdir: ${join(dir, "stacks/demo-dev/cdk.tf.json")}: missing, but stack "demo-dev" is listed in ${join(dir, "manifest.json")}`,
            `review: --outdir: ${join(dir, "stacks/demo-new/cdk.tf.json")}: missing, but stack "demo-new" is listed in ${join(dir, "manifest.json")}`,
            `review: --baseline: "${join(dir, "missing")}" is not a directory; it must be a cdktf output directory (run npm run synth)`,
            "",
          ].join("\n"),
        );
      });

      it("rejects a manifest that is not a cdktf manifest, naming the field", () => {
        const dir = scratch(base);
        writeFileSync(join(dir, "manifest.json"), JSON.stringify({ stacks: { x: { name: "x" } } }));
        const result = runReview(["--outdir", dir]);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /^review: --outdir: .*manifest\.json: stacks\.x\.synthesizedStackPath: /,
        );
      });

      it("names the policy report's file and field", () => {
        const dir = scratch(base);
        writeFileSync(
          join(dir, "policy-report.json"),
          JSON.stringify({ findings: [{ rule: "X", severity: "fatal" }] }),
        );
        const result = runReview(["--outdir", dir]);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^review: --outdir: .*policy-report\.json: findings\.0\.severity: /);
      });

      it("reports invalid JSON without a stack trace", () => {
        const dir = scratch(base);
        writeFileSync(join(dir, "policy-report.json"), "{ not json");
        const result = runReview(["--outdir", dir]);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/policy-report\.json: not valid JSON/);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      });

      it("cannot write --output into a missing folder", () => {
        const result = runReview(["--outdir", base, "--output", "/nonexistent/dir/review.md"]);
        expect(result).toEqual({
          code: 1,
          stdout: "",
          stderr: 'review: --output: cannot write "/nonexistent/dir/review.md" (ENOENT)\n',
        });
      });
    });
  });

  describe("the report of a real synth", () => {
    test("describes the data services and the network a reviewer needs to see", () => {
      const outdir = synthFolder(loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "prod" }));
      try {
        const report = review("--outdir", outdir);
        expect(report).toContain(
          "- database server: `psql-contoso-prod` (GP_Standard_D2s_v3, 128 GiB, backups 35 days",
        );
        expect(report).toContain("no public network access)");
        expect(report).toContain("- network: `vnet-contoso-prod` (10.20.0.0/16)");
        expect(report).toMatch(/- plan: `asp-contoso-prod` \(P1v3, 2 worker\(s\), Linux, zone balanced\)/);
        expect(report).toMatch(/- grants to identity `id-contoso-prod-pull-api`: `AcrPull` on registry `cr/);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    });
  });
});
