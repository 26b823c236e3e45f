import { join } from "node:path";
import { resolveTargets, type TargetFlags } from "../../../tools/release/release-targets";
import { UsageError } from "../../../tools/release/usage-error";

const outdir = join(__dirname, "fixtures", "synth");
const stackFile = (stack: string) => join(outdir, "stacks", stack, "cdk.tf.json");
const flags = (overrides: Partial<TargetFlags>): TargetFlags => ({
  env: "prod",
  outdir,
  slot: "staging",
  ...overrides,
});

function problemsOf(overrides: Partial<TargetFlags>): readonly string[] {
  try {
    resolveTargets(flags(overrides));
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("resolveTargets from synthesized stacks", () => {
  it("finds the only *-prod stack, the api-tagged app and follows the resource group reference", () => {
    expect(resolveTargets(flags({}))).toEqual({
      appName: "shop-api-prod",
      resourceGroup: "rg-shop-prod",
      slot: "staging",
      stagingUrl: "https://shop-api-prod-staging.azurewebsites.net",
      productionUrl: "https://shop-api-prod.azurewebsites.net",
      source: stackFile("shop-prod"),
    });
  });

  it("uses another slot of the api app when asked", () => {
    expect(resolveTargets(flags({ slot: "canary" })).stagingUrl).toBe(
      "https://shop-api-prod-canary.azurewebsites.net",
    );
  });

  it("rejects a slot that belongs to another app", () => {
    expect(problemsOf({ slot: "preview" })).toEqual([
      `--slot: ${stackFile("shop-prod")} has no azurerm_linux_web_app_slot "preview" on api_app_3F2A1B7C`,
    ]);
  });

  it("needs --app when several stacks end in -<env>", () => {
    expect(problemsOf({ env: "dev" })).toEqual([
      `--env: need exactly one stack ending in -dev in ${join(outdir, "stacks")}, found blog-dev, shop-dev; pass --app or set APP_NAME`,
    ]);
    const dev = resolveTargets(flags({ env: "dev", app: "shop" }));
    expect([dev.appName, dev.resourceGroup, dev.source]).toEqual([
      "shop-api-dev",
      "rg-shop-dev-literal",
      stackFile("shop-dev"),
    ]);
  });

  it("lists every value it cannot take from a stack", () => {
    const file = stackFile("blog-dev");
    expect(problemsOf({ env: "dev", app: "blog" })).toEqual([
      `${file}: api_app_33333333.name is not a literal (\${var.api_name}); pass --app-name`,
      `${file}: cannot follow api_app_33333333.resource_group_name (\${data.terraform_remote_state.shared.outputs.rg}); pass --resource-group`,
      `--slot: ${file} has no azurerm_linux_web_app_slot "staging" on api_app_33333333`,
    ]);
  });

  it("needs an app tagged platform-role=api", () => {
    expect(problemsOf({ env: "qa" })).toEqual([
      `${stackFile("blog-qa")}: need one azurerm_linux_web_app tagged platform-role=api, found none`,
    ]);
  });

  it("says how to fix a missing synth output or stack", () => {
    expect(problemsOf({ env: "test" })[0]).toContain("found none");
    expect(problemsOf({ app: "nope" })[0]).toMatch(
      /^--app: no synthesized stack .*nope-prod; run `npm run synth` first/,
    );
    expect(problemsOf({ outdir: "/nonexistent" })[0]).toMatch(
      /^--outdir: \/nonexistent\/stacks does not exist/,
    );
  });
});

describe("resolveTargets from flags", () => {
  it("lets flags override single values from the stack", () => {
    const targets = resolveTargets(
      flags({ resourceGroup: "rg-other", stagingUrl: "https://staging.shop.example" }),
    );
    expect(targets).toMatchObject({
      appName: "shop-api-prod",
      resourceGroup: "rg-other",
      stagingUrl: "https://staging.shop.example",
      productionUrl: "https://shop-api-prod.azurewebsites.net",
    });
  });

  it("needs no synthesized stack when resource group and app name are given", () => {
    const targets = resolveTargets(
      flags({ outdir: "/nonexistent", resourceGroup: "rg", appName: "api", slot: "blue" }),
    );
    expect(targets).toEqual({
      appName: "api",
      resourceGroup: "rg",
      slot: "blue",
      stagingUrl: "https://api-blue.azurewebsites.net",
      productionUrl: "https://api.azurewebsites.net",
      source: "flags",
    });
  });
});
