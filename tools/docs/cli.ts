import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configurationDoc } from "./configuration-doc";
import { formatMarkdown } from "./format-markdown";
import { policiesDoc } from "./policies-doc";

/** The generated pages, by path below the project root, formatted as Biome formats Markdown. */
export const GENERATED_DOCS: Readonly<Record<string, () => string>> = {
  "docs/configuration.md": () => formatMarkdown(configurationDoc(), "docs/configuration.md"),
  "docs/policies.md": () => formatMarkdown(policiesDoc(), "docs/policies.md"),
};

/**
 * `npm run docs` writes the generated pages; `npm run docs -- --check` exits 1 when a page is
 * not what the code generates (CI's staleness check).
 */
function main(args: readonly string[]): number {
  const root = process.cwd();
  const check = args.includes("--check");
  const stale: string[] = [];
  for (const [path, generate] of Object.entries(GENERATED_DOCS)) {
    const text = generate();
    const file = join(root, path);
    let current: string | undefined;
    try {
      current = readFileSync(file, "utf8");
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    if (check) stale.push(path);
    else writeFileSync(file, text);
  }
  for (const path of stale) console.error(`${path} is stale: run npm run docs`);
  return stale.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
