import { join } from "node:path";
import { diffSynth, type ResourceChange } from "../../../tools/review/diff";
import { readSynthDir, type Stack } from "../../../tools/review/synth-dir";

const fixtures = join(__dirname, "fixtures");
const base = readSynthDir(join(fixtures, "base"));
const changed = readSynthDir(join(fixtures, "changed"));

/** A Terraform reference as cdktf writes it into the JSON. */
const ref = (expression: string) => `\${${expression}}`;

/** A stack of `resources` ({ "type.id": body }) and optional outputs, data sources and moved blocks. */
function stack(name: string, resources: Record<string, object>, extra: Record<string, unknown> = {}): Stack {
  const resource: Record<string, Record<string, object>> = {};
  for (const [address, body] of Object.entries(resources)) {
    const [type, id] = address.split(".") as [string, string];
    resource[type] = { ...resource[type], [id]: body };
  }
  return { name, dependencies: [], tf: { resource, ...extra } };
}

function changesOf(before: Stack[], after: Stack[], stackName: string): ResourceChange[] {
  return [...(diffSynth(before, after).stacks.find((s) => s.name === stackName)?.changed ?? [])];
}

describe("diffSynth on the demo fixtures", () => {
  const diff = diffSynth(base, changed);
  const stackDiff = (name: string) => diff.stacks.find((s) => s.name === name);

  it("reports stacks added and removed with their resources", () => {
    expect(stackDiff("demo-new")).toMatchObject({ status: "added", added: ["azurerm_resource_group.rg"] });
    expect(stackDiff("demo-old")).toMatchObject({
      status: "removed",
      removed: ["azurerm_resource_group.rg"],
    });
  });

  it("lists resources added, removed and changed by type.id", () => {
    const dev = stackDiff("demo-dev");
    expect(dev?.added).toEqual(["azurerm_monitor_metric_alert.cpu"]);
    expect(dev?.removed).toEqual(["azurerm_key_vault_access_policy.deployer"]);
    expect(dev?.changed.map((c) => c.address)).toEqual([
      "azurerm_key_vault_secret.db_password",
      "azurerm_key_vault_secret.legacy",
      "azurerm_linux_web_app.api",
      "azurerm_linux_web_app_slot.staging",
      "azurerm_monitor_autoscale_setting.autoscale",
      "azurerm_postgresql_flexible_server.db",
      "azurerm_role_assignment.acr_pull",
    ]);
  });

  it("lists changed attributes one by one, redacting secrets", () => {
    const api = stackDiff("demo-dev")?.changed.find((c) => c.address === "azurerm_linux_web_app.api");
    expect(api?.attributes).toEqual([
      {
        path: "app_settings.DATABASE_URL",
        before: "(redacted)",
        after: "(redacted)",
        forcesNew: false,
        ignored: false,
      },
      {
        path: "app_settings.FEATURE_FLAG",
        before: "(absent)",
        after: "on",
        forcesNew: false,
        ignored: false,
      },
      {
        path: "site_config.application_stack.docker_image_name",
        before: "api:1.0.0",
        after: "api:1.1.0",
        forcesNew: false,
        ignored: false,
      },
    ]);
    // A web app has a CustomizeDiff: any change may replace it, and its slot goes with it.
    expect(api?.replacement).toBe("may be replaced");
    const slot = stackDiff("demo-dev")?.changed.find(
      (c) => c.address === "azurerm_linux_web_app_slot.staging",
    );
    expect(slot).toMatchObject({
      replacement: "may be replaced",
      attributes: [],
      parent: { stack: "demo-dev", address: "azurerm_linux_web_app.api" },
    });
  });

  it("calls out a renamed registry as a replacement and its SKU change as in place", () => {
    const acr = stackDiff("demo-shared")?.changed.find((c) => c.address === "azurerm_container_registry.acr");
    expect(acr?.replacement).toBe("replaced");
    expect(acr?.forcedBy).toEqual(["name"]);
    expect(acr?.attributes.map((a) => [a.path, a.forcesNew])).toEqual([
      ["name", true],
      ["sku", false],
    ]);
  });

  it("keeps the differing end of long values visible", () => {
    const grant = stackDiff("demo-dev")?.changed.find(
      (c) => c.address === "azurerm_role_assignment.acr_pull",
    );
    const [scope] = grant?.attributes ?? [];
    expect(scope?.forcesNew).toBe(true);
    expect(scope?.before.endsWith("/registries/demoacr")).toBe(true);
    expect(scope?.after.endsWith("/registries/demoacr2")).toBe(true);
  });

  it("ignores // metadata and leaves unchanged stacks out", () => {
    const moved: Stack[] = base.map((s) => ({
      ...s,
      tf: JSON.parse(JSON.stringify(s.tf).replaceAll('"uniqueId":"', '"uniqueId":"moved_')),
    }));
    expect(JSON.stringify(moved)).toContain("moved_");
    expect(diffSynth(base, moved).stacks).toEqual([]);
  });
});

