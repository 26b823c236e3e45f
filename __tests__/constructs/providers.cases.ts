import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import * as providers from "../../constructs/providers";

const ROOT = resolve(__dirname, "../..");
const SKIPPED_DIRS = new Set(["node_modules", ".git", ".terraform", "coverage"]);
const PROVIDERS_MODULE = "constructs/providers.ts";

/** Every .ts file of the repository, relative with '/' separators, except dependencies and synth output. */
function sourceFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || entry.name === "cdktf.out" || entry.name.startsWith("cdktf.out."))
        return [];
      return sourceFiles(path);
    }
    return entry.isFile() && entry.name.endsWith(".ts") ? [relative(ROOT, path).split("\\").join("/")] : [];
  });
}

/** Module specifiers of static imports/exports, dynamic imports and requires. */
function moduleSpecifiers(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;
  return [...source.matchAll(pattern)].map((match) => match[1]);
}

const isProviderPackage = (specifier: string) => /^@cdktf\/provider-[a-z0-9-]+(\/|$)/.test(specifier);
/** The package root (or its lib index), which loads every binding of the provider. */
const isProviderRoot = (specifier: string) =>
  /^@cdktf\/provider-[a-z0-9-]+(\/lib(\/index(\.js)?)?)?\/?$/.test(specifier);

const files = sourceFiles().filter((file) => resolve(ROOT, file) !== __filename);
const importsOf = (file: string) => moduleSpecifiers(readFileSync(join(ROOT, file), "utf8"));

describe("provider imports", () => {
  test("the scan sees the repository's sources, including constructs/providers.ts", () => {
    expect(files).toContain(PROVIDERS_MODULE);
    expect(files).toContain("constructs/container-web-app.ts");
    expect(files.some((file) => file.startsWith("node_modules/") || file.startsWith("cdktf.out"))).toBe(
      false,
    );
  });

  test("the import scanner recognizes every import form, and root vs deep imports", () => {
    // Package names are assembled so that this test's own source holds no root import.
    const pkg = ["@cdktf", "provider-azurerm"].join("/");
    const docker = ["@cdktf", "provider-docker"].join("/");
    const source = [
      `import { LinuxWebApp } from "${pkg}";`,
      `import * as az from '${pkg}/lib';`,
      `export { Sleep } from "@cdktf/provider-time/lib/sleep";`,
      `const d = require("${docker}");`,
      `const r = await import("@cdktf/provider-random/lib/index.js");`,
      `import "./side-effect";`,
    ].join("\n");
    const specifiers = moduleSpecifiers(source);
    expect(specifiers).toEqual([
      pkg,
      `${pkg}/lib`,
      "@cdktf/provider-time/lib/sleep",
      docker,
      "@cdktf/provider-random/lib/index.js",
      "./side-effect",
    ]);
    expect(specifiers.filter(isProviderRoot)).toEqual([
      pkg,
      `${pkg}/lib`,
      docker,
      "@cdktf/provider-random/lib/index.js",
    ]);
    expect(isProviderRoot("@cdktf/provider-azurerm/lib/linux-web-app")).toBe(false);
    expect(isProviderPackage("@cdktf/provider-azurerm/lib/linux-web-app")).toBe(true);
    expect(isProviderPackage("cdktf")).toBe(false);
  });

  test("no .ts file imports a provider package root (it loads ~1,500 files)", () => {
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter(isProviderRoot)
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  test("only constructs/providers.ts imports @cdktf/provider-* at all", () => {
    const importers = files.filter((file) => importsOf(file).some(isProviderPackage));
    expect(importers).toEqual([PROVIDERS_MODULE]);
  });

  test("constructs/providers.ts imports one resource module per line, deep under lib/", () => {
    const specifiers = importsOf(PROVIDERS_MODULE).filter(isProviderPackage);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const specifier of specifiers) {
      expect(specifier).toMatch(
        /^@cdktf\/provider-(azurerm|docker|postgresql|random|tfe|time)\/lib\/[a-z0-9-]+$/,
      );
    }
  });

  test("every export of constructs/providers.ts is a loadable class", () => {
    const exports = Object.entries(providers);
    expect(exports.length).toBeGreaterThan(10);
    for (const [name, value] of exports) expect([name, typeof value]).toEqual([name, "function"]);
  });
});
