import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const ROOT = resolve(__dirname, "../..");

/**
 * The folders of the product, bottom to top: a file may import from its own layer and the
 * layers below it, never from one above (DESIGN.md, "Folders depend one way").
 */
const LAYERS = ["constructs", "config", "stacks", "policies", "app", "tools"] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** The layer a project file belongs to, or undefined (main.ts, tests, examples). */
function layerOf(file: string): number | undefined {
  const top = relative(ROOT, file).split(sep)[0];
  const index = (LAYERS as readonly string[]).indexOf(top);
  return index === -1 ? undefined : index;
}

/** The project files `file` imports (relative specifiers only; packages are not layers). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g)].map(
    (m) => m[1],
  );
  return specifiers.map((specifier) => resolve(dirname(file), specifier));
}

const edges = LAYERS.flatMap((layer) => sourceFiles(join(ROOT, layer))).flatMap((file) =>
  importsOf(file).map((target) => ({ file, target })),
);

test("the walk sees the project's imports (a broken walk would pass vacuously)", () => {
  expect(edges.length).toBeGreaterThan(100);
  expect(edges.some(({ file, target }) => layerOf(file) === 1 && layerOf(target) === 0)).toBe(true);
});

test("no folder imports from a folder above it", () => {
  const upward = edges
    .filter(({ file, target }) => {
      const from = layerOf(file);
      const to = layerOf(target);
      return from !== undefined && to !== undefined && to > from;
    })
    .map(({ file, target }) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
  expect(upward).toEqual([]);
});