describe("replacements that follow a parent", () => {
  const rg = (location: string) => ({ name: "rg-x", location });
  const inGroup = { resource_group_name: ref("azurerm_resource_group.rg.name"), location: "westeurope" };

  it("replaces the children of a replaced resource group, grandchildren included", () => {
    const before = [
      stack("x", {
        "azurerm_resource_group.rg": rg("westeurope"),
        "azurerm_postgresql_flexible_server.db": { name: "psql-x", ...inGroup },
        "azurerm_postgresql_flexible_server_database.app": {
          name: "app",
          server_id: ref("azurerm_postgresql_flexible_server.db.id"),
        },
        "azurerm_service_plan.plan": { name: "asp-x", os_type: "Linux", sku_name: "B1", ...inGroup },
        "azurerm_linux_web_app.api": {
          name: "app-x",
          service_plan_id: ref("azurerm_service_plan.plan.id"),
          ...inGroup,
        },
      }),
    ];
    const after = structuredClone(before);
    (after[0]!.tf.resource as any).azurerm_resource_group.rg.location = "northeurope";
    const changes = changesOf(before, after, "x");
    const byAddress = Object.fromEntries(changes.map((c) => [c.address, c]));
    expect(byAddress["azurerm_resource_group.rg"]).toMatchObject({
      replacement: "replaced",
      forcedBy: ["location"],
    });
    expect(byAddress["azurerm_postgresql_flexible_server.db"]).toMatchObject({
      replacement: "replaced",
      parent: { stack: "x", address: "azurerm_resource_group.rg" },
    });
    expect(byAddress["azurerm_postgresql_flexible_server_database.app"]).toMatchObject({
      replacement: "replaced",
      parent: { stack: "x", address: "azurerm_postgresql_flexible_server.db" },
    });
    expect(byAddress["azurerm_linux_web_app.api"]?.replacement).toBe("replaced");
  });

  it("follows cdktf's cross-stack outputs and data sources that read a resource by name", () => {
    const registry = (zones: boolean) => ({ name: "crx", sku: "Premium", zone_redundancy_enabled: zones });
    const shared = (zones: boolean) =>
      stack(
        "x-shared",
        { "azurerm_container_registry.acr": registry(zones) },
        { output: { "cross-stack-output-acr-id": { value: ref("azurerm_container_registry.acr.id") } } },
      );
    const env = stack(
      "x-env",
      {
        "azurerm_role_assignment.pull": {
          role_definition_name: "AcrPull",
          principal_id: "p",
          scope: ref(
            "data.terraform_remote_state.cross-stack-reference-input-x-shared.outputs.cross-stack-output-acr-id",
          ),
        },
        "azurerm_role_assignment.push": {
          role_definition_name: "AcrPush",
          principal_id: "p",
          scope: ref("data.azurerm_container_registry.acr.id"),
        },
      },
      {
        data: {
          terraform_remote_state: { "cross-stack-reference-input-x-shared": { backend: "local" } },
          azurerm_container_registry: { acr: { name: "crx", resource_group_name: "rg" } },
        },
      },
    );
    const changes = changesOf([shared(false), env], [shared(true), env], "x-env");
    expect(changes.map((c) => [c.address, c.replacement, c.parent?.stack])).toEqual([
      ["azurerm_role_assignment.pull", "replaced", "x-shared"],
      ["azurerm_role_assignment.push", "replaced", "x-shared"],
    ]);
  });
});

