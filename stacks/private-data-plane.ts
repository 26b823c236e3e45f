import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { PlatformConfig } from "../config/schema";
import type { AppNetwork } from "../constructs/app-network";
import type { IContainerRegistry } from "../constructs/container-registry";
import type { MessageQueue } from "../constructs/message-queue";
import type { PublicAccessProps } from "../constructs/network-access";
import { PrivateEndpoint, type PrivateLinkService } from "../constructs/private-endpoint";
import type { IResourceGroup } from "../constructs/resource-group";
import type { SecretVault } from "../constructs/secret-vault";

/**
 * How an environment's own data-plane resources treat their public endpoints. With a network,
 * the apps come through private endpoints, so: the vault admits only `deployer.addresses`
 * (Terraform writes and reads secrets on its data plane; a machine in the agents subnet comes
 * through the private endpoint instead) and has no public endpoint when there are none, and
 * Service Bus has no public endpoint at all (queues are made through Azure Resource Manager).
 * Without a network both stay public: the apps would have no other way in.
 */
export function dataPlaneAccess(
  config: PlatformConfig,
  environment: string,
): { readonly vault: PublicAccessProps; readonly messaging: PublicAccessProps } {
  if (!config.environments[environment].network) return { vault: {}, messaging: {} };
  return {
    vault:
      config.deployer.addresses.length > 0
        ? { publicNetworkAccess: "allowList", allowedAddresses: config.deployer.addresses }
        : { publicNetworkAccess: "disabled" },
    messaging: { publicNetworkAccess: "disabled" },
  };
}

export interface PrivateDataPlaneProps {
  readonly network: AppNetwork;
  readonly resourceGroup: IResourceGroup;
  readonly vault: SecretVault;
  /** The shared registry, found by name: its endpoint lives in this environment's network. */
  readonly registry: IContainerRegistry;
  readonly messaging?: MessageQueue;
  /** Literal names of the targets, for the endpoints' names (`pe-<name>`). */
  readonly names: { readonly vault: string; readonly registry: string; readonly messaging: string };
  readonly tags: Record<string, string>;
}

export interface PrivateDataPlane {
  readonly endpoints: readonly PrivateEndpoint[];
  /** What the apps wait for: every endpoint and its DNS zone's link to the network. */
  readonly ready: readonly ITerraformDependable[];
}

/**
 * A private endpoint in the environment's network for its Key Vault, for the shared registry
 * (the shared stack keeps the registry; each environment brings its own endpoint to it) and for
 * its Service Bus namespace, each with its privatelink zone linked to the network.
 */
export function addPrivateDataPlane(scope: Construct, props: PrivateDataPlaneProps): PrivateDataPlane {
  const endpoint = (id: string, service: PrivateLinkService, target: { id: string }, name: string) =>
    new PrivateEndpoint(scope, id, {
      name: `pe-${name}`,
      resourceGroup: props.resourceGroup,
      network: props.network,
      service,
      target,
      tags: props.tags,
    });
  const endpoints = [
    endpoint("vault-endpoint", "keyVault", props.vault, props.names.vault),
    endpoint("registry-endpoint", "containerRegistry", props.registry, props.names.registry),
    ...(props.messaging
      ? [endpoint("messaging-endpoint", "serviceBusNamespace", props.messaging, props.names.messaging)]
      : []),
  ];
  return { endpoints, ready: endpoints.flatMap((e) => e.ready) };
}
