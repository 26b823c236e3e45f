import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AssetType, TerraformAsset, Token } from "cdktf";
import { Construct } from "constructs";
import type { AppIdentity } from "./app-identity";
import type { AppServicePlan } from "./app-service-plan";
import { siteProblems } from "./container-web-app";
import { nameProblem } from "./naming";
import { isUnresolved, type PropProblem, validationMessages, within } from "./problems";
import { AzLinuxWebApp } from "./providers";
import type { IResourceGroup } from "./resource-group";
import { accessRestrictionConfig, type SiteAccess, siteAccessProblems } from "./site-access";
import { ZIP_MAX_BYTES, ZIP_MAX_ENTRIES, zipFiles } from "./zip-package";

/** Where the package's `dist/` folder lands on the instance. */
export const SPA_SERVE_DIR = "/home/site/wwwroot/dist";
/** pm2 (on App Service's Node images) serves the folder and answers unknown paths with index.html. */
export const SPA_STARTUP_COMMAND = `pm2 serve ${SPA_SERVE_DIR} --no-daemon --spa`;
/** The file the construct writes into the package; the front end loads it before its bundle. */
export const SPA_CONFIG_FILE = "config.js";
/** The global `config.js` defines. */
export const SPA_CONFIG_GLOBAL = "__APP_CONFIG__";

/**
 * "zipDeploy": Terraform deploys the package with the provider's `zip_deploy_file`, which pushes
 * it to Kudu with the site's publishing credentials, so SCM basic authentication must stay on.
 * "external": Terraform only builds the package ({@link SpaWebApp.packagePath}); CI deploys it
 * with Microsoft Entra ID (e.g. `az webapp deploy --type zip`) and all basic authentication is off.
 */
export type SpaDeployment = "zipDeploy" | "external";

