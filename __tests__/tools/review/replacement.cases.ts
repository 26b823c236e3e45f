import { readFileSync } from "node:fs";
import { join } from "node:path";
import { skuDirection } from "../../../tools/review/cost";
import {
  AZURERM_TABLE_VERSION,
  DOCUMENTED_FORCE_NEW,
  forceNewRule,
  ownReplacement,
  parentAttributes,
} from "../../../tools/review/replacement";
import { REPO_ROOT } from "../../stacks/platform-fixture";

const packageJson = (name: string) =>
  JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", "@cdktf", name, "package.json"), "utf8"));

describe("the force-new list", () => {
  it("was read from the azurerm version the project's bindings pin", () => {
    expect(AZURERM_TABLE_VERSION).toBe(packageJson("provider-azurerm").cdktf.provider.version);
  });

  it("lists attributes from the provider's schema, nested blocks as dotted paths", () => {
    expect(forceNewRule("azurerm_key_vault")).toEqual({
      forceNew: ["location", "name", "resource_group_name"],
      customizeDiff: false,
      complete: true,
    });
    expect(forceNewRule("azurerm_private_endpoint")?.forceNew).toContain(
      "private_service_connection.subresource_names",
    );
  });

  // The other providers' force-new attributes come from their schema docs in the bindings.
  const bindings: Record<string, [pkg: string, config: string]> = {
    docker_image: ["provider-docker", "image.ImageConfig"],
    docker_registry_image: ["provider-docker", "registryImage.RegistryImageConfig"],
    random_bytes: ["provider-random", "bytes.BytesConfig"],
    random_id: ["provider-random", "id.IdConfig"],
    random_integer: ["provider-random", "integer.IntegerConfig"],
    random_password: ["provider-random", "password.PasswordConfig"],
    random_pet: ["provider-random", "pet.PetConfig"],
    random_shuffle: ["provider-random", "shuffle.ShuffleConfig"],
    random_string: ["provider-random", "stringResource.StringResourceConfig"],
    random_uuid: ["provider-random", "uuid.UuidConfig"],
  };

  it("has a binding to check for every documented entry", () => {
    expect(Object.keys(bindings).sort()).toEqual(Object.keys(DOCUMENTED_FORCE_NEW).sort());
  });

  it.each(Object.entries(bindings))(
    "takes %s's force-new attributes from its schema docs",
    (type, [pkg, config]) => {
      const jsii = JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", "@cdktf", pkg, ".jsii"), "utf8"));
      const properties: { name: string; docs?: { summary?: string } }[] =
        jsii.types[`@cdktf/${pkg}.${config}`]?.properties ?? [];
      for (const attribute of DOCUMENTED_FORCE_NEW[type] ?? []) {
        expect(properties.find((p) => p.name === attribute)?.docs?.summary).toMatch(/replaced|recreation/);
      }
      expect(forceNewRule(type)?.complete).toBe(false);
    },
  );
});

describe("ownReplacement", () => {
  it("replaces on a force-new attribute, a nested one or a block around one", () => {
    expect(ownReplacement("azurerm_key_vault", ["name", "sku_name"])).toEqual({
      replacement: "replaced",
      forcedBy: ["name"],
    });
    expect(ownReplacement("azurerm_private_endpoint", ["private_service_connection.name"]).replacement).toBe(
      "replaced",
    );
    expect(ownReplacement("azurerm_private_endpoint", ["ip_configuration"]).replacement).toBe("replaced");
  });

  it("changes in place what the list does not name, unless the type has a CustomizeDiff", () => {
    expect(ownReplacement("azurerm_key_vault", ["sku_name"]).replacement).toBe("in place");
    expect(ownReplacement("azurerm_linux_web_app", ["app_settings.LOG_LEVEL"]).replacement).toBe(
      "may be replaced",
    );
  });

  it("never calls a type it knows nothing about safe", () => {
    expect(ownReplacement("tfe_workspace", ["name"]).replacement).toBe("replacement unknown");
    expect(ownReplacement("docker_image", ["keep_locally"]).replacement).toBe("replacement unknown");
    expect(ownReplacement("docker_image", ["triggers.context_hash"]).replacement).toBe("replaced");
  });

  it("leaves meta-arguments out, except the ones that decide how many instances exist", () => {
    expect(
      ownReplacement("azurerm_key_vault", ["depends_on[0]", "lifecycle.prevent_destroy"]).replacement,
    ).toBe("in place");
    expect(ownReplacement("azurerm_postgresql_flexible_server_firewall_rule", ["for_each"])).toEqual({
      replacement: "may be replaced",
      forcedBy: ["for_each"],
    });
  });

  it("counts a slot's app and a grant's principal as parents", () => {
    expect(parentAttributes("azurerm_linux_web_app_slot")).toContain("app_service_id");
    expect(parentAttributes("azurerm_role_assignment")).toEqual(
      expect.arrayContaining(["scope", "principal_id"]),
    );
    expect(parentAttributes("azurerm_linux_web_app")).not.toContain("service_plan_id");
  });
});

describe("skuDirection", () => {
  it.each([
    ["P1v3", "P2v3", "up"],
    ["P2v3", "P1v3", "down"],
    ["B1", "S1", "up"],
    ["P1v3", "B3", "down"],
    ["P1v2", "P1v3", "unknown"],
    ["GP_Standard_D2s_v3", "GP_Standard_D4s_v3", "up"],
    ["GP_Standard_D4s_v3", "B_Standard_B2s", "down"],
    ["Standard", "Premium", "up"],
    ["premium", "standard", "down"],
    ["PerGB2018", "CapacityReservation", "unknown"],
    [undefined, "S1", "up"],
  ])("%s -> %s is %s", (before, after, direction) => {
    expect(skuDirection(before, after)).toBe(direction);
  });
});
