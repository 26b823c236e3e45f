import { spawnSync } from "node:child_process";

/**
 * `text` as Biome formats the Markdown file at `path` (tables aligned): generated pages are
 * written formatted, so `npm run lint` and the staleness test agree on one text.
 */
export function formatMarkdown(text: string, path: string): string {
  // Resolved like a package, so it works from the sources and from a bundle in .build/.
  const biome = require.resolve("@biomejs/biome/bin/biome");
  const result = spawnSync(process.execPath, [biome, "format", `--stdin-file-path=${path}`], {
    input: text,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`biome could not format ${path}: ${result.stderr}`);
  return result.stdout;
}
