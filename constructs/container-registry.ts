import { Construct } from "constructs";
import { grantRole, type IGrantable } from "./grantable";
import { AzContainerRegistry, type AzResourceGroup, type AzRoleAssignment } from "./providers";

export type RegistrySku = "Basic" | "Standard" | "Premium";

export interface ContainerRegistryProps {
  /** Registry name: 5-49 lowercase letters and digits, globally unique. */
  readonly name: string;
  readonly resourceGroup: AzResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** @default "Standard" (more storage and throughput than Basic; Premium adds the features below) */
  readonly sku?: RegistrySku;
  /** Premium only. @default false */
  readonly zoneRedundancyEnabled?: boolean;
  /** Extra regions to replicate to; Premium only. @default none */
  readonly georeplicationLocations?: string[];
  /** Days to keep untagged manifests; Premium only. @default no retention policy */
  readonly untaggedRetentionDays?: number;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * Azure Container Registry with the admin user and anonymous pull off: images are pulled
 * by managed identities granted AcrPull, never with registry passwords.
 */
export class ContainerRegistry extends Construct {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzContainerRegistry;

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const sku = props.sku ?? "Standard";
    const georeplications = props.georeplicationLocations ?? [];
    const location = props.location ?? props.resourceGroup.location;

    this.node.addValidation({
      validate: () => {
        const problems: string[] = [];
        const premiumOnly = (prop: string, value: unknown) =>
          `ContainerRegistry ${this.node.path}: ${prop} = ${JSON.stringify(value)} needs sku "Premium" (sku is "${sku}")`;
        if (sku !== "Premium") {
          if (props.zoneRedundancyEnabled) problems.push(premiumOnly("zoneRedundancyEnabled", true));
          if (georeplications.length > 0)
            problems.push(premiumOnly("georeplicationLocations", georeplications));
          if (props.untaggedRetentionDays !== undefined)
            problems.push(premiumOnly("untaggedRetentionDays", props.untaggedRetentionDays));
        }
        // Compare region names as Azure does: "West Europe" is "westeurope".
        const normalize = (region: string) => region.toLowerCase().replace(/\s+/g, "");
        const home = props.location ?? props.resourceGroup.locationInput;
        if (home !== undefined && georeplications.some((region) => normalize(region) === normalize(home))) {
          problems.push(
            `ContainerRegistry ${this.node.path}: georeplicationLocations must not include the registry's own location "${home}"`,
          );
        }
        return problems;
      },
    });

    this.resource = new AzContainerRegistry(this, "registry", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location,
      sku,
      adminEnabled: false,
      anonymousPullEnabled: false,
      zoneRedundancyEnabled: sku === "Premium" ? (props.zoneRedundancyEnabled ?? false) : undefined,
      georeplications: georeplications.map((geoLocation) => ({ location: geoLocation, tags: props.tags })),
      retentionPolicyInDays: props.untaggedRetentionDays,
      tags: props.tags,
    });
  }

  get id(): string {
    return this.resource.id;
  }

  get name(): string {
    return this.resource.name;
  }

  /** Host name images are pushed to and pulled from, e.g. `crcontoso.azurecr.io`. */
  get loginServer(): string {
    return this.resource.loginServer;
  }

  /** Lets `grantee` pull images (built-in role "AcrPull" on this registry). */
  grantPull(grantee: IGrantable): AzRoleAssignment {
    return grantRole(grantee, this, this.id, "AcrPull");
  }
}
