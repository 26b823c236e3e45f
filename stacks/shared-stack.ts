import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { namingContext, sharedNames } from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { ContainerRegistry } from "../constructs/container-registry";
import { DiagnosticSettings } from "../constructs/diagnostic-settings";
import { LogAnalyticsWorkspace } from "../constructs/log-analytics-workspace";
import type { IResourceGroup } from "../constructs/resource-group";
import { configureBackend } from "./backend";
import { addAzureProvider } from "./providers";
import { platformResourceGroup } from "./resource-group";

export interface SharedStackProps {
  readonly config: PlatformConfig;
  /** Folder that relative project paths (state, build context) start from. */
  readonly projectRoot: string;
}

/**
 * What every environment shares: one resource group, one container registry (an image is
 * built once and promoted from environment to environment) and one Log Analytics workspace.
 */
export class SharedStack extends TerraformStack {
  readonly resourceGroup: IResourceGroup;
  readonly registry: ContainerRegistry;
  /** Where every environment's logs, metrics and telemetry go. */
  readonly workspace: LogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: SharedStackProps) {
    super(scope, id);
    const { app, registry } = props.config;
    const names = sharedNames(namingContext(app));
    addAzureProvider(this);
    configureBackend(this, props.config.backend, props.projectRoot);

    this.resourceGroup = platformResourceGroup(this, "resource-group", {
      config: props.config,
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
      // Network rules live with the registry; each environment brings its own private endpoint.
      publicNetworkAccess: registry.publicNetworkAccess,
      allowedAddresses:
        registry.publicNetworkAccess === "allowList" ? props.config.deployer.addresses : undefined,
      tags: app.tags,
    });

    this.workspace = new LogAnalyticsWorkspace(this, "logs", {
      name: names.logAnalytics,
      resourceGroup: this.resourceGroup,
      retentionInDays: props.config.logAnalytics.retentionDays,
      dailyQuotaGb: props.config.logAnalytics.dailyQuotaGb,
      tags: app.tags,
    });
    new DiagnosticSettings(this, "registry-diagnostics", {
      target: this.registry,
      workspace: this.workspace,
    });

    new TerraformOutput(this, "registry_login_server", {
      value: this.registry.loginServer,
      description: "Host name images are pushed to (docker login / az acr login)",
    });
  }
}
