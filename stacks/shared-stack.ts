import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { namingContext, sharedNames } from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { ContainerRegistry } from "../constructs/container-registry";
import { AzResourceGroup } from "../constructs/providers";
import { configureBackend } from "./backend";
import { addAzureProvider } from "./providers";

export interface SharedStackProps {
  readonly config: PlatformConfig;
  /** Folder that relative project paths (state, build context) start from. */
  readonly projectRoot: string;
}

/**
 * What every environment shares: one resource group and one container registry, so an
 * image is built once and promoted from environment to environment.
 */
export class SharedStack extends TerraformStack {
  readonly resourceGroup: AzResourceGroup;
  readonly registry: ContainerRegistry;

  constructor(scope: Construct, id: string, props: SharedStackProps) {
    super(scope, id);
    const { app, registry } = props.config;
    const names = sharedNames(namingContext(app));
    addAzureProvider(this);
    configureBackend(this, props.config.backend, props.projectRoot);

    this.resourceGroup = new AzResourceGroup(this, "resource-group", {
      name: names.resourceGroup,
      location: app.location,
      tags: app.tags,
    });
    this.registry = new ContainerRegistry(this, "registry", {
      name: names.registry,
      resourceGroup: this.resourceGroup,
      sku: registry.sku,
      zoneRedundancyEnabled: registry.zoneRedundancy,
      georeplicationLocations: registry.georeplicationLocations,
      untaggedRetentionDays: registry.untaggedRetentionDays,
      tags: app.tags,
    });

    new TerraformOutput(this, "registry_login_server", {
      value: this.registry.loginServer,
      description: "Host name images are pushed to (docker login / az acr login)",
    });
  }
}
