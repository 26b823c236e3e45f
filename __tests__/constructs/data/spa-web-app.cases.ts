import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { Fn, Testing } from "cdktf";
import { AppIdentity } from "../../../constructs/app-identity";
import { AppServicePlan } from "../../../constructs/app-service-plan";
import type { PlanSku } from "../../../constructs/plan-tiers";
import { SPA_STARTUP_COMMAND, SpaWebApp, type SpaWebAppProps } from "../../../constructs/spa-web-app";
import { baselineRules } from "../../../policies/baseline";
import { PolicyAspect } from "../../../policies/policy-aspect";
import { PolicyReport } from "../../../policies/policy-report";
import {
  RG_LOCATION,
  RG_NAME,
  refOf,
  resourceOf,
  synth,
  synthError,
  testStack,
  validationErrors,
} from "../helpers";
import { readZip } from "./zip";

describe("constructs/data/spa-web-app", () => {
  const APP = "azurerm_linux_web_app";
  const EXAMPLE_DIST = resolve(__dirname, "../../../examples/web/dist");
  const API = "https://app-contoso-dev-api.azurewebsites.net";

  const tempDirs: string[] = [];
  afterAll(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A build output folder with the given files. */
  function buildDir(
    files: Record<string, string> = { "index.html": "<h1>hi</h1>", "assets/app.js": "go()" },
  ): string {
    const dir = mkdtempSync(join(tmpdir(), "spa-build-"));
    tempDirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, ".."), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    return dir;
  }

  function spa(props: Partial<SpaWebAppProps> & { sku?: PlanSku } = {}) {
    const t = testStack();
    const { sku, ...rest } = props;
    const plan = new AppServicePlan(t.stack, "plan", {
      name: "asp-x",
      resourceGroup: t.rg,
      sku: sku ?? "B1",
    });
    const web = new SpaWebApp(t.stack, "web", {
      name: "app-contoso-dev-web",
      resourceGroup: t.rg,
      plan,
      sourceDir: buildDir(),
      ...rest,
    });
    return { ...t, plan, web };
  }

  const PACKAGE_PATH = /^assets\/[\w-]+\/[0-9A-F]{32}\/archive\.zip$/;

  describe("SpaWebApp", () => {
    test("defaults: Node 22 LTS with pm2 serving dist/, secure site config, zip deploy from the package", () => {
      const { stack, web } = spa({ apiBaseUrl: API });
      const json = synth(stack);
      expect(resourceOf(json, APP)).toEqual({
        name: "app-contoso-dev-web",
        resource_group_name: RG_NAME,
        location: RG_LOCATION,
        service_plan_id: refOf(json, "azurerm_service_plan", "id"),
        https_only: true,
        client_affinity_enabled: false,
        ftp_publish_basic_authentication_enabled: false,
        // azurerm's zip_deploy_file pushes to Kudu with the publishing credentials (SCM basic auth).
        webdeploy_publish_basic_authentication_enabled: true,
        identity: { type: "SystemAssigned" },
        site_config: {
          always_on: true,
          ftps_state: "Disabled",
          http2_enabled: true,
          minimum_tls_version: "1.2",
          scm_minimum_tls_version: "1.2",
          remote_debugging_enabled: false,
          health_check_path: "/",
          health_check_eviction_time_in_min: 5,
          app_command_line: "pm2 serve /home/site/wwwroot/dist --no-daemon --spa",
          application_stack: { node_version: "22-lts" },
        },
        app_settings: {
          WEBSITE_RUN_FROM_PACKAGE: "1",
          SCM_DO_BUILD_DURING_DEPLOYMENT: "false",
          API_BASE_URL: API,
        },
        zip_deploy_file: web.packagePath,
      });
      expect(SPA_STARTUP_COMMAND).toBe("pm2 serve /home/site/wwwroot/dist --no-daemon --spa");
    });

    test("the package path in the JSON is relative to the stack directory and names no folder of this machine", () => {
      const sourceDir = buildDir();
      const { stack, web } = spa({ sourceDir });
      const json = synth(stack);
      const path = resourceOf(json, APP).zip_deploy_file;
      expect(path).toMatch(PACKAGE_PATH);
      expect(isAbsolute(path)).toBe(false);
      const text = JSON.stringify(json);
      for (const machinePath of [sourceDir, tmpdir(), process.cwd(), resolve(__dirname, "../../..")]) {
        expect(text).not.toContain(machinePath);
      }
      expect(web.packagePath).toBe(path);
    });

    test("synth writes the zip where the JSON points: dist/ with the build and a generated config.js", () => {
      const sourceDir = buildDir({
        "index.html": "<h1>hi</h1>",
        "assets/app.js": "go()",
        "favicon.ico": "\u0000\u0001",
      });
      const { stack, web } = spa({ sourceDir, apiBaseUrl: `${API}/` });
      const outdir = Testing.fullSynth(stack);
      tempDirs.push(outdir);
      const zip = readZip(join(outdir, "stacks", "test", web.packagePath as string));
      expect([...zip.keys()].sort()).toEqual([
        "dist/assets/app.js",
        "dist/config.js",
        "dist/favicon.ico",
        "dist/index.html",
      ]);
      expect(zip.get("dist/index.html")?.toString()).toBe("<h1>hi</h1>");
      expect(zip.get("dist/assets/app.js")?.toString()).toBe("go()");
      expect(zip.get("dist/favicon.ico")).toEqual(Buffer.from([0, 1]));
      // A trailing slash is dropped, so the app can append "/health".
      expect(zip.get("dist/config.js")?.toString()).toBe(
        [
          "// Generated at synth by SpaWebApp: public configuration of this front end. Never put secrets here.",
          `window.__APP_CONFIG__ = {"apiBaseUrl":"${API}"};`,
          "",
        ].join("\n"),
      );
      expect(web.publicConfig).toEqual({ apiBaseUrl: API });
      const stackJson = JSON.parse(readFileSync(join(outdir, "stacks", "test", "cdk.tf.json"), "utf8"));
      expect(resourceOf(stackJson, APP).zip_deploy_file).toBe(web.packagePath);
    });

    test("without apiBaseUrl: no API_BASE_URL setting, config.js defines an empty object", () => {
      const { stack, web } = spa();
      expect(resourceOf(synth(stack), APP).app_settings).toEqual({
        WEBSITE_RUN_FROM_PACKAGE: "1",
        SCM_DO_BUILD_DURING_DEPLOYMENT: "false",
      });
      const outdir = Testing.fullSynth(stack);
      tempDirs.push(outdir);
      const config = readZip(join(outdir, "stacks", "test", web.packagePath as string)).get("dist/config.js");
      expect(config?.toString()).toContain("window.__APP_CONFIG__ = {};");
    });

    test("the package path follows the content: same files, same path; a renamed file or a new API URL, a new path", () => {
      const files = { "index.html": "<h1>hi</h1>", "app.js": "go()" };
      const path = (sourceDir: string, apiBaseUrl = API) => spa({ sourceDir, apiBaseUrl }).web.packagePath;
      const first = path(buildDir(files));
      expect(path(buildDir(files))).toBe(first);
      expect(path(buildDir({ "index.html": "<h1>hi</h1>", "main.js": "go()" }))).not.toBe(first);
      expect(path(buildDir({ "index.html": "<h1>hi!</h1>", "app.js": "go()" }))).not.toBe(first);
      expect(path(buildDir(files), "https://api.contoso.com")).not.toBe(first);
    });

    test("the zip is reproducible: the same build synthesized twice, from different folders, gives identical bytes", () => {
      const files = { "index.html": "<h1>hi</h1>", "assets/app.js": "go()" };
      const zipOf = () => {
        const { stack, web } = spa({ sourceDir: buildDir(files), apiBaseUrl: API });
        const outdir = Testing.fullSynth(stack);
        tempDirs.push(outdir);
        return readFileSync(join(outdir, "stacks", "test", web.packagePath as string));
      };
      expect(zipOf().equals(zipOf())).toBe(true);
    });

    test('deployment "external": Terraform builds the package but does not deploy it; basic auth is off entirely', () => {
      const { stack, web } = spa({ deployment: "external" });
      const app = resourceOf(synth(stack), APP);
      expect(app).not.toHaveProperty("zip_deploy_file");
      expect(app.webdeploy_publish_basic_authentication_enabled).toBe(false);
      expect(app.ftp_publish_basic_authentication_enabled).toBe(false);
      expect(web.packagePath).toMatch(PACKAGE_PATH);
    });

    test("a user-assigned identity replaces the system-assigned one and resolves Key Vault references", () => {
      const t = testStack();
      const plan = new AppServicePlan(t.stack, "plan", { name: "asp-x", resourceGroup: t.rg, sku: "B1" });
      const identity = new AppIdentity(t.stack, "web-identity", { name: "id-web", resourceGroup: t.rg });
      new SpaWebApp(t.stack, "web", {
        name: "app-x-web",
        resourceGroup: t.rg,
        plan,
        sourceDir: buildDir(),
        identity,
      });
      const json = synth(t.stack);
      const id = refOf(json, "azurerm_user_assigned_identity", "id");
      expect(resourceOf(json, APP)).toMatchObject({
        identity: { type: "UserAssigned", identity_ids: [id] },
        key_vault_reference_identity_id: id,
      });
    });

    test("overrides: location, node version, health check, TLS 1.3, always on, tags", () => {
      const { stack } = spa({
        location: "northeurope",
        nodeVersion: "20-lts",
        healthCheckPath: "/index.html",
        healthCheckEvictionTimeInMin: 2,
        minimumTlsVersion: "1.3",
        alwaysOn: false,
        tags: { app: "contoso" },
      });
      expect(resourceOf(synth(stack), APP)).toMatchObject({
        location: "northeurope",
        tags: { app: "contoso" },
        site_config: {
          application_stack: { node_version: "20-lts" },
          health_check_path: "/index.html",
          health_check_eviction_time_in_min: 2,
          minimum_tls_version: "1.3",
          scm_minimum_tls_version: "1.3",
          always_on: false,
        },
      });
    });

    test("always on follows the tier: off on Free, where App Service does not have it", () => {
      expect(resourceOf(synth(spa({ sku: "F1" }).stack), APP).site_config.always_on).toBe(false);
      expect(resourceOf(synth(spa({ sku: "P1v3" }).stack), APP).site_config.always_on).toBe(true);
    });

    test("passes the App Service policy baseline with no finding, as a production app with its SCM site closed", () => {
      const { stack } = spa({ apiBaseUrl: API, sku: "P1v3", scmAccess: { addresses: ["203.0.113.7"] } });
      const report = new PolicyReport();
      // Node 22 is supported on that day (end of life 2027-04-30).
      new PolicyAspect(
        baselineRules(() => new Date("2026-11-30")),
        report,
        () => true,
      ).visit(stack);
      const findings = [...report.errors, ...report.warnings];
      // The rules ran (the one-instance test plan is flagged); none is about the front end.
      expect(findings.map((f) => f.path)).toEqual(["test/plan/plan"]);
      expect(findings.filter((f) => f.path.startsWith("test/web/"))).toEqual([]);
    });

    test("dotfiles stay out of the package unless listed: a file, or a whole dot folder", () => {
      const sourceDir = buildDir({
        "index.html": "<h1>hi</h1>",
        ".env": "API_TOKEN=do-not-ship",
        ".git/config": "[core]",
        "assets/.DS_Store": "x",
        "assets/app.js": "go()",
        ".well-known/security.txt": "Contact: mailto:security@contoso.example",
        ".well-known/.private": "no",
        ".well-known/nested/change-password": "/account",
        "app/.config/settings.json": "{}",
      });
      const packaged = (includeDotfiles?: string[]) => {
        const { stack, web } = spa({ sourceDir, includeDotfiles });
        const outdir = Testing.fullSynth(stack);
        tempDirs.push(outdir);
        return [...readZip(join(outdir, "stacks", "test", web.packagePath as string)).keys()].sort();
      };
      expect(packaged()).toEqual(["dist/assets/app.js", "dist/config.js", "dist/index.html"]);
      expect(packaged([".well-known/security.txt", "app/.config"])).toEqual([
        "dist/.well-known/security.txt",
        "dist/app/.config/settings.json",
        "dist/assets/app.js",
        "dist/config.js",
        "dist/index.html",
      ]);
      // A listed folder brings everything below it, its own dotfiles included.
      expect(packaged([".well-known"])).toEqual([
        "dist/.well-known/.private",
        "dist/.well-known/nested/change-password",
        "dist/.well-known/security.txt",
        "dist/assets/app.js",
        "dist/config.js",
        "dist/index.html",
      ]);
    });

    test("a dotfile in the build never decides the package path: leaving it out makes the same zip", () => {
      const clean = spa({ sourceDir: buildDir() }).web.packagePath;
      const withEnv = spa({
        sourceDir: buildDir({ "index.html": "<h1>hi</h1>", "assets/app.js": "go()", ".env": "SECRET=1" }),
      }).web.packagePath;
      expect(withEnv).toBe(clean);
    });

    test("access restrictions: the site and its SCM site deny by default and admit what is listed", () => {
      const { stack } = spa({
        access: { addresses: ["203.0.113.7"], serviceTags: ["AzureFrontDoor.Backend"] },
        scmAccess: { addresses: ["198.51.100.0/28"], subnets: [{ id: "/subscriptions/s/subnets/agents" }] },
      });
      const config = resourceOf(synth(stack), APP).site_config;
      expect(config).toMatchObject({
        ip_restriction_default_action: "Deny",
        ip_restriction: [
          { name: "allow-ip-1", priority: 100, action: "Allow", ip_address: "203.0.113.7/32" },
          { name: "allow-tag-1", priority: 101, action: "Allow", service_tag: "AzureFrontDoor.Backend" },
        ],
        scm_ip_restriction_default_action: "Deny",
        scm_ip_restriction: [
          { name: "allow-ip-1", priority: 100, action: "Allow", ip_address: "198.51.100.0/28" },
          {
            name: "allow-subnet-1",
            priority: 101,
            action: "Allow",
            virtual_network_subnet_id: "/subscriptions/s/subnets/agents",
          },
        ],
        scm_use_main_ip_restriction: false,
      });
    });

    test("the example front end deploys as is: index.html loads /config.js before the app, and has none of its own", () => {
      const { stack, web } = spa({ sourceDir: EXAMPLE_DIST, apiBaseUrl: API });
      expect(validationErrors(stack)).toEqual([]);
      const html = readFileSync(join(EXAMPLE_DIST, "index.html"), "utf8");
      const configAt = html.indexOf('<script src="/config.js"></script>');
      expect(configAt).toBeGreaterThan(0);
      expect(html.indexOf('<script src="/app.js"></script>')).toBeGreaterThan(configAt);
      expect(readFileSync(join(EXAMPLE_DIST, "app.js"), "utf8")).toContain("window.__APP_CONFIG__");
      const outdir = Testing.fullSynth(stack);
      tempDirs.push(outdir);
      const zip = readZip(join(outdir, "stacks", "test", web.packagePath as string));
      expect([...zip.keys()].sort()).toEqual([
        "dist/app.css",
        "dist/app.js",
        "dist/config.js",
        "dist/index.html",
      ]);
    });

    describe("validation", () => {
      const W = "SpaWebApp test/web";

      test("a missing build folder fails synth with a hint, and no package is made", () => {
        const sourceDir = join(tmpdir(), "no-such-build-folder");
        const { stack, web } = spa({ sourceDir });
        expect(synthError(stack)).toContain(
          `${W}: sourceDir = "${sourceDir}" is not a folder; build the front end first (npm run build)`,
        );
        expect(web.asset).toBeUndefined();
        expect(resourceOf(JSON.parse(Testing.synth(stack)), APP)).not.toHaveProperty("zip_deploy_file");
      });

      test("a folder without index.html at its top", () => {
        const sourceDir = buildDir({ "dist/index.html": "<h1>nested</h1>" });
        expect(synthError(spa({ sourceDir }).stack)).toContain(
          `${W}: sourceDir = "${sourceDir}" has no index.html at its top; point it at the build output (e.g. dist/)`,
        );
      });

      test("a build with its own config.js, which the construct would overwrite", () => {
        const sourceDir = buildDir({ "index.html": "x", "config.js": "window.x = 1;" });
        expect(synthError(spa({ sourceDir }).stack)).toContain(
          `${W}: sourceDir = "${sourceDir}" contains config.js, which the construct generates; rename the front end's file`,
        );
      });

      test("apiBaseUrl must be known at synth, not a Terraform reference", () => {
        const t = testStack();
        const plan = new AppServicePlan(t.stack, "plan", { name: "asp-x", resourceGroup: t.rg, sku: "B1" });
        new SpaWebApp(t.stack, "web", {
          name: "app-x-web",
          resourceGroup: t.rg,
          plan,
          sourceDir: buildDir(),
          apiBaseUrl: `https://${Fn.lower(plan.resource.name)}.azurewebsites.net`,
        });
        expect(synthError(t.stack)).toContain(
          `${W}: apiBaseUrl must be known at synth (e.g. https://<api app name>.azurewebsites.net), not a Terraform reference: it is written into config.js inside the package`,
        );
      });

      test.each([
        ["http://api.contoso.com", 'apiBaseUrl = "http://api.contoso.com" must use https'],
        ["api.contoso.com", 'apiBaseUrl = "api.contoso.com" is not a URL'],
        [
          "https://api.contoso.com/?v=1",
          'apiBaseUrl = "https://api.contoso.com/?v=1" must not have a query or fragment',
        ],
      ])("refuses apiBaseUrl %j", (apiBaseUrl, rule) => {
        expect(validationErrors(spa({ apiBaseUrl }).stack)).toEqual([`${W}: ${rule}`]);
      });

      test("refuses credentials in apiBaseUrl without echoing them, and keeps them out of the package", () => {
        const secret = "s3cr3t-Pa55";
        const { stack, web } = spa({ apiBaseUrl: `https://user:${secret}@api.contoso.com` });
        const errors = validationErrors(stack);
        expect(errors).toEqual([`${W}: apiBaseUrl must not contain credentials: config.js is public`]);
        expect(errors.join("\n")).not.toContain(secret);
        expect(JSON.stringify(JSON.parse(Testing.synth(stack)))).not.toContain(secret);
        expect(web.publicConfig).toEqual({});
      });

      test("refuses an invalid name, health check and eviction time, always on where the tier lacks it", () => {
        const { stack } = spa({
          name: "-web",
          healthCheckPath: "health",
          healthCheckEvictionTimeInMin: 11,
          alwaysOn: true,
          sku: "F1",
        });
        expect(validationErrors(stack)).toEqual([
          `${W}: name webApp name "-web" (4 characters) breaks the rule: 2-60 letters, digits and '-', not starting or ending with '-'`,
          `${W}: alwaysOn = true is not available on plan sku "F1" (Free)`,
          `${W}: healthCheckPath = "health" must start with "/"`,
          `${W}: healthCheckEvictionTimeInMin = 11 must be a whole number from 2 to 10`,
        ]);
      });

      test("refuses bad includeDotfiles entries and access lists, naming each", () => {
        const { stack } = spa({
          includeDotfiles: ["../.env", "assets/app.js", ".well-known/", ".env", ".env"],
          scmAccess: { addresses: ["10.0.0.1"] },
        });
        expect(validationErrors(stack)).toEqual([
          `SpaWebApp test/web: includeDotfiles[0] = "../.env" must be a relative '/'-separated path below sourceDir, without empty, '.' or '..' segments`,
          `SpaWebApp test/web: includeDotfiles[1] = "assets/app.js" has no segment starting with '.'; only dotfiles need listing`,
          `SpaWebApp test/web: includeDotfiles[2] = ".well-known/" must be a relative '/'-separated path below sourceDir, without empty, '.' or '..' segments`,
          'SpaWebApp test/web: includeDotfiles[4] = ".env" is listed twice',
          'SpaWebApp test/web: scmAccess.addresses[0] = "10.0.0.1" must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)',
        ]);
      });

      test("refuses an unknown deployment mode", () => {
        expect(validationErrors(spa({ deployment: "ftp" as never }).stack)).toEqual([
          `${W}: deployment = "ftp" must be "zipDeploy" or "external"`,
        ]);
      });

      test("the staging copy is independent of the source: changing the source after construction changes nothing", () => {
        const sourceDir = buildDir({ "index.html": "v1" });
        const { stack, web } = spa({ sourceDir });
        renameSync(join(sourceDir, "index.html"), join(sourceDir, "old.html"));
        const outdir = Testing.fullSynth(stack);
        tempDirs.push(outdir);
        const zip = readZip(join(outdir, "stacks", "test", web.packagePath as string));
        expect(zip.get("dist/index.html")?.toString()).toBe("v1");
      });
    });
  });
});