export interface SpaWebAppProps {
  /** Web app name: 2-60 letters, digits and '-', globally unique (it is the host name). */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  readonly plan: AppServicePlan;
  /**
   * The built front end (`npm run build` output, with `index.html` at its top): absolute, or
   * relative to the working directory. It is packaged at synth as `dist/` and served from
   * {@link SPA_SERVE_DIR}; it must not contain a `config.js` of its own.
   */
  readonly sourceDir: string;
  /**
   * Public base URL of the API, e.g. `https://app-contoso-prod-api.azurewebsites.net`. It becomes
   * the `API_BASE_URL` app setting and, because a static bundle cannot read app settings, the
   * `apiBaseUrl` of `config.js` in the package. It must be known at synth (not a Terraform
   * reference) and holds no secret: the file is public.
   * @default none (config.js without apiBaseUrl)
   */
  readonly apiBaseUrl?: string;
  /** @default "zipDeploy" */
  readonly deployment?: SpaDeployment;
  /** User-assigned identity of the app. @default a system-assigned identity (the app reads no secrets) */
  readonly identity?: AppIdentity;
  /**
   * Node.js runtime of the pm2 server, an App Service `node_version` ("22-lts", ...). Keep it
   * supported: see RUNTIME_END_OF_LIFE (constructs/runtime-support.ts).
   * @default "22-lts"
   */
  readonly nodeVersion?: string;
  /**
   * Dotfiles to package, as paths below `sourceDir` ('/'-separated): a file, or a folder whose
   * files all go in, e.g. ".well-known/security.txt" or ".well-known". Every other path with a
   * segment starting with '.' (`.env`, `.git/`, `.DS_Store`) stays out of the public package.
   * @default none
   */
  readonly includeDotfiles?: readonly string[];
  /** Who may reach the site; given, it denies everyone else. @default open to the internet */
  readonly access?: SiteAccess;
  /**
   * Who may reach the SCM (Kudu) site; given, it denies everyone else. With "zipDeploy",
   * Terraform uploads the package there, so the deploying machine must be admitted.
   * @default open to the internet
   */
  readonly scmAccess?: SiteAccess;
  /** Path App Service probes; pm2 answers every path with a file or index.html. @default "/" */
  readonly healthCheckPath?: string;
  /** Minutes an instance may fail its health check before it is replaced, 2-10. @default 5 */
  readonly healthCheckEvictionTimeInMin?: number;
  /** @default true where the tier has it (not on Free) */
  readonly alwaysOn?: boolean;
  /** @default "1.2" */
  readonly minimumTlsVersion?: "1.2" | "1.3";
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** The default Node.js runtime of the front end: the newest LTS App Service offers. */
export const SPA_NODE_VERSION = "22-lts";

/**
 * Regular files below `dir` that belong in the package, relative with '/' separators, sorted;
 * symbolic links are not followed. A path with a segment starting with '.' is left out unless
 * it is, or lies below, one of `dotfiles`.
 */
function filesBelow(dir: string, dotfiles: readonly string[] = [], relative = ""): string[] {
  return readdirSync(join(dir, relative), { withFileTypes: true })
    .flatMap((entry) => {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (isDotPath(path) && !dotfiles.some((listed) => path === listed || path.startsWith(`${listed}/`))) {
        // A listed path below this dot folder keeps the walk going; nothing else in it is read.
        if (!(entry.isDirectory() && dotfiles.some((listed) => listed.startsWith(`${path}/`)))) return [];
      }
      if (entry.isDirectory()) return filesBelow(dir, dotfiles, path);
      return entry.isFile() ? [path] : [];
    })
    .sort();
}

function isDotPath(path: string): boolean {
  return path.split("/").some((segment) => segment.startsWith("."));
}

/**
 * The limits of `includeDotfiles` (prop [i] per entry): a relative '/'-separated path below the
 * source folder, without empty, "." or ".." segments, naming a dotfile or dot folder (other
 * paths are packaged anyway). Whether it exists is not checked: a listed path that is absent
 * adds nothing.
 */
export function includeDotfilesProblems(entries: readonly string[]): PropProblem[] {
  return entries.flatMap((entry, i): PropProblem[] => {
    const at = { prop: [i], value: entry };
    const segments = entry.split("/");
    if (
      entry.includes("\\") ||
      segments.some((segment) => segment === "" || segment === "." || segment === "..")
    )
      return [
        {
          ...at,
          rule: "must be a relative '/'-separated path below sourceDir, without empty, '.' or '..' segments",
        },
      ];
    if (!isDotPath(entry))
      return [{ ...at, rule: "has no segment starting with '.'; only dotfiles need listing" }];
    if (entries.indexOf(entry) !== i) return [{ ...at, rule: "is listed twice" }];
    return [];
  });
}

let packageDir: string | undefined;
/**
 * Writes `zip` into this process's private temporary folder (mkdtemp: 0700, unpredictable name),
 * removed when the process exits; cdktf copies it into the stack's assets at synth, before that.
 */
function writePackage(zip: Buffer, hash: string): string {
  if (packageDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "spa-packages-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    packageDir = dir;
  }
  const file = join(packageDir, hash, "archive.zip");
  mkdirSync(join(packageDir, hash), { recursive: true });
  writeFileSync(file, zip);
  return file;
}

/** The built front end must be a folder with index.html, without a config.js of its own, small enough to zip. */
function sourceProblems(props: Pick<SpaWebAppProps, "sourceDir" | "includeDotfiles">): PropProblem[] {
  const dir = resolve(props.sourceDir);
  const at = (rule: string): PropProblem[] => [{ prop: ["sourceDir"], value: props.sourceDir, rule }];
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    return at("is not a folder; build the front end first (npm run build)");
  if (!existsSync(join(dir, "index.html")))
    return at("has no index.html at its top; point it at the build output (e.g. dist/)");
  if (existsSync(join(dir, SPA_CONFIG_FILE)))
    return at(`contains ${SPA_CONFIG_FILE}, which the construct generates; rename the front end's file`);
  const files = filesBelow(dir, props.includeDotfiles ?? []);
  const bytes = files.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
  if (files.length >= ZIP_MAX_ENTRIES || bytes >= ZIP_MAX_BYTES / 2)
    return at(
      `has ${files.length} files and ${bytes} bytes; a package holds fewer than ${ZIP_MAX_ENTRIES} files and 2 GiB`,
    );
  return [];
}

/** The API's URL goes into a public file at synth: a literal https URL without credentials. */
function apiBaseUrlProblems(value: string): PropProblem[] {
  // A reference or a URL with credentials is not echoed: the one is meaningless, the other a secret.
  const at = (rule: string, echo = true): PropProblem[] => [
    { prop: ["apiBaseUrl"], value: echo ? value : undefined, rule },
  ];
  if (Token.isUnresolved(value))
    return at(
      "must be known at synth (e.g. https://<api app name>.azurewebsites.net), not a Terraform reference: it is written into config.js inside the package",
      false,
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return at("is not a URL");
  }
  if (url.protocol !== "https:") return at("must use https");
  if (url.username || url.password) return at("must not contain credentials: config.js is public", false);
  if (url.search || url.hash) return at("must not have a query or fragment");
  return [];
}

/**
 * Every limit of a SpaWebApp's props: name, source, URL, deployment, the site's own limits,
 * access. `source` is what the source folder held when it was packaged (the construct checks it once).
 */
export function spaWebAppProblems(props: SpaWebAppProps, source = sourceProblems(props)): PropProblem[] {
  const deployment = props.deployment ?? "zipDeploy";
  const name = isUnresolved(props.name) ? undefined : nameProblem("webApp", props.name);
  return [
    ...(name ? [{ prop: ["name"], rule: name }] : []),
    ...source,
    ...(props.apiBaseUrl === undefined ? [] : apiBaseUrlProblems(props.apiBaseUrl)),
    ...(deployment === "zipDeploy" || deployment === "external"
      ? []
      : [{ prop: ["deployment"], value: deployment, rule: 'must be "zipDeploy" or "external"' }]),
    ...siteProblems({
      tier: props.plan.tier,
      sku: props.plan.sku,
      healthCheckPath: props.healthCheckPath ?? "/",
      healthCheckEvictionTimeInMin: props.healthCheckEvictionTimeInMin,
      alwaysOn: props.alwaysOn,
    }),
    ...within(["includeDotfiles"], includeDotfilesProblems(props.includeDotfiles ?? [])),
    ...(props.access ? within(["access"], siteAccessProblems(props.access)) : []),
    ...(props.scmAccess ? within(["scmAccess"], siteAccessProblems(props.scmAccess)) : []),
  ];
}

/**
 * A single-page front end on App Service: a Linux web app with the Node 22 LTS runtime whose pm2
 * serves the static build (`--spa`: unknown paths get index.html), deployed as a zip package
 * built at synth.
 *
 * The package is `dist/` (the build output, dotfiles left out unless listed in
 * `includeDotfiles`: a `.env` or `.git/` in the build folder must not become public) plus a
 * generated `dist/config.js` that sets
 * `window.__APP_CONFIG__ = { apiBaseUrl }`: the bundle is static and cannot read app settings,
 * and the package is mounted read-only (`WEBSITE_RUN_FROM_PACKAGE=1`), so nothing can write the
 * file at startup either. It holds public values only. The package path in the JSON is
 * relative to the stack directory (`assets/<id>/<content hash>/archive.zip`) and changes with
 * the content, which is what makes Terraform redeploy. `SCM_DO_BUILD_DURING_DEPLOYMENT=false`:
 * the bundle is built before synth, App Service does not run `npm install` or a build.
 *
 * The zip is built in-process ({@link zipFiles}) and handed to a FILE asset rather than a cdktf
 * ARCHIVE asset: ARCHIVE spawns a `node` process per asset (about 0.2 s each, per environment,
 * against a 1 s synth budget), passes paths to a shell unquoted (a project path with a space
 * breaks it) and stamps file times into the zip, so the bytes differ on every synth.
 *
 * Site defaults as for the API: HTTPS only, TLS 1.2+, FTP(S) off, HTTP/2, no remote debugging,
 * FTP basic authentication off, always on where the tier has it, a health check. SCM basic
 * authentication stays on only for "zipDeploy" (see {@link SpaDeployment}).
 */
export class SpaWebApp extends Construct {
  /** Escape hatch: the web app. */
  readonly resource: AzLinuxWebApp;
  /** Escape hatch: the zip package; undefined when `sourceDir` is unusable (synth then fails validation). */
  readonly asset?: TerraformAsset;
  /** What `config.js` defines. */
  readonly publicConfig: Readonly<Record<string, string>>;
  readonly deployment: SpaDeployment;

