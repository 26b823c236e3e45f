import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  defaultAppUrl,
  releaseFilePath,
  releaseFileSchema,
  releaseFiles,
  writeReleaseFiles,
} from "../../app/release-files";
import { loadConfig } from "../../config/load-config";
import { resolveImageSource } from "../../stacks/image-source";
import { REPO_ROOT } from "../run-entry-point";

describe("releaseFiles", () => {
  it("gives each environment its names, slots with URLs, image tag and release settings", () => {
    const [dev, prod] = releaseFiles(loadConfig({}), "1.4.2");
    expect(prod).toEqual({
      environment: "prod",
      app: "contoso",
      resourceGroup: "rg-contoso-prod",
      appName: "app-contoso-prod-api",
      productionUrl: "https://app-contoso-prod-api.azurewebsites.net",
      slots: [{ name: "staging", url: "https://app-contoso-prod-api-staging.azurewebsites.net" }],
      imageTag: "1.4.2",
      settings: loadConfig({}).environments.prod.release,
    });
    expect(dev).toMatchObject({ environment: "dev", appName: "app-contoso-dev-api", slots: [] });
  });

  it("follows the config: name suffix, slots and release section", () => {
    const config = loadConfig({ NAME_SUFFIX: "x7" });
    const prod = config.environments.prod;
    const custom = {
      ...config,
      environments: {
        qa: {
          ...prod,
          slots: ["blue", "green"],
          release: { ...prod.release, maxErrorRatePercent: 1 },
        },
      },
    };
    const [qa] = releaseFiles(custom, "2.0.0");
    expect(qa.appName).toBe("app-contoso-qa-api-x7");
    expect(qa.slots.map((s) => s.url)).toEqual([
      "https://app-contoso-qa-api-x7-blue.azurewebsites.net",
      "https://app-contoso-qa-api-x7-green.azurewebsites.net",
    ]);
    expect(qa.settings.maxErrorRatePercent).toBe(1);
  });

  it("writes only what the release file schema reads back unchanged", () => {
    for (const file of releaseFiles(loadConfig({}), "1.4.2")) {
      expect(releaseFileSchema.parse(JSON.parse(JSON.stringify(file)))).toEqual(file);
    }
  });
});

describe("defaultAppUrl", () => {
  it("is App Service's default host name of the app or of a slot", () => {
    expect(defaultAppUrl("app-a")).toBe("https://app-a.azurewebsites.net");
    expect(defaultAppUrl("app-a", "staging")).toBe("https://app-a-staging.azurewebsites.net");
  });
});

describe("writeReleaseFiles", () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), "release-files-"));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  it("writes release/<env>.json for the selected environments, with the image tag the synth deploys", () => {
    const config = loadConfig({ ENVIRONMENTS: "prod" });
    writeReleaseFiles(outdir, config, REPO_ROOT);
    expect(readdirSync(join(outdir, "release"))).toEqual(["prod.json"]);
    const written = JSON.parse(readFileSync(releaseFilePath(outdir, "prod"), "utf8"));
    expect(written.imageTag).toBe(resolveImageSource(config, REPO_ROOT).tag);
    expect(written.imageTag).toMatch(/^[0-9a-f]{16}$/);
  });

  it("takes IMAGE_TAG as the tag when it is set", () => {
    writeReleaseFiles(outdir, loadConfig({ IMAGE_TAG: "3.1.0" }), REPO_ROOT);
    expect(JSON.parse(readFileSync(releaseFilePath(outdir, "dev"), "utf8")).imageTag).toBe("3.1.0");
  });
});
