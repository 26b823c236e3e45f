import { Construct } from "constructs";
import { contains, overlaps, parseCidr } from "./cidr";
import { PRIVATE_LINK_SERVICES, type PrivateLinkService } from "./private-endpoint";
import { isUnresolved, type PropProblem, validationMessages } from "./problems";
import {
  AzPrivateDnsZone,
  AzPrivateDnsZoneVirtualNetworkLink,
  AzSubnet,
  AzVirtualNetwork,
} from "./providers";
import type { IResourceGroup } from "./resource-group";

export interface AppNetworkProps {
  /** Virtual network name. */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** The network's address space, e.g. "10.20.0.0/16". */
  readonly addressSpace: string;
  /** Subnet the web apps integrate with for outbound traffic (/28 or larger; /26 recommended). */
  readonly appsSubnet: string;
  /** Subnet delegated to PostgreSQL flexible servers. */
  readonly databaseSubnet: string;
  /** Private DNS zone of the VNet-injected database, ending in ".postgres.database.azure.com". */
  readonly databaseDnsZone: string;
  /**
   * Subnet for private endpoints (Key Vault, registry, Service Bus), not delegated; /28 or larger.
   * @default none (no private endpoints in this network)
   */
  readonly privateEndpointSubnet?: string;
  /**
   * Subnet for machines that deploy from inside the network (self-hosted CI runners, HCP
   * Terraform agents): they reach the private endpoints and the private database, and its
   * `Microsoft.Web` service endpoint lets restricted sites (staging slots, SCM) admit it.
   * @default none
   */
  readonly agentsSubnet?: string;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * A virtual network for an environment's private traffic: the apps reach it through regional
 * VNet integration (all outbound traffic routed into the network), and the database lives
 * inside it with no public endpoint, found through a private DNS zone linked to the network.
 * With a private endpoint subnet, Key Vault, the registry and Service Bus are reached through
 * private endpoints there ({@link PrivateEndpoint}), each service's privatelink zone linked to
 * the network ({@link privateLinkZone}); with an agents subnet, deploying machines can work from
 * inside the network.
 */
export class AppNetwork extends Construct {
  /** Escape hatch: the virtual network. */
  readonly resource: AzVirtualNetwork;
  /** Delegated to Microsoft.Web/serverFarms: the apps' VNet integration subnet. */
  readonly appsSubnet: AzSubnet;
  /** Delegated to Microsoft.DBforPostgreSQL/flexibleServers. */
  readonly databaseSubnet: AzSubnet;
  readonly databaseDnsZone: AzPrivateDnsZone;
  /** The zone's link to the network; a VNet-injected server must be created after it. */
  readonly databaseDnsLink: AzPrivateDnsZoneVirtualNetworkLink;
  /** Where private endpoints live, when the network has the subnet. */
  readonly privateEndpointSubnet?: AzSubnet;
  /** Where deploying machines live, when the network has the subnet. */
  readonly agentsSubnet?: AzSubnet;
  private readonly props: AppNetworkProps;
  private readonly privateLinkZones = new Map<PrivateLinkService, PrivateLinkZone>();

  constructor(scope: Construct, id: string, props: AppNetworkProps) {
    super(scope, id);
    this.props = props;
    this.node.addValidation({
      validate: () => validationMessages("AppNetwork", this, appNetworkProblems(props)),
    });
    const resourceGroupName = props.resourceGroup.name;
    this.resource = new AzVirtualNetwork(this, "network", {
      name: props.name,
      resourceGroupName,
      location: props.location ?? props.resourceGroup.location,
      addressSpace: [props.addressSpace],
      tags: props.tags,
    });
    const subnet = (subnetId: string, prefix: string, service: string, actions: string[]) =>
      new AzSubnet(this, subnetId, {
        name: `snet-${subnetId}`,
        resourceGroupName,
        virtualNetworkName: this.resource.name,
        addressPrefixes: [prefix],
        delegation: [{ name: service.replace("/", "-"), serviceDelegation: { name: service, actions } }],
      });
    const plainSubnet = (subnetId: string, prefix: string, serviceEndpoints?: string[]) =>
      new AzSubnet(this, subnetId, {
        name: `snet-${subnetId}`,
        resourceGroupName,
        virtualNetworkName: this.resource.name,
        addressPrefixes: [prefix],
        serviceEndpoints,
      });
    this.appsSubnet = subnet("apps", props.appsSubnet, "Microsoft.Web/serverFarms", [
      "Microsoft.Network/virtualNetworks/subnets/action",
    ]);
    this.databaseSubnet = subnet(
      "database",
      props.databaseSubnet,
      "Microsoft.DBforPostgreSQL/flexibleServers",
      ["Microsoft.Network/virtualNetworks/subnets/join/action"],
    );
    this.databaseDnsZone = new AzPrivateDnsZone(this, "database-dns", {
      name: props.databaseDnsZone,
      resourceGroupName,
      tags: props.tags,
    });
    this.databaseDnsLink = new AzPrivateDnsZoneVirtualNetworkLink(this, "database-dns-link", {
      name: `${props.name}-link`,
      resourceGroupName,
      privateDnsZoneName: this.databaseDnsZone.name,
      virtualNetworkId: this.resource.id,
      registrationEnabled: false,
      tags: props.tags,
    });
    this.privateEndpointSubnet =
      props.privateEndpointSubnet === undefined
        ? undefined
        : plainSubnet("private-endpoints", props.privateEndpointSubnet);
    this.agentsSubnet =
      props.agentsSubnet === undefined
        ? undefined
        : plainSubnet("agents", props.agentsSubnet, ["Microsoft.Web"]);
  }

