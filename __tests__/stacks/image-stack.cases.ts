import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../config/config-error";
import { loadConfig } from "../../config/load-config";
import { REPO_ROOT, resourceAt, synthPlatform } from "./platform-fixture";

/** A project folder with a copy of the examples, so tests can change the API's files. */
function projectCopy(): string {
  const root = mkdtempSync(join(tmpdir(), "project-"));
  cpSync(join(REPO_ROOT, "examples"), join(root, "examples"), { recursive: true });
  return root;
}

function tagOf(projectRoot: string): string {
  const prod = synthPlatform(loadConfig({ ENVIRONMENTS: "prod" }), projectRoot).stacks["contoso-prod"];
  return resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging").site_config.application_stack
    .docker_image_name;
}

describe("building the image here (default)", () => {
  const synth = synthPlatform(loadConfig({}));
  const image = synth.stacks["contoso-image"];
  const build = resourceAt(image, "docker_image", "api-image/image");
  const push = resourceAt(image, "docker_registry_image", "api-image/push");
  const tag = build.build.build_args.APP_VERSION;

  test("the tag is a 16-character content hash of the build context", () => {
    expect(tag).toMatch(/^[0-9a-f]{16}$/);
    expect(build.triggers.context_hash.startsWith(tag)).toBe(true);
    expect(push.triggers).toEqual(build.triggers);
  });

  test("docker_image builds the context for App Service's platform, from a relative path", () => {
    expect(build.name).toMatch(
      /^\$\{data\.azurerm_container_registry\.[\w-]+\.login_server\}\/api:[0-9a-f]{16}$/,
    );
    expect(build.build).toMatchObject({
      context: "../../../examples/api",
      dockerfile: "Dockerfile",
      platform: "linux/amd64",
    });
    expect(build.build.label).toEqual({ "org.opencontainers.image.version": tag });
  });

  test("docker_registry_image pushes it and keeps it when Terraform lets go", () => {
    expect(push.name).toMatch(/^\$\{docker_image\..*\.name\}$/);
    expect(push.keep_remotely).toBe(true);
  });

  test("registry login names the address only: credentials come from the Docker credential store or env", () => {
    expect(image.provider.docker).toEqual([
      { registry_auth: [{ address: expect.stringMatching(/login_server\}$/) }] },
    ]);
    expect(JSON.stringify(image)).not.toMatch(/password|username|admin/i);
  });

  test("every environment deploys the pushed tag, after the image stack", () => {
    expect(synth.manifest.stacks["contoso-prod"].dependencies).toContain("contoso-image");
    expect(synth.manifest.stacks["contoso-dev"].dependencies).toContain("contoso-image");
    const dev = resourceAt(synth.stacks["contoso-dev"], "azurerm_linux_web_app", "api/app");
    expect(dev.site_config.application_stack.docker_image_name).toBe(`api:${tag}`);
  });
});

describe("the content-hash tag", () => {
  // Which files count, and that the same files give the same hash: build-context.cases.ts.
  test("the deployed tag follows the build context: one changed byte, a new tag", () => {
    const root = projectCopy();
    const first = tagOf(root);
    writeFileSync(join(root, "examples/api/app/main.py"), "\n", { flag: "a" });
    const changed = tagOf(root);
    for (const tag of [first, changed]) expect(tag).toMatch(/^api:[0-9a-f]{16}$/);
    expect(changed).not.toBe(first);
  });

  test("a build context without a Dockerfile is a config error", () => {
    const empty = mkdtempSync(join(tmpdir(), "project-"));
    let error: unknown;
    try {
      synthPlatform(loadConfig({}), empty);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      /image.context = "examples\/api": must be a folder with a Dockerfile/,
    );
  });
});

describe("a prebuilt image (IMAGE_BUILD=false, for HCP Terraform remote runs)", () => {
  const synth = synthPlatform(loadConfig({ IMAGE_BUILD: "false", IMAGE_TAG: "1.4.2" }));

  test("no image stack and no dependency on one", () => {
    expect(Object.keys(synth.stacks).sort()).toEqual([
      "contoso-dev",
      "contoso-dev-access",
      "contoso-dev-database-roles",
      "contoso-prod",
      "contoso-prod-database-roles",
      "contoso-shared",
    ]);
    expect(synth.manifest.stacks["contoso-prod"].dependencies).toEqual(["contoso-shared"]);
  });

  test("the environments reference the prebuilt tag", () => {
    const prod = synth.stacks["contoso-prod"];
    expect(
      resourceAt(prod, "azurerm_linux_web_app_slot", "api/slot-staging").site_config.application_stack
        .docker_image_name,
    ).toBe("api:1.4.2");
  });
});

test("IMAGE_TAG with a build tags the build with it", () => {
  const image = synthPlatform(loadConfig({ IMAGE_TAG: "2.0.0", ENVIRONMENTS: "dev" })).stacks[
    "contoso-image"
  ];
  expect(resourceAt(image, "docker_image", "api-image/image").build.build_args).toEqual({
    APP_VERSION: "2.0.0",
  });
});
