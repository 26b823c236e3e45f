import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { loadConfig } from "../../config/load-config";
import type { PlatformConfig } from "../../config/schema";
import { AzurermProvider } from "../../constructs/providers";
import { platformResourceGroup } from "../../stacks/resource-group";

/** The JSON of a stack holding one platform resource group, with its name and location as outputs. */
function synthGroup(config: PlatformConfig) {
  const stack = new TerraformStack(Testing.app(), "test");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const group = platformResourceGroup(stack, "resource-group", {
    config,
    name: "rg-contoso-dev",
    location: "westeurope",
    tags: { environment: "dev" },
  });
  new TerraformOutput(stack, "name", { value: group.name });
  new TerraformOutput(stack, "location", { value: group.location });
  return JSON.parse(Testing.synth(stack, true));
}

test("without an HCP organization the stack creates its resource group", () => {
  const json = synthGroup(loadConfig({ IMAGE_TAG: "v1" }));
  expect(json.resource.azurerm_resource_group["resource-group"]).toEqual({
    name: "rg-contoso-dev",
    location: "westeurope",
    tags: { environment: "dev" },
  });
  expect(json.data?.azurerm_resource_group).toBeUndefined();
  expect(json.output.name.value).toBe("${azurerm_resource_group.resource-group.name}");
});

test("with an HCP organization it looks up the group the bootstrap stack created", () => {
  const json = synthGroup(loadConfig({ IMAGE_TAG: "v1", TFC_ORGANIZATION: "acme" }));
  expect(json.resource?.azurerm_resource_group).toBeUndefined();
  expect(json.data.azurerm_resource_group["resource-group"]).toEqual({ name: "rg-contoso-dev" });
  // Resources wait for the look-up; the location stays a literal for region checks.
  expect(json.output.name.value).toBe("${data.azurerm_resource_group.resource-group.name}");
  expect(json.output.location.value).toBe("westeurope");
});
