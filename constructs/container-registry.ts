import { Construct } from "constructs";
import { type Grant, grantRole, type IGrantable } from "./grant";
import { asCidr, type PublicAccessProps, publicAccessProblems } from "./network-access";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem } from "./problems";
import { AzContainerRegistry, DataAzurermContainerRegistry } from "./providers";
import type { IResourceGroup } from "./resource-group";

export type RegistrySku = "Basic" | "Standard" | "Premium";

export interface ContainerRegistryProps extends PublicAccessProps {
  /** Registry name: 5-49 lowercase letters and digits, globally unique. */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
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

/** Features only the Premium tier has. */
const PREMIUM_ONLY = ["zoneRedundancyEnabled", "georeplicationLocations", "untaggedRetentionDays"] as const;

/** Region names compare as Azure compares them: "West Europe" is "westeurope". */
function sameRegion(a: string, b: string): boolean {
  const normalize = (region: string) => region.toLowerCase().replace(/\s+/g, "");
  return normalize(a) === normalize(b);
}

/**
 * The limits of a registry's props: Premium-only features (network rules among them), replicas
 * away from home.
 */
export function containerRegistryProblems(
  props: Pick<ContainerRegistryProps, "sku" | (typeof PREMIUM_ONLY)[number] | keyof PublicAccessProps> & {
    readonly location?: string;
  },
): PropProblem[] {
  const sku = props.sku ?? "Standard";
  const problems: PropProblem[] = publicAccessProblems({ ...props, sku }, "Premium");
  if (sku !== "Premium") {
    const used = {
      zoneRedundancyEnabled: props.zoneRedundancyEnabled === true,
      georeplicationLocations: (props.georeplicationLocations ?? []).length > 0,
      untaggedRetentionDays: props.untaggedRetentionDays !== undefined,
    };
    for (const prop of PREMIUM_ONLY) {
      if (used[prop])
        problems.push({ prop: [prop], value: props[prop], rule: `needs sku "Premium" (sku is "${sku}")` });
    }
  }
  const retention = props.untaggedRetentionDays;
  if (retention !== undefined)
    problems.push(...wholeNumberProblem(["untaggedRetentionDays"], retention, 0, 365));
  (props.georeplicationLocations ?? []).forEach((region, i) => {
    if (props.location !== undefined && !isUnresolved(props.location) && sameRegion(region, props.location)) {
      problems.push({
        prop: ["georeplicationLocations", i],
        value: region,
        rule: `must differ from the registry's own location "${props.location}"`,
      });
    }
  });
  return problems;
}

/** What environments need of the registry: its address, and a way to be allowed to pull. */
export interface IContainerRegistry {
  readonly id: string;
  readonly name: string;
  /** Host name images are pushed to and pulled from, e.g. `crcontoso.azurecr.io`. */
  readonly loginServer: string;
  /** Lets `grantee` pull images (built-in role "AcrPull" on this registry). */
  grantPull(grantee: IGrantable): Grant;
}

/** What a managed and a looked-up registry share: their attributes and the AcrPull grant. */
abstract class RegistryBase extends Construct implements IContainerRegistry {
  /** The resource or data source whose attributes this registry exposes. */
  protected abstract readonly attributes: {
    readonly id: string;
    readonly name: string;
    readonly loginServer: string;
  };

  get id(): string {
    return this.attributes.id;
  }

  get name(): string {
    return this.attributes.name;
  }

  /** Host name images are pushed to and pulled from, e.g. `crcontoso.azurecr.io`. */
  get loginServer(): string {
    return this.attributes.loginServer;
  }

  /** Lets `grantee` pull images (built-in role "AcrPull" on this registry). */
  grantPull(grantee: IGrantable): Grant {
    return grantRole(grantee, this, this.id, "AcrPull");
  }
}

/**
 * Azure Container Registry with the admin user and anonymous pull off: images are pulled
 * by managed identities granted AcrPull, never with registry passwords.
 *
 * With `publicNetworkAccess` "allowList" (Premium) the public endpoint denies by default and
 * admits the allowed addresses (whoever pushes images from outside a network); environments
 * pull through private endpoints in their own networks ({@link ExistingContainerRegistry} finds
 * the registry there by name). Azure's trusted services keep their bypass (the provider's
 * default), which ACR Tasks and Defender scans use.
 */
export class ContainerRegistry extends RegistryBase {
  /** Escape hatch: the underlying azurerm resource. */
  readonly resource: AzContainerRegistry;

  protected get attributes(): AzContainerRegistry {
    return this.resource;
  }

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const sku = props.sku ?? "Standard";
    const georeplications = props.georeplicationLocations ?? [];
    const location = props.location ?? props.resourceGroup.location;

    this.node.addValidation({
      validate: () =>
        validationMessages(
          "ContainerRegistry",
          this,
          containerRegistryProblems({
            ...props,
            location: props.location ?? props.resourceGroup.locationInput,
          }),
        ),
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
      ...registryNetworkAccess(props),
      tags: props.tags,
    });
  }
}

/** The registry's public endpoint: open (nothing written), an allow-list, or off. */
function registryNetworkAccess(props: PublicAccessProps) {
  const access = props.publicNetworkAccess ?? "enabled";
  if (access === "enabled") return {};
  return {
    publicNetworkAccessEnabled: access === "allowList",
    networkRuleSet:
      access === "allowList"
        ? [
            {
              defaultAction: "Deny",
              ipRule: (props.allowedAddresses ?? []).map((address) => ({
                action: "Allow",
                ipRange: asCidr(address),
              })),
            },
          ]
        : undefined,
  };
}

export interface ExistingContainerRegistryProps {
  /** Registry name. */
  readonly name: string;
  /** Name of the registry's resource group. */
  readonly resourceGroupName: string;
}

/**
 * A registry another stack manages, found by its name (`data.azurerm_container_registry`): a
 * stack reads what it needs of the registry from Azure, never from the other stack's state.
 */
export class ExistingContainerRegistry extends RegistryBase {
  /** Escape hatch: the data source. */
  readonly resource: DataAzurermContainerRegistry;

  protected get attributes(): DataAzurermContainerRegistry {
    return this.resource;
  }

  constructor(scope: Construct, id: string, props: ExistingContainerRegistryProps) {
    super(scope, id);
    this.resource = new DataAzurermContainerRegistry(this, "registry", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
    });
  }
}