describe("addresses and lifecycle", () => {
  const identity = { name: "id-x", location: "westeurope", resource_group_name: "rg" };
  const grant = (address: string) => ({
    role_definition_name: "AcrPull",
    scope: "/registries/x",
    principal_id: ref(`${address}.principal_id`),
  });

  it("treats a moved block as the same resource, references to it included", () => {
    const before = [
      stack("x", {
        "azurerm_user_assigned_identity.old": identity,
        "azurerm_role_assignment.pull": grant("azurerm_user_assigned_identity.old"),
      }),
    ];
    const after = [
      stack(
        "x",
        {
          "azurerm_user_assigned_identity.new": identity,
          "azurerm_role_assignment.pull": grant("azurerm_user_assigned_identity.new"),
        },
        { moved: [{ from: "azurerm_user_assigned_identity.old", to: "azurerm_user_assigned_identity.new" }] },
      ),
    ];
    expect(changesOf(before, after, "x")).toEqual([
      {
        address: "azurerm_user_assigned_identity.new",
        type: "azurerm_user_assigned_identity",
        from: "azurerm_user_assigned_identity.old",
        readdressed: false,
        attributes: [],
        replacement: "in place",
        forcedBy: [],
      },
    ]);
  });

  it("replaces a resource whose address changed without a moved block, and what depends on it", () => {
    const before = [
      stack("x", {
        "azurerm_user_assigned_identity.old": identity,
        "azurerm_role_assignment.pull": grant("azurerm_user_assigned_identity.old"),
      }),
    ];
    const after = [
      stack("x", {
        "azurerm_user_assigned_identity.new": identity,
        "azurerm_role_assignment.pull": grant("azurerm_user_assigned_identity.new"),
      }),
    ];
    const diff = diffSynth(before, after).stacks[0];
    expect(diff?.added).toEqual([]);
    expect(diff?.removed).toEqual([]);
    expect(diff?.changed.map((c) => [c.address, c.replacement, c.readdressed, c.from])).toEqual([
      ["azurerm_role_assignment.pull", "replaced", false, undefined],
      ["azurerm_user_assigned_identity.new", "replaced", true, "azurerm_user_assigned_identity.old"],
    ]);
  });

  it("marks changes that lifecycle.ignore_changes hides as ignored, and they replace nothing", () => {
    const plan = (workers: number, os: string) => ({
      name: "asp",
      os_type: os,
      worker_count: workers,
      lifecycle: { ignore_changes: ["worker_count", "os_type"] },
    });
    const [change] = changesOf(
      [stack("x", { "azurerm_service_plan.plan": plan(2, "Linux") })],
      [stack("x", { "azurerm_service_plan.plan": plan(3, "Windows") })],
      "x",
    );
    expect(change?.replacement).toBe("in place");
    expect(change?.attributes.map((a) => [a.path, a.ignored, a.forcesNew])).toEqual([
      ["os_type", true, false],
      ["worker_count", true, false],
    ]);
  });

  it("says a change of a type it has no force-new list for may replace it", () => {
    const [change] = changesOf(
      [stack("x", { "acme_widget.w": { size: 1 } })],
      [stack("x", { "acme_widget.w": { size: 2 } })],
      "x",
    );
    expect(change?.replacement).toBe("replacement unknown");
  });
});
