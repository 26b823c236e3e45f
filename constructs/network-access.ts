import { parseCidr } from "./cidr";
import { isUnresolved, type PropProblem, within } from "./problems";

/**
 * Who may reach a data-plane resource's public endpoint (Key Vault, Container Registry, Service
 * Bus). Private endpoints are not affected: they are reached from their network whatever this says.
 *
 * - "enabled": every address (callers still authenticate with Microsoft Entra ID);
 * - "allowList": the public endpoint denies by default and admits only the allowed addresses
 *   (e.g. the deploying machine's), so the resource is private for everyone else;
 * - "disabled": no public endpoint at all; only private endpoints reach it.
 */
export type PublicNetworkAccess = "enabled" | "allowList" | "disabled";

export const PUBLIC_NETWORK_ACCESS = ["enabled", "allowList", "disabled"] as const;

/** The props every data-plane construct takes for its public endpoint. */
export interface PublicAccessProps {
  /** @default "enabled" */
  readonly publicNetworkAccess?: PublicNetworkAccess;
  /**
   * Public IPv4 addresses or CIDR blocks the public endpoint admits with "allowList", e.g. the
   * CI runner's egress address. @default none
   */
  readonly allowedAddresses?: readonly string[];
}

/**
 * Ranges that never reach a public endpoint from outside Azure (private, shared, loopback,
 * link-local, multicast, reserved): Key Vault and Container Registry reject them in IP rules, and
 * App Service would admit nothing with them.
 */
const NON_PUBLIC = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "224.0.0.0/3",
].map((cidr) => parseCidr(cidr) as NonNullable<ReturnType<typeof parseCidr>>);

/** "203.0.113.7" -> "203.0.113.7/32"; a CIDR block stays as it is. */
export function asCidr(address: string): string {
  return address.includes("/") ? address : `${address}/32`;
}

/**
 * Problems with a list of addresses a firewall or an access restriction admits (prop [i] per
 * entry): each a public IPv4 address or CIDR block, listed once. `0.0.0.0/0` is refused: it
 * would admit the internet under the name of an allow-list.
 */
export function allowedAddressProblems(addresses: readonly string[]): PropProblem[] {
  const seen = new Set<string>();
  return addresses.flatMap((address, i): PropProblem[] => {
    if (isUnresolved(address)) return [];
    const at = { prop: [i], value: address };
    const cidr = parseCidr(asCidr(address));
    if (!cidr)
      return [{ ...at, rule: "must be an IPv4 address (203.0.113.7) or CIDR block (203.0.113.0/24)" }];
    if (cidr.prefix < 8)
      return [{ ...at, rule: "is wider than /8; an allow-list names the deploying machines' addresses" }];
    if (NON_PUBLIC.some((range) => cidr.first >= range.first && cidr.first <= range.last))
      return [
        {
          ...at,
          rule: "must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)",
        },
      ];
    const key = asCidr(address);
    if (seen.has(key)) return [{ ...at, rule: "is listed twice" }];
    seen.add(key);
    return [];
  });
}

/**
 * The limits of {@link PublicAccessProps} on a resource of `sku`: a closed endpoint needs
 * `premiumSku` where the service keeps network rules and private endpoints to its top tier, and
 * addresses only make sense with "allowList".
 */
export function publicAccessProblems(
  props: PublicAccessProps & { readonly sku?: string },
  premiumSku?: string,
): PropProblem[] {
  const access = props.publicNetworkAccess ?? "enabled";
  const addresses = props.allowedAddresses ?? [];
  const problems: PropProblem[] = [];
  if (!(PUBLIC_NETWORK_ACCESS as readonly string[]).includes(access))
    problems.push({
      prop: ["publicNetworkAccess"],
      value: access,
      rule: `must be one of ${PUBLIC_NETWORK_ACCESS.map((a) => `"${a}"`).join(", ")}`,
    });
  else if (access !== "enabled" && premiumSku !== undefined && props.sku !== premiumSku)
    problems.push({
      prop: ["publicNetworkAccess"],
      value: access,
      rule: `needs sku "${premiumSku}" (sku is "${props.sku}"): network rules and private endpoints are ${premiumSku}-only`,
    });
  if (access !== "allowList" && addresses.length > 0)
    problems.push({
      prop: ["allowedAddresses"],
      value: addresses,
      rule: `has no effect unless publicNetworkAccess is "allowList" (it is "${access}")`,
    });
  problems.push(...within(["allowedAddresses"], allowedAddressProblems(addresses)));
  return problems;
}
