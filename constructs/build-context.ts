import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";

/** Docker always reads these, whatever .dockerignore says; a change to them changes the image. */
const ALWAYS_INCLUDED = ["Dockerfile", ".dockerignore"];

/** A .dockerignore pattern as a regular expression over '/'-separated relative paths. */
function patternToRegExp(pattern: string): RegExp {
  let source = "";
  const clean = posix.normalize(pattern).replace(/^\/+|\/+$/g, "");
  for (let i = 0; i < clean.length; i++) {
    const char = clean[i];
    if (char === "*" && clean[i + 1] === "*") {
      // "**/" matches zero or more directories; a trailing "**" matches everything below.
      source += clean[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += clean[i + 2] === "/" ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "[") {
      const end = clean.indexOf("]", i);
      source += end > i ? clean.slice(i, end + 1).replace("[!", "[^") : "\\[";
      i = Math.max(end, i);
    } else source += char.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

interface IgnoreRule {
  readonly regexp: RegExp;
  readonly negated: boolean;
}

function readIgnoreRules(contextDir: string): IgnoreRule[] {
  const file = join(contextDir, ".dockerignore");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => ({ negated: line.startsWith("!"), regexp: patternToRegExp(line.replace(/^!/, "")) }));
}

/** Docker's rule: the last matching pattern wins; a pattern that matches a directory excludes its content. */
function isIgnored(relativePath: string, rules: IgnoreRule[]): boolean {
  const parts = relativePath.split("/");
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.regexp.test(candidate))) ignored = !rule.negated;
  }
  return ignored;
}

/** Files Docker sends as the build context, relative and sorted, honouring .dockerignore. */
export function buildContextFiles(contextDir: string): string[] {
  const rules = readIgnoreRules(contextDir);
  const files: string[] = [];
  const walk = (relativeDir: string) => {
    for (const entry of readdirSync(join(contextDir, relativeDir), { withFileTypes: true })) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relative);
      else if (entry.isFile() && (ALWAYS_INCLUDED.includes(relative) || !isIgnored(relative, rules)))
        files.push(relative);
    }
  };
  walk("");
  return files.sort();
}

/**
 * A content hash of the build context: same files, same hash; one changed byte or file name,
 * a new one. Paths are relative, so the hash is the same on every machine.
 */
export function buildContextHash(contextDir: string): string {
  const hash = createHash("sha256");
  for (const file of buildContextFiles(contextDir)) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(contextDir, file)))
      .update("\0");
  }
  return hash.digest("hex");
}