  constructor(scope: Construct, id: string, props: SpaWebAppProps) {
    super(scope, id);
    this.deployment = props.deployment ?? "zipDeploy";
    const apiBaseUrl = props.apiBaseUrl;
    this.publicConfig =
      apiBaseUrl === undefined || apiBaseUrlProblems(apiBaseUrl).length > 0
        ? {}
        : { apiBaseUrl: apiBaseUrl.replace(/\/+$/, "") };
    // The folder is read once, now: what is packaged is what is checked.
    const source = sourceProblems(props);
    this.node.addValidation({
      validate: () => validationMessages("SpaWebApp", this, spaWebAppProblems(props, source)),
    });
    if (source.length === 0) this.asset = this.addPackage(props);
    this.resource = this.addSite(props);
  }

  /**
   * dist/ + config.js, zipped in-process and byte for byte reproducible: the content hash in the
   * asset path (and so zip_deploy_file) changes exactly when the package does.
   */
  private addPackage(props: SpaWebAppProps): TerraformAsset {
    const sourceDir = resolve(props.sourceDir);
    const config = [
      "// Generated at synth by SpaWebApp: public configuration of this front end. Never put secrets here.",
      `window.${SPA_CONFIG_GLOBAL} = ${JSON.stringify(this.publicConfig)};`,
      "",
    ].join("\n");
    const zip = zipFiles([
      ...filesBelow(sourceDir, props.includeDotfiles ?? []).map((file) => ({
        name: `dist/${file}`,
        data: readFileSync(join(sourceDir, file)),
      })),
      { name: `dist/${SPA_CONFIG_FILE}`, data: Buffer.from(config) },
    ]);
    const hash = createHash("sha256").update(zip).digest("hex").slice(0, 32).toUpperCase();
    return new TerraformAsset(this, "package", {
      path: writePackage(zip, hash),
      type: AssetType.FILE,
      assetHash: hash,
    });
  }

