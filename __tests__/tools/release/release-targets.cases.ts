import { join } from "node:path";
import { type ReleaseFile, releaseFiles } from "../../../app/release-files";
import { loadConfig } from "../../../config/load-config";
import { resolveTargets, type TargetFlags } from "../../../tools/release/release-targets";
import { UsageError } from "../../../tools/release/usage-error";

const file = join("cdktf.out", "release", "prod.json");
const prod = releaseFiles(loadConfig({}), "1.4.2").find((f) => f.environment === "prod") as ReleaseFile;
const synthesized = (release: Partial<ReleaseFile> = {}) => ({ file, release: { ...prod, ...release } });
const flags = (overrides: Partial<TargetFlags> = {}): TargetFlags => ({
  env: "prod",
  outdir: "cdktf.out",
  ...overrides,
});

function problemsOf(resolve: () => unknown): readonly string[] {
  try {
    resolve();
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("resolveTargets from the synth's release file", () => {
  it("takes app, resource group, slot, URLs and image tag from it", () => {
    expect(resolveTargets(flags(), synthesized())).toEqual({
      appName: "app-contoso-prod-api",
      resourceGroup: "rg-contoso-prod",
      slot: "staging",
      stagingUrl: "https://app-contoso-prod-api-staging.azurewebsites.net",
      productionUrl: "https://app-contoso-prod-api.azurewebsites.net",
      source: file,
      stagingImageTag: "1.4.2",
    });
  });

  it("accepts flags that agree with it, and URLs for a custom domain", () => {
    const targets = resolveTargets(
      flags({
        app: "contoso",
        appFrom: "APP_NAME",
        appName: "app-contoso-prod-api",
        resourceGroup: "rg-contoso-prod",
        slot: "staging",
        imageTag: "1.4.2",
        productionUrl: "https://shop.contoso.example",
        stagingUrl: "https://staging.shop.contoso.example",
      }),
      synthesized(),
    );
    expect(targets).toMatchObject({
      productionUrl: "https://shop.contoso.example",
      stagingUrl: "https://staging.shop.contoso.example",
    });
  });

  it("refuses every flag and variable that contradicts it, all at once", () => {
    const given = flags({
      app: "blog",
      appFrom: "APP_NAME",
      appName: "app-blog-prod-api",
      resourceGroup: "rg-other",
      imageTag: "9.9.9",
      slot: "blue",
    });
    const says = `contradicts the synth, whose ${file} says`;
    expect(problemsOf(() => resolveTargets(given, synthesized()))).toEqual([
      `APP_NAME: "blog" ${says} "contoso"; drop it or synthesize again`,
      `--app-name: "app-blog-prod-api" ${says} "app-contoso-prod-api"; drop it or synthesize again`,
      `--resource-group: "rg-other" ${says} "rg-contoso-prod"; drop it or synthesize again`,
      `IMAGE_TAG: "9.9.9" ${says} "1.4.2"; drop it or synthesize again`,
      `--slot: "blue" is not a slot of prod in ${file} (slots: staging)`,
    ]);
  });

  it("uses the only slot when there is no staging slot, and asks when there are several", () => {
    const blue = { name: "blue", url: "https://app-contoso-prod-api-blue.azurewebsites.net" };
    const green = { name: "green", url: "https://app-contoso-prod-api-green.azurewebsites.net" };
    expect(resolveTargets(flags(), synthesized({ slots: [blue] }))).toMatchObject({
      slot: "blue",
      stagingUrl: blue.url,
    });
    expect(problemsOf(() => resolveTargets(flags(), synthesized({ slots: [blue, green] })))).toEqual([
      `--slot: prod has the slots blue, green in ${file}; name one`,
    ]);
    expect(resolveTargets(flags({ slot: "green" }), synthesized({ slots: [blue, green] })).slot).toBe(
      "green",
    );
  });

  it("says that an environment without slots has nothing to swap", () => {
    expect(problemsOf(() => resolveTargets(flags({ env: "dev" }), synthesized({ slots: [] })))).toEqual([
      `--env: dev has no deployment slot in ${file} (Terraform deploys its image straight to production); nothing to swap`,
    ]);
  });
});

describe("resolveTargets without a release file", () => {
  it("needs no synth when resource group and app name are given", () => {
    expect(
      resolveTargets(flags({ resourceGroup: "rg", appName: "api", slot: "blue", imageTag: "3.0.0" })),
    ).toEqual({
      appName: "api",
      resourceGroup: "rg",
      slot: "blue",
      stagingUrl: "https://api-blue.azurewebsites.net",
      productionUrl: "https://api.azurewebsites.net",
      source: "flags",
      stagingImageTag: "3.0.0",
    });
    expect(resolveTargets(flags({ resourceGroup: "rg", appName: "api" })).slot).toBe("staging");
  });

  it("says how to get a release file when the flags do not say enough", () => {
    const outdir = join("/nonexistent", "cdktf.out");
    expect(problemsOf(() => resolveTargets(flags({ outdir, appName: "api" })))).toEqual([
      `--env: no ${join(outdir, "release", "prod.json")} (no synth output in ${outdir}); run \`npm run synth\` with the config that has prod (ENVIRONMENTS narrows what it writes), or pass --resource-group and --app-name`,
    ]);
  });
});
