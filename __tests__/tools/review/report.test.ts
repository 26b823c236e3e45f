import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { loadConfig } from "../../../config/load-config";
import { addPlatformStacks } from "../../../stacks/platform";
import { runReview } from "../../../tools/review/cli";

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

/** A Terraform reference as cdktf writes it into the JSON. */
const ref = (expression: string) => `\${${expression}}`;

function review(...argv: string[]): string {
  const result = runReview(argv);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return result.stdout;
}

/** The lines of the section that starts with `heading`, up to the next heading of the same or higher level. */
function section(report: string, heading: string): string {
  const start = report.indexOf(`\n${heading}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const level = heading.match(/^#+/)?.[0] ?? "#";
  const rest = report.slice(start + 1 + heading.length);
  const next = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return next === -1 ? rest : rest.slice(0, next);
}

describe("review report", () => {
  const report = review("--outdir", changed, "--baseline", base);

  it("lists the stacks with backends and counts", () => {
    expect(report).toContain("3 stack(s), 19 resource(s), 1 data source(s)");
    expect(report).toContain(
      "| `demo-dev` | HCP Terraform: organization `acme-platform`, workspace `demo-dev` | 17 | `demo-shared` |",
    );
    expect(report).toContain(
      "| `demo-shared` | local: `/work/state/terraform.demo-shared.tfstate` | 2 | - |",
    );
  });

  it("counts resources by type per stack", () => {
    const dev = section(report, "### Stack `demo-dev`");
    expect(dev).toContain("| `azurerm_monitor_metric_alert` | 2 |");
    expect(dev).toContain("| `azurerm_role_assignment` | 2 |");
    expect(dev).toContain("| `data.azurerm_client_config` | 1 |");
  });

  it("shows role grants with their scopes and principals", () => {
    const dev = section(report, "### Stack `demo-dev`");
    expect(dev).toContain(
      [
        "- `azurerm_role_assignment.kv_secrets_user` (`demo-dev/vault/secrets-user`)",
        "  - role_definition_name: `Key Vault Secrets User`",
        `  - scope: \`${ref("azurerm_key_vault.kv.id")}\``,
        `  - principal_id: \`${ref("azurerm_user_assigned_identity.api_identity.principal_id")}\``,
      ].join("\n"),
    );
    expect(dev).toContain("  - role_definition_name: `AcrPull`");
  });

  it("summarizes autoscale capacity and each rule", () => {
    expect(report).toContain("  - profile default capacity: `min 2, default 2, max 6`");
    expect(report).toContain(
      "  - rule 1: `CpuPercentage Average GreaterThan 80 over PT5M -> Increase by 2 ChangeCount, cooldown PT5M`",
    );
    expect(report).toContain(
      "  - rule 2: `CpuPercentage Average LessThan 30 over PT10M -> Decrease by 1 ChangeCount, cooldown PT5M`",
    );
  });

  it("shows web app and slot settings, including a slot written with single-element block lists", () => {
    expect(report).toContain("  - image: `api:1.1.0`");
    expect(report).toContain("  - image: `api:1.2.0-rc1`");
    expect(report).toContain("  - site_config.ftps_state: `Disabled`");
    expect(report).toContain('  - sticky_settings.app_setting_names: `["WEBSITES_PORT"]`');
    expect(report).toMatch(/app_settings: `WEBSITES_PORT=8000, DB_PASSWORD=@Microsoft\.KeyVault\(SecretUri=/);
    expect(report).toContain("DATABASE_URL=(redacted), API_TOKEN=(redacted), FEATURE_FLAG=on");
  });

  it("shows alerts, key vault settings and secrets by name and version", () => {
    expect(report).toContain("  - criteria: `Http5xx Total GreaterThan 5`");
    expect(report).toContain("  - window_duration: `PT15M`");
    expect(report).toContain("  - rbac_authorization_enabled: `true`");
    expect(report).toContain("  - purge_protection_enabled: `true`");
    expect(report).toContain("  - name: `db-password`\n  - value_wo_version: `2`");
  });

  it("lists variables with their flags and never a sensitive default", () => {
    expect(report).toContain("| `db_password` | yes | yes | `(redacted)` |");
    expect(report).toContain("| `image_tag` | - | - | `1.0.0` |");
  });

  it("renders policy findings and suppressions", () => {
    expect(report).toContain("Policy: 1 error(s), 1 warning(s), 1 suppression(s).");
    expect(report).toContain(
      "| **error** | APP001 | `demo-dev/api/app` | app setting API_TOKEN holds a literal value; use a Key Vault reference |",
    );
    expect(report).toContain("| APP005 | `demo-dev/db/server` | burstable SKU accepted for dev | yes |");
  });

  it("calls out a suppression that matched nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "review-"));
    try {
      cpSync(changed, dir, { recursive: true });
      writeFileSync(
        join(dir, "policy-report.json"),
        JSON.stringify({
          findings: [],
          suppressions: [{ rule: "APS001", path: "x/api/app", reason: "old", used: false }],
        }),
      );
      expect(review("--outdir", dir)).toContain("| APS001 | `x/api/app` | old | **nothing: remove it** |");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says so when there is no policy report", () => {
    const plain = review("--outdir", base);
    expect(plain).toContain("No policy report");
    expect(plain).not.toContain("### Changes");
  });

  it("lists changes per stack and calls out replacements", () => {
    const changes = section(report, "### Changes against");
    expect(changes).toContain("#### Stack `demo-new` (added)");
    expect(changes).toContain("#### Stack `demo-old` (removed)");
    expect(changes).toContain("- added: `azurerm_monitor_metric_alert.cpu`");
    expect(changes).toContain("- removed: `azurerm_key_vault_access_policy.deployer`");
    expect(changes).toContain(
      "- changed: `azurerm_container_registry.acr` **REPLACED** (`name` forces a new resource)\n" +
        "  - `name`: `demoacr` -> `demoacr2` (forces replacement)\n" +
        "  - `sku`: `Premium` -> `Standard`\n",
    );
    expect(changes).toContain(
      "  - `site_config.application_stack.docker_image_name`: `api:1.0.0` -> `api:1.1.0`\n",
    );
    expect(changes).toContain("  - `value`: `(redacted)` -> `(redacted)`");
  });

  it.each(PLANTED_SECRETS)("never prints the planted secret %s", (secret) => {
    expect(report).not.toContain(secret);
    expect(review("--outdir", base, "--baseline", changed)).not.toContain(secret);
  });
});

describe("review cli", () => {
  it("prints help", () => {
    expect(runReview(["--help"])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("--baseline <dir>"),
    });
  });

  it.each([
    [["--outdir"], "review: --outdir: needs a directory, e.g. --outdir cdktf.out\n"],
    [["--verbose"], "review: --verbose: unknown flag; known flags are --outdir, --baseline, --help\n"],
    [["--help=yes"], 'review: --help: takes no value, got "yes"\n'],
    [["cdktf.out"], 'review: "cdktf.out": unexpected argument; flags start with -- (see --help)\n'],
    [
      ["--outdir", "/nonexistent/out"],
      'review: --outdir: "/nonexistent/out" is not a directory; it must be a cdktf output directory (run npm run synth)\n',
    ],
    [
      ["--outdir", base, "--baseline", __dirname],
      `review: --baseline: "${__dirname}" has no manifest.json; it must be a cdktf output directory (run npm run synth)\n`,
    ],
  ])("rejects %j with one message naming the flag", (argv, message) => {
    expect(runReview(argv)).toEqual({ code: 1, stdout: "", stderr: message });
  });

  describe("with a broken policy report", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "review-"));
      cpSync(base, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("names the file and the field", () => {
      writeFileSync(
        join(dir, "policy-report.json"),
        JSON.stringify({ findings: [{ rule: "X", severity: "fatal" }] }),
      );
      const result = runReview(["--outdir", dir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^review: --outdir: .*policy-report\.json: findings\.0\.severity: /);
    });

    it("reports invalid JSON without a stack trace", () => {
      writeFileSync(join(dir, "policy-report.json"), "{ not json");
      const result = runReview(["--outdir", dir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/policy-report\.json: not valid JSON/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });
});

describe("the report of a real synth", () => {
  test("summarizes the data services and the network a reviewer needs to see", () => {
    const root = join(__dirname, "../../..");
    const outdir = mkdtempSync(join(root, "cdktf.out.jest-"));
    try {
      const app = new App({ outdir });
      addPlatformStacks(
        app,
        loadConfig({ IMAGE_TAG: "v1", IMAGE_BUILD: "false", ENVIRONMENTS: "prod" }),
        root,
      );
      app.synth();
      const report = review("--outdir", outdir);
      expect(report).toContain("  - sku_name: `GP_Standard_D2s_v3`");
      expect(report).toContain("  - public_network_access_enabled: `false`");
      expect(report).toContain("  - administrator_password_wo_version: `1`");
      expect(report).toContain('  - address_space: `["10.20.0.0/16"]`');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
