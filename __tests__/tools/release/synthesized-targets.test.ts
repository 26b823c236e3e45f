import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { loadConfig } from "../../../config/load-config";
import { addPlatformStacks } from "../../../stacks/platform";
import { resolveTargets } from "../../../tools/release/release-targets";
import { settingsFromConfig } from "../../../tools/release/settings-from-config";
import { UsageError } from "../../../tools/release/usage-error";
import { REPO_ROOT } from "../../stacks/platform-fixture";

describe("the release tool reads what synth writes", () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
    const app = new App({ outdir });
    addPlatformStacks(app, loadConfig({ IMAGE_TAG: "1.4.2", IMAGE_BUILD: "false" }), REPO_ROOT);
    app.synth();
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test("targets and the expected version come from the synthesized prod stack", () => {
    expect(resolveTargets({ env: "prod", outdir, slot: "staging" })).toEqual({
      appName: "app-contoso-prod-api",
      resourceGroup: "rg-contoso-prod",
      slot: "staging",
      stagingUrl: "https://app-contoso-prod-api-staging.azurewebsites.net",
      productionUrl: "https://app-contoso-prod-api.azurewebsites.net",
      source: join(outdir, "stacks", "contoso-prod", "cdk.tf.json"),
      stagingImageTag: "1.4.2",
    });
  });

  test("dev has no staging slot to release", () => {
    expect(() => resolveTargets({ env: "dev", outdir, slot: "staging" })).toThrow(UsageError);
  });
});

describe("release settings from the project config", () => {
  test("the default environments get the default settings", () => {
    expect(settingsFromConfig("prod", {})).toMatchObject({
      healthPath: "/health",
      criticalPaths: [],
      gates: [],
    });
  });

  test("an environment's release section is used", () => {
    const dir = mkdtempSync(join(REPO_ROOT, "cdktf.out.jest-"));
    try {
      const file = join(dir, "config.json");
      writeFileSync(
        file,
        JSON.stringify({
          app: { name: "shop", location: "northeurope" },
          environments: {
            prod: {
              plan: { sku: "S1" },
              release: { criticalPaths: [{ path: "/orders", expectedStatus: 401 }], latency: { samples: 5 } },
            },
          },
        }),
      );
      const settings = settingsFromConfig("prod", { APP_CONFIG_FILE: file });
      expect(settings.criticalPaths).toEqual([{ path: "/orders", expectedStatus: 401 }]);
      expect(settings.latency).toEqual({ samples: 5, p95ThresholdMs: 500, healthMaxMs: 100 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an unknown environment or a bad config is a usage error listing the problem", () => {
    expect(() => settingsFromConfig("qa", {})).toThrow(
      '--env: "qa" is not an environment of the config (dev, prod)',
    );
    expect(() => settingsFromConfig("prod", { AZURE_LOCATION: "westeuropa" })).toThrow(UsageError);
  });
});
