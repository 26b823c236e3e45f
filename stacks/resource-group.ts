import type { Construct } from "constructs";
import type { PlatformConfig } from "../config/schema";
import { AzResourceGroup, DataAzurermResourceGroup } from "../constructs/providers";
import type { IResourceGroup } from "../constructs/resource-group";

export interface PlatformResourceGroupProps {
  /** Decides who owns the group: `backend.tfcOrganization` set means the HCP bootstrap stack does. */
  readonly config: PlatformConfig;
  /** Resource group name, from config/resource-names.ts. */
  readonly name: string;
  /** Azure region of the group and the default of its resources. */
  readonly location: string;
  /** Tags of a group created here; a looked-up group keeps the tags the bootstrap gave it. @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * One of the platform's resource groups (shared, or an environment's), as the stack that fills
 * it sees it.
 *
 * Locally the stack creates the group (`azurerm_resource_group`). With an HCP Terraform
 * organization the `<app>-hcp` bootstrap stack creates it, because the deployer identity's roles
 * are assigned on the group and must exist before any workspace runs; the stack then only looks
 * it up (`data.azurerm_resource_group`), so a missing bootstrap fails the plan at the look-up.
 *
 * The name is the look-up's attribute (every resource waits for the look-up); the location
 * stays the literal given, the one the bootstrap created the group in, so construct
 * validations that compare regions keep working.
 */
export function platformResourceGroup(
  scope: Construct,
  id: string,
  props: PlatformResourceGroupProps,
): IResourceGroup {
  if (props.config.backend.tfcOrganization === undefined) {
    return new AzResourceGroup(scope, id, { name: props.name, location: props.location, tags: props.tags });
  }
  const lookup = new DataAzurermResourceGroup(scope, id, { name: props.name });
  return { name: lookup.name, location: props.location };
}