  /**
   * The privatelink DNS zone of `service` (e.g. `privatelink.vaultcore.azure.net`), linked to this
   * network; made on first use, shared by every endpoint of the service in the network.
   */
  privateLinkZone(service: PrivateLinkService): PrivateLinkZone {
    let zone = this.privateLinkZones.get(service);
    if (!zone) {
      const dnsZone = new AzPrivateDnsZone(this, `${service}-dns`, {
        name: PRIVATE_LINK_SERVICES[service].dnsZone,
        resourceGroupName: this.props.resourceGroup.name,
        tags: this.props.tags,
      });
      const link = new AzPrivateDnsZoneVirtualNetworkLink(this, `${service}-dns-link`, {
        name: `${this.props.name}-link`,
        resourceGroupName: this.props.resourceGroup.name,
        privateDnsZoneName: dnsZone.name,
        virtualNetworkId: this.resource.id,
        registrationEnabled: false,
        tags: this.props.tags,
      });
      zone = { zone: dnsZone, link };
      this.privateLinkZones.set(service, zone);
    }
    return zone;
  }
}

/** A private DNS zone and its link to the network. */
export interface PrivateLinkZone {
  readonly zone: AzPrivateDnsZone;
  readonly link: AzPrivateDnsZoneVirtualNetworkLink;
}

export interface NetworkLayout {
  readonly addressSpace: string;
  readonly appsSubnet: string;
  readonly databaseSubnet: string;
  readonly privateEndpointSubnet?: string;
  readonly agentsSubnet?: string;
}

const SUBNETS = ["appsSubnet", "databaseSubnet", "privateEndpointSubnet", "agentsSubnet"] as const;

/** What is wrong with an address plan: ranges, subnets inside the space and apart, sizes. */
export function networkLayoutProblems(layout: NetworkLayout): PropProblem[] {
  const problems: PropProblem[] = [];
  const space = parseCidr(layout.addressSpace);
  if (!space)
    problems.push({
      prop: ["addressSpace"],
      value: layout.addressSpace,
      rule: "must be an IPv4 CIDR block such as 10.20.0.0/16",
    });
  const subnets = SUBNETS.flatMap((field) => {
    const value = layout[field];
    if (value === undefined) return [];
    const cidr = parseCidr(value);
    const at = { prop: [field], value };
    if (!cidr) problems.push({ ...at, rule: "must be an IPv4 CIDR block such as 10.20.1.0/24" });
    else if (space && !contains(space, cidr))
      problems.push({ ...at, rule: `must lie inside addressSpace ${layout.addressSpace}` });
    else if (cidr.prefix > 28) problems.push({ ...at, rule: "must be /28 or larger" });
    return cidr ? [{ field, value, cidr }] : [];
  });
  subnets.forEach((subnet, i) => {
    const earlier = subnets.slice(0, i).find((other) => overlaps(other.cidr, subnet.cidr));
    if (earlier)
      problems.push({
        prop: [subnet.field],
        value: subnet.value,
        rule: `overlaps ${earlier.field} ${earlier.value}`,
      });
  });
  return problems;
}

/** Every limit of an AppNetwork's props. */
export function appNetworkProblems(props: AppNetworkProps): PropProblem[] {
  const problems = networkLayoutProblems(props);
  if (!isUnresolved(props.databaseDnsZone) && !props.databaseDnsZone.endsWith(".postgres.database.azure.com"))
    problems.push({
      prop: ["databaseDnsZone"],
      value: props.databaseDnsZone,
      rule: 'must end with ".postgres.database.azure.com"',
    });
  return problems;
}
