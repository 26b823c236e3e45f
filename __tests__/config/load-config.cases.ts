import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../config/config-error";
import { loadConfig } from "../../config/load-config";

/** The problems loadConfig reports for `env`, as "field: rule" lines. */
function problemsFor(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.field} = ${JSON.stringify(p.value)}: ${p.rule}`);
  }
  throw new Error("expected a ConfigError");
}

function configFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "config-"));
  const file = join(dir, "config.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const minimal = {
  app: { name: "shop", location: "northeurope" },
  environments: { test: { plan: { sku: "S1" } } },
};

describe("embedded default", () => {
  const config = loadConfig({});

  test("is the example app with dev and prod", () => {
    expect(config.app).toEqual({
      name: "contoso",
      location: "westeurope",
      nameSuffix: "",
      tags: { app: "contoso", "managed-by": "cdktf" },
    });
    expect(Object.keys(config.environments)).toEqual(["dev", "prod"]);
  });

  test("dev is a Basic plan without slots or autoscale", () => {
    const dev = config.environments.dev;
    expect(dev.plan).toEqual({ sku: "B1", workerCount: 1, zoneBalancing: false });
    expect(dev.slots).toEqual([]);
    expect(dev.autoscale).toBeUndefined();
    expect(dev.vault.purgeProtection).toBe(false);
  });

  test("prod is zone-balanced P1v3 with a staging slot, autoscale 2/2/10 and a purge-protected vault", () => {
    const prod = config.environments.prod;
    expect(prod.plan).toEqual({ sku: "P1v3", workerCount: 2, zoneBalancing: true });
    expect(prod.slots).toEqual(["staging"]);
    expect(prod.autoscale).toEqual({ minimum: 2, default: 2, maximum: 10 });
    expect(prod.vault).toEqual({ authorization: "rbac", purgeProtection: true, softDeleteRetentionDays: 90 });
  });

  test("image is built from examples/api by default", () => {
    expect(config.image).toEqual({ repository: "api", context: "examples/api", build: true });
  });
});

describe("defaults of a minimal config file", () => {
  const config = loadConfig({ APP_CONFIG_FILE: configFile(minimal) });

  test("fills every optional section", () => {
    expect(config.registry).toEqual({
      sku: "Standard",
      zoneRedundancy: false,
      georeplicationLocations: [],
      publicNetworkAccess: "enabled",
    });
    expect(config.api).toEqual({
      port: 8000,
      healthCheckPath: "/health",
      healthCheckEvictionMinutes: 5,
      settings: {},
      stickySettings: [],
      secrets: [],
    });
    expect(config.backend).toEqual({});
    expect(config.environments.test.vault).toEqual({
      authorization: "rbac",
      purgeProtection: true,
      softDeleteRetentionDays: 90,
    });
    expect(config.environments.test.plan).toEqual({ sku: "S1", workerCount: 1, zoneBalancing: false });
  });
});

describe("environment variables override the config", () => {
  test("APP_NAME, AZURE_LOCATION, NAME_SUFFIX, IMAGE_TAG, IMAGE_BUILD, TFC_*", () => {
    const config = loadConfig({
      APP_NAME: "shop",
      AZURE_LOCATION: "northeurope",
      NAME_SUFFIX: "x7k2",
      IMAGE_TAG: "v1.2.3",
      IMAGE_BUILD: "false",
      TFC_ORGANIZATION: "acme",
      TFC_WORKSPACE_PREFIX: "platform-",
    });
    expect(config.app).toMatchObject({ name: "shop", location: "northeurope", nameSuffix: "x7k2" });
    expect(config.image).toMatchObject({ tag: "v1.2.3", build: false });
    expect(config.backend).toEqual({ tfcOrganization: "acme", tfcWorkspacePrefix: "platform-" });
  });

  test("ENVIRONMENTS selects environments, in config order", () => {
    expect(Object.keys(loadConfig({ ENVIRONMENTS: "prod" }).environments)).toEqual(["prod"]);
    expect(Object.keys(loadConfig({ ENVIRONMENTS: " prod , dev" }).environments)).toEqual(["dev", "prod"]);
  });

  test("empty variables count as unset", () => {
    const config = loadConfig({ APP_NAME: "", IMAGE_TAG: "", ENVIRONMENTS: "" });
    expect(config.app.name).toBe("contoso");
    expect(config.image.tag).toBeUndefined();
    expect(Object.keys(config.environments)).toEqual(["dev", "prod"]);
  });

  test("IMAGE_BUILD accepts true/false/1/0/yes/no", () => {
    expect(loadConfig({ IMAGE_BUILD: "0", IMAGE_TAG: "a" }).image.build).toBe(false);
    expect(loadConfig({ IMAGE_BUILD: "yes" }).image.build).toBe(true);
  });
});

describe("bad variables name the variable, the value and the rule", () => {
  test("a misspelt region gets a suggestion", () => {
    expect(problemsFor({ AZURE_LOCATION: "westeuropa" })).toEqual([
      'AZURE_LOCATION (app.location) = "westeuropa": is not an Azure region name; did you mean "westeurope"?',
    ]);
  });

  test("a display name is not a region name but is recognized", () => {
    expect(problemsFor({ AZURE_LOCATION: "West Europe" })[0]).toContain('did you mean "westeurope"');
  });

  test("a region far from any known name gets no suggestion", () => {
    expect(problemsFor({ AZURE_LOCATION: "mars" })[0]).toContain("az account list-locations");
  });

  test.each([
    ["has a space", "v1 2"],
    ["has a character outside [A-Za-z0-9_.-]", "v1+2"],
    ["starts with '.'", ".v1"],
    ["starts with '-'", "-v1"],
    ["is longer than 128 characters", "a".repeat(129)],
  ])("IMAGE_TAG that %s", (_, tag) => {
    const [problem] = problemsFor({ IMAGE_TAG: tag });
    expect(problem).toMatch(/^IMAGE_TAG \(image\.tag\) = ".*": must match Docker's tag grammar/);
  });

  test("IMAGE_TAG of exactly 128 characters is fine", () => {
    expect(loadConfig({ IMAGE_TAG: `v${"1".repeat(127)}` }).image.tag).toHaveLength(128);
  });

  test("ENVIRONMENTS naming an unknown environment lists the configured ones", () => {
    expect(problemsFor({ ENVIRONMENTS: "dev,qa" })).toEqual([
      'ENVIRONMENTS = "dev,qa": must be a comma list of configured environments (dev, prod); unknown: "qa"',
    ]);
  });

  test("IMAGE_BUILD=false without IMAGE_TAG", () => {
    expect(problemsFor({ IMAGE_BUILD: "false" })).toEqual([
      "image.tag = undefined: is required when image.build is false (a prebuilt image to deploy)",
    ]);
  });

  test("IMAGE_BUILD that is not a boolean", () => {
    expect(problemsFor({ IMAGE_BUILD: "maybe" })[0]).toMatch(/^IMAGE_BUILD \(image\.build\) = "maybe": /);
  });

  test("every problem is reported at once", () => {
    const problems = problemsFor({
      APP_NAME: "Contoso",
      AZURE_LOCATION: "westeuropa",
      IMAGE_TAG: ".bad",
      ENVIRONMENTS: "qa",
      NAME_SUFFIX: "TOO-LONG",
      TFC_ORGANIZATION: "acme corp",
    });
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "APP_NAME",
      "AZURE_LOCATION",
      "NAME_SUFFIX",
      "IMAGE_TAG",
      "TFC_ORGANIZATION",
      "ENVIRONMENTS",
    ]);
  });

  test("the error message lists the problems under a count", () => {
    try {
      loadConfig({ AZURE_LOCATION: "westeuropa", IMAGE_TAG: ".bad" });
      throw new Error("expected a ConfigError");
    } catch (error) {
      expect((error as Error).message).toBe(
        [
          "Invalid configuration (2 problems):",
          '  - AZURE_LOCATION (app.location) = "westeuropa": is not an Azure region name; did you mean "westeurope"?',
          '  - IMAGE_TAG (image.tag) = ".bad": must match Docker\'s tag grammar [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}',
        ].join("\n"),
      );
    }
  });
});

describe("APP_CONFIG_FILE", () => {
  test("replaces the embedded default", () => {
    const config = loadConfig({ APP_CONFIG_FILE: configFile(minimal) });
    expect(config.app.name).toBe("shop");
    expect(Object.keys(config.environments)).toEqual(["test"]);
  });

  test("a missing file", () => {
    expect(problemsFor({ APP_CONFIG_FILE: "/nonexistent/config.json" })).toEqual([
      'APP_CONFIG_FILE = "/nonexistent/config.json": cannot be read (ENOENT)',
    ]);
  });

  test("invalid JSON", () => {
    expect(problemsFor({ APP_CONFIG_FILE: configFile("{ not json") })[0]).toMatch(/is not valid JSON/);
  });

  test("JSON that is not an object", () => {
    expect(problemsFor({ APP_CONFIG_FILE: configFile("[1, 2]") })[0]).toMatch(/must contain a JSON object/);
  });

  test("unknown keys are refused, not ignored", () => {
    const problems = problemsFor({
      APP_CONFIG_FILE: configFile({ ...minimal, app: { ...minimal.app, nmae: "x" } }),
    });
    expect(problems).toEqual([expect.stringMatching(/^app = .*Unrecognized key: "nmae"/)]);
  });
});
