import { readdirSync } from "node:fs";
import { join } from "node:path";
import * as library from "../../constructs";

test("every construct class of constructs/ is part of the public surface", () => {
  const exported = new Set(Object.keys(library));
  for (const name of [
    "AppIdentity",
    "AppServicePlan",
    "Autoscale",
    "ContainerImage",
    "ContainerRegistry",
    "ContainerWebApp",
    "DeployingPrincipal",
    "SecretVault",
    "VaultSecret",
  ]) {
    expect(exported).toContain(name);
  }
});

test("the index exposes no provider class (they stay behind each construct's escape hatch)", () => {
  const files = readdirSync(join(__dirname, "../../constructs"));
  expect(files).toContain("providers.ts");
  expect(Object.keys(library).filter((name) => /^(Az|Docker|Time)[A-Z]/.test(name))).toEqual([]);
});
