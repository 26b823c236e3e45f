/**
 * What a construct needs of the resource group it creates its resources in: a managed
 * `azurerm_resource_group` or a looked-up one (`data.azurerm_resource_group`, e.g. when a
 * bootstrap stack created the group). Constructs never create resource groups themselves.
 */
export interface IResourceGroup {
  /** Resource group name (a literal or a Terraform reference). */
  readonly name: string;
  /** Azure region; the default location of the construct's resources. */
  readonly location: string;
  /** The location as a literal, when it is known at synth (a managed group's input); validations use it. */
  readonly locationInput?: string;
}
