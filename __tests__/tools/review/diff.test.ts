import { join } from "node:path";
import { diffSynth, forcesNew } from "../../../tools/review/diff";
import { readSynthDir, type Stack } from "../../../tools/review/synth-dir";

const fixtures = join(__dirname, "fixtures");
const base = readSynthDir(join(fixtures, "base"));
const changed = readSynthDir(join(fixtures, "changed"));

describe("diffSynth", () => {
  const diff = diffSynth(base, changed);
  const stack = (name: string) => diff.find((s) => s.name === name);

  it("reports stacks added and removed with their resources", () => {
    expect(stack("demo-new")).toMatchObject({
      status: "added",
      added: ["azurerm_resource_group.rg"],
      removed: [],
    });
    expect(stack("demo-old")).toMatchObject({
      status: "removed",
      added: [],
      removed: ["azurerm_resource_group.rg"],
    });
  });

  it("lists resources added, removed and changed by type.id", () => {
    const dev = stack("demo-dev");
    expect(dev?.added).toEqual(["azurerm_monitor_metric_alert.cpu"]);
    expect(dev?.removed).toEqual(["azurerm_key_vault_access_policy.deployer"]);
    expect(dev?.changed.map((c) => c.address)).toEqual([
      "azurerm_key_vault_secret.db_password",
      "azurerm_key_vault_secret.legacy",
      "azurerm_linux_web_app.api",
      "azurerm_monitor_autoscale_setting.autoscale",
      "azurerm_postgresql_flexible_server.db",
      "azurerm_role_assignment.acr_pull",
    ]);
  });

  it("lists changed attributes one by one, redacting secrets", () => {
    const api = stack("demo-dev")?.changed.find((c) => c.address === "azurerm_linux_web_app.api");
    expect(api?.attributes).toEqual([
      { path: "app_settings.DATABASE_URL", before: "(redacted)", after: "(redacted)", forcesNew: false },
      { path: "app_settings.FEATURE_FLAG", before: "(absent)", after: "on", forcesNew: false },
      {
        path: "site_config.application_stack.docker_image_name",
        before: "api:1.0.0",
        after: "api:1.1.0",
        forcesNew: false,
      },
    ]);
    const autoscale = stack("demo-dev")?.changed.find((c) =>
      c.address.startsWith("azurerm_monitor_autoscale"),
    );
    expect(autoscale?.attributes).toEqual([
      { path: "profile[0].rule[0].metric_trigger.threshold", before: "70", after: "80", forcesNew: false },
    ]);
  });

  it("calls out a renamed resource as a replacement, and an in-place change as not", () => {
    const acr = stack("demo-shared")?.changed.find((c) => c.address === "azurerm_container_registry.acr");
    expect(acr?.attributes).toEqual([
      { path: "name", before: "demoacr", after: "demoacr2", forcesNew: true },
      { path: "sku", before: "Premium", after: "Standard", forcesNew: false },
    ]);
  });

  it("keeps the differing end of long values visible", () => {
    const grant = stack("demo-dev")?.changed.find((c) => c.address === "azurerm_role_assignment.acr_pull");
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
    expect(diffSynth(base, moved)).toEqual([]);
  });
});

describe("forcesNew", () => {
  it("applies name, location and resource group to every azurerm type, and the per-type entries", () => {
    expect(forcesNew("azurerm_linux_web_app", "name")).toBe(true);
    expect(forcesNew("azurerm_linux_web_app", "location")).toBe(true);
    expect(forcesNew("azurerm_key_vault", "tenant_id")).toBe(true);
    expect(forcesNew("azurerm_role_assignment", "principal_id")).toBe(true);
    expect(forcesNew("azurerm_service_plan", "os_type")).toBe(true);
  });

  it("does not treat service_plan_id, registry sku or non-azurerm names as force-new", () => {
    expect(forcesNew("azurerm_linux_web_app", "service_plan_id")).toBe(false);
    expect(forcesNew("azurerm_container_registry", "sku")).toBe(false);
    expect(forcesNew("docker_image", "name")).toBe(false);
  });
});
