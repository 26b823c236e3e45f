import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Construct } from "constructs";
import * as library from "../../constructs";

const FOLDER = join(__dirname, "../../constructs");
/** Every module of constructs/ but the index itself and the provider inventory. */
const modules = readdirSync(FOLDER)
  .filter((name) => name.endsWith(".ts") && name !== "index.ts" && name !== "providers.ts")
  .map((name) => name.slice(0, -3));

test("the folder has the constructs the platform is built from (the list below is derived, not typed in)", () => {
  expect(modules.length).toBeGreaterThan(25);
});

test.each(modules)("every export of %s is part of the public surface", (name) => {
  const module = require(join(FOLDER, name));
  const exported = Object.keys(module);
  expect(exported.filter((key) => !(key in library))).toEqual([]);
});

test("every construct class of constructs/ is exported (each a Construct subclass)", () => {
  const constructs = modules.flatMap((name) =>
    Object.entries(require(join(FOLDER, name)) as Record<string, unknown>)
      .filter(
        ([, value]) =>
          typeof value === "function" && (value as { prototype?: unknown }).prototype instanceof Construct,
      )
      .map(([key]) => key),
  );
  expect(constructs).toEqual(
    expect.arrayContaining(["ContainerWebApp", "PostgresDatabase", "MessageQueue", "SpaWebApp"]),
  );
  for (const key of constructs) expect(library).toHaveProperty(key);
});

test("the index exposes no provider class (they stay behind each construct's escape hatch)", () => {
  expect(
    Object.keys(library).filter((name) =>
      /^(Az|Docker|Time|Random|Tfe|Postgresql|DataAzurerm)[A-Z]/.test(name),
    ),
  ).toEqual([]);
});