  private addSite(props: SpaWebAppProps): AzLinuxWebApp {
    const minimumTlsVersion = props.minimumTlsVersion ?? "1.2";
    return new AzLinuxWebApp(this, "app", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      servicePlanId: props.plan.id,
      httpsOnly: true,
      clientAffinityEnabled: false,
      ftpPublishBasicAuthenticationEnabled: false,
      // The provider's zip deploy authenticates to Kudu with the publishing credentials.
      webdeployPublishBasicAuthenticationEnabled: this.deployment === "zipDeploy",
      identity: props.identity
        ? { type: "UserAssigned", identityIds: [props.identity.id] }
        : { type: "SystemAssigned" },
      keyVaultReferenceIdentityId: props.identity?.id,
      siteConfig: {
        ...accessRestrictionConfig(props.access, props.scmAccess),
        alwaysOn: props.alwaysOn ?? props.plan.tier.alwaysOn,
        ftpsState: "Disabled",
        http2Enabled: true,
        minimumTlsVersion,
        scmMinimumTlsVersion: minimumTlsVersion,
        remoteDebuggingEnabled: false,
        healthCheckPath: props.healthCheckPath ?? "/",
        healthCheckEvictionTimeInMin: props.healthCheckEvictionTimeInMin ?? 5,
        appCommandLine: SPA_STARTUP_COMMAND,
        applicationStack: { nodeVersion: props.nodeVersion ?? SPA_NODE_VERSION },
      },
      appSettings: {
        // Mount the zip read-only as wwwroot: atomic deployments, no half-copied files.
        WEBSITE_RUN_FROM_PACKAGE: "1",
        // The bundle is built before synth; App Service must not run npm install or a build.
        SCM_DO_BUILD_DURING_DEPLOYMENT: "false",
        ...(this.publicConfig.apiBaseUrl ? { API_BASE_URL: this.publicConfig.apiBaseUrl } : {}),
      },
      zipDeployFile: this.deployment === "zipDeploy" ? this.asset?.path : undefined,
      tags: props.tags,
    });
  }

  get id(): string {
    return this.resource.id;
  }

  get name(): string {
    return this.resource.name;
  }

  /** Host name, e.g. `app-contoso-prod-web.azurewebsites.net`. */
  get defaultHostname(): string {
    return this.resource.defaultHostname;
  }

  /**
   * The zip package relative to the stack's directory (`cdktf.out/stacks/<stack>`), e.g. for
   * `az webapp deploy --type zip --src-path` with "external" deployment.
   */
  get packagePath(): string | undefined {
    return this.asset?.path;
  }
}
