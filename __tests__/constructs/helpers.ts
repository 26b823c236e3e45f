import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, DefaultTokenResolver, StringConcat, TerraformStack, Testing, Tokenization } from "cdktf";
import type { IConstruct } from "constructs";
import { AzResourceGroup, AzurermProvider, TimeProvider } from "../../constructs/providers";

/** Synthesized Terraform JSON; its shape depends on the provider schema, so it stays loosely typed. */
export type Json = any;

export interface TestStack {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly rg: AzResourceGroup;
}

/**
 * The output folder of every test app. Tests synthesize in memory (`Testing.synth`), so nothing
 * is written there; one folder instead of `Testing.app()`'s new one per app saves a folder per test.
 */
const TEST_APP_OUTDIR = join(tmpdir(), "cdktf.outdir.construct-tests");

/** A stack with the azurerm and time providers (cdktf validates their presence) and one resource group. */
export function testStack(): TestStack {
  const app = Testing.app({ outdir: TEST_APP_OUTDIR });
  const stack = new TerraformStack(app, "test");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  new TimeProvider(stack, "time");
  const rg = new AzResourceGroup(stack, "rg", { name: "rg-x", location: "westeurope" });
  return { app, stack, rg };
}

/**
 * Synthesizes `stack` with all construct validations run (`Testing.synth(stack, true)` calls
 * `stack.runAllValidations()`, as `app.synth()` does), so a test of a valid configuration
 * also proves that nothing was refused.
 */
export function synth(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack, true));
}

/** A Terraform interpolation as it appears in the JSON: `tf("var.x")` is `${var.x}`. */
export function tf(expression: string): string {
  return `\${${expression}}`;
}

export const RG_NAME = tf("azurerm_resource_group.rg.name");
export const RG_LOCATION = tf("azurerm_resource_group.rg.location");

/** Every resource of `type`, by logical id. */
export function resourcesOf(json: Json, type: string): Record<string, Json> {
  return json.resource?.[type] ?? {};
}

/** The logical id of the only resource of `type`; fails the test when there is not exactly one. */
export function resourceIdOf(json: Json, type: string): string {
  const ids = Object.keys(resourcesOf(json, type));
  if (ids.length !== 1)
    throw new Error(`expected exactly one ${type}, found ${ids.length}: ${ids.join(", ")}`);
  return ids[0];
}

/** The only resource of `type`. */
export function resourceOf(json: Json, type: string): Json {
  return resourcesOf(json, type)[resourceIdOf(json, type)];
}

/** The resources of `type` that satisfy `predicate`. */
export function resourcesWhere(json: Json, type: string, predicate: (resource: Json) => boolean): Json[] {
  return Object.values(resourcesOf(json, type)).filter(predicate);
}

/** Terraform reference to an attribute of the only resource of `type`, e.g. `${azurerm_key_vault.x.id}`. */
export function refOf(json: Json, type: string, attribute: string): string {
  return `\${${type}.${resourceIdOf(json, type)}.${attribute}}`;
}

/** The only data source of `type`. */
export function dataIdOf(json: Json, type: string): string {
  const ids = Object.keys(json.data?.[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected exactly one data.${type}, found ${ids.length}`);
  return ids[0];
}

/** Messages of every construct validation in the stack (what `runAllValidations` would report). */
export function validationErrors(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((construct) => construct.node.validate());
}

/** Synthesizes with validations and returns the error message; fails the test if synth succeeds. */
export function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected synth to fail validation, but it succeeded");
}

/** What a token (e.g. `registry.loginServer`) becomes in the synthesized JSON of `scope`'s stack. */
export function resolved(scope: IConstruct, value: unknown): Json {
  return Tokenization.resolve(value, {
    scope,
    preparing: false,
    resolver: new DefaultTokenResolver(new StringConcat()),
  });
}
