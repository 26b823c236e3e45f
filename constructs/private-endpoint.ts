import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { AppNetwork } from "./app-network";
import type { PropProblem } from "./problems";
import { AzPrivateEndpoint } from "./providers";
import type { IResourceGroup } from "./resource-group";

/** The services this project reaches through private endpoints. */
export type PrivateLinkService = "keyVault" | "containerRegistry" | "serviceBusNamespace";

export interface PrivateLinkTarget {
  /** The sub-resource ("group id") the endpoint connects to. */
  readonly subresource: string;
  /** The private DNS zone Azure's public names CNAME to; linked to the network, it answers privately. */
  readonly dnsZone: string;
  /** The only SKU with private endpoints, where the service restricts them to one. */
  readonly sku?: string;
}

/** Where the values below were checked: "Azure Private Endpoint private DNS zone values". */
export const PRIVATE_LINK_SOURCE = "https://learn.microsoft.com/azure/private-link/private-endpoint-dns";

/**
 * Sub-resource and privatelink zone of each service, one table (see {@link PRIVATE_LINK_SOURCE}).
 * The registry's zone also holds its regional data endpoint (`<registry>.<region>.data`): the
 * endpoint's DNS zone group writes both records. Container Registry and Service Bus have private
 * endpoints on Premium only.
 */
export const PRIVATE_LINK_SERVICES: Readonly<Record<PrivateLinkService, PrivateLinkTarget>> = {
  keyVault: { subresource: "vault", dnsZone: "privatelink.vaultcore.azure.net" },
  containerRegistry: { subresource: "registry", dnsZone: "privatelink.azurecr.io", sku: "Premium" },
  serviceBusNamespace: {
    subresource: "namespace",
    dnsZone: "privatelink.servicebus.windows.net",
    sku: "Premium",
  },
};

/** A problem (prop ["sku"]) when a resource of `sku` cannot have a private endpoint. */
export function privateEndpointSkuProblems(service: PrivateLinkService, sku: string): PropProblem[] {
  const required = PRIVATE_LINK_SERVICES[service].sku;
  return required !== undefined && sku !== required
    ? [{ prop: ["sku"], value: sku, rule: `must be "${required}" to have a private endpoint` }]
    : [];
}

export interface PrivateEndpointProps {
  /** Endpoint name, e.g. `pe-<target name>`; 2-80 characters. */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** The network the endpoint lives in: its private endpoint subnet, and its privatelink zone for the service. */
  readonly network: AppNetwork;
  readonly service: PrivateLinkService;
  /** The resource reached: its Azure resource id. */
  readonly target: { readonly id: string };
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * A private endpoint: a network interface in the network's private endpoint subnet that reaches
 * one resource, plus the A record in the service's privatelink zone (linked to the network), so
 * the resource's usual host name resolves to the private address inside the network. Callers
 * connect as before; only the path changes.
 */
export class PrivateEndpoint extends Construct {
  /** Escape hatch: the endpoint. */
  readonly resource: AzPrivateEndpoint;
  /**
   * What a client in the network needs before its first call: the endpoint (with its DNS
   * record) and the zone's link to the network.
   */
  readonly ready: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    const service = PRIVATE_LINK_SERVICES[props.service];
    const subnet = props.network.privateEndpointSubnet;
    if (!subnet) {
      throw new Error(
        `PrivateEndpoint ${this.node.path}: network ${props.network.node.path} has no privateEndpointSubnet; give the network one`,
      );
    }
    const zone = props.network.privateLinkZone(props.service);
    this.resource = new AzPrivateEndpoint(this, "endpoint", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      subnetId: subnet.id,
      privateServiceConnection: {
        name: props.name,
        privateConnectionResourceId: props.target.id,
        subresourceNames: [service.subresource],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: "default", privateDnsZoneIds: [zone.zone.id] },
      tags: props.tags,
    });
    this.ready = [this.resource, zone.link];
  }

  /** The endpoint's private address in the subnet. */
  get privateIpAddress(): string {
    return this.resource.privateServiceConnection.privateIpAddress;
  }
}
