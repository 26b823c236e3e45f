import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, runEntryPoint } from "./run-entry-point";

/** Secret-looking values planted in every secret input a user or CI could pass. */
const SECRETS = {
  TF_VAR_api_key: "sk-live-Zq81hunter2-API-KEY",
  TF_VAR_database_url_production: "postgresql://admin:Pr0d-P4ssw0rd!@db.example:5432/app",
  TF_VAR_database_url_staging: "postgresql://admin:St4g-P4ssw0rd!@db.example:5432/app",
  ARM_CLIENT_SECRET: "arm-client-secret-8f3Kq~Zz",
  ARM_ACCESS_KEY: "arm-access-key-QmFzZTY0",
  DOCKER_REGISTRY_PASS: "docker-registry-pass-77Xy",
  TFE_TOKEN: "tfe-token-abcdef.atlasv1.123456",
};

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

test("no secret input appears in cdktf.out/, in synth's output or in the review report", () => {
  const work = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
  try {
    const outdir = join(work, "cdktf.out");
    const synth = runEntryPoint("main.ts", [], { ...SECRETS, CDKTF_OUTDIR: outdir });
    expect(synth.status).toBe(0);
    const review = runEntryPoint("tools/review/cli.ts", ["--outdir", outdir], SECRETS);
    expect(review.status).toBe(0);

    const texts = [
      synth.stdout,
      synth.stderr,
      review.stdout,
      review.stderr,
      ...filesBelow(outdir).map((f) => readFileSync(f, "utf8")),
    ];
    expect(texts.length).toBeGreaterThan(8);
    for (const secret of Object.values(SECRETS)) {
      for (const text of texts) expect(text).not.toContain(secret);
    }
    // The secrets are wired, by reference: the variable feeds a write-only attribute, and the
    // generated database password reaches the server and the DATABASE_URL secrets only by reference.
    const prod = readFileSync(join(outdir, "stacks", "contoso-prod", "cdk.tf.json"), "utf8");
    expect(prod).toContain('"value_wo": "${var.api_key}"');
    expect(prod).toMatch(/"administrator_password_wo": "\$\{random_password\.[\w-]+\.result\}"/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("a literal secret typed into the config fails synth without echoing it", () => {
  const work = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
  try {
    const config = join(work, "config.json");
    const secret = "literal-Pa55word-in-config";
    writeFileSync(
      config,
      JSON.stringify({
        app: { name: "shop", location: "northeurope" },
        api: { settings: { SMTP_PASSWORD: secret } },
        environments: { dev: { plan: { sku: "B1" } } },
      }),
    );
    const synth = runEntryPoint("main.ts", [], {
      APP_CONFIG_FILE: config,
      CDKTF_OUTDIR: join(work, "cdktf.out"),
      IMAGE_TAG: "v1",
    });
    expect(synth.status).toBe(1);
    expect(synth.stderr).toContain(
      "APS020 at shop-dev/api/app: Secrets come from Key Vault: app setting SMTP_PASSWORD holds a literal value",
    );
    expect(synth.stderr + synth.stdout).not.toContain(secret);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
