import { allowedAddressProblems, asCidr } from "./network-access";
import { isUnresolved, type PropProblem, within } from "./problems";

/**
 * Who may reach an App Service site (a web app, a slot, or their SCM/Kudu site). Given, the site
 * denies by default and admits only these sources; absent, the site is open to the internet
 * (App Service's default). An empty object admits nobody.
 */
export interface SiteAccess {
  /** Public IPv4 addresses or CIDR blocks, e.g. the release runner's egress address. @default none */
  readonly addresses?: readonly string[];
  /**
   * Subnets whose machines are admitted, e.g. a subnet of self-hosted runners. Each needs the
   * `Microsoft.Web` service endpoint: without it, its traffic arrives from a public address.
   * @default none
   */
  readonly subnets?: readonly { readonly id: string }[];
  /**
   * Azure service tags, e.g. "ApplicationInsightsAvailability" for availability tests. A tag
   * admits every customer's traffic of that service, not only yours.
   * @default none
   */
  readonly serviceTags?: readonly string[];
}

/** Access restriction rules App Service keeps per site (main and SCM each). */
export const MAX_ACCESS_RULES = 512;

/** Service tag names: letters and digits, regional ones with a '.' (e.g. "AzureCloud.WestEurope"). */
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$/;

/** The limits of a site's access list: public addresses, service tag names, App Service's rule count. */
export function siteAccessProblems(access: SiteAccess): PropProblem[] {
  const problems = within(["addresses"], allowedAddressProblems(access.addresses ?? []));
  (access.serviceTags ?? []).forEach((tag, i) => {
    if (!isUnresolved(tag) && !SERVICE_TAG.test(tag))
      problems.push({
        prop: ["serviceTags", i],
        value: tag,
        rule: 'must be an Azure service tag name such as "AzureFrontDoor.Backend"',
      });
  });
  const count = accessRules(access).length;
  if (count > MAX_ACCESS_RULES)
    problems.push({
      prop: [],
      rule: `make ${count} access rules; App Service keeps at most ${MAX_ACCESS_RULES} per site`,
    });
  return problems;
}

/** One `ip_restriction` / `scm_ip_restriction` block: exactly one source each. */
export interface AccessRule {
  readonly name: string;
  readonly priority: number;
  readonly action: "Allow";
  readonly ipAddress?: string;
  readonly serviceTag?: string;
  readonly virtualNetworkSubnetId?: string;
}

/** The allow rules of `access`, in a stable order (addresses, subnets, tags) with rising priorities. */
export function accessRules(access: SiteAccess): AccessRule[] {
  const sources = [
    ...(access.addresses ?? []).map((address) => ({ kind: "ip", ipAddress: asCidr(address) })),
    ...(access.subnets ?? []).map((subnet) => ({ kind: "subnet", virtualNetworkSubnetId: subnet.id })),
    ...(access.serviceTags ?? []).map((serviceTag) => ({ kind: "tag", serviceTag })),
  ];
  return sources.map(({ kind, ...source }, i) => ({
    // Numbered per kind, so a new address does not rename the subnet and tag rules.
    name: `allow-${kind}-${sources.slice(0, i).filter((other) => other.kind === kind).length + 1}`,
    priority: 100 + i,
    action: "Allow",
    ...source,
  }));
}

/**
 * The `site_config` fields that restrict a site (`main`) and its SCM site (`scm`). An absent
 * side sets nothing, so the site keeps App Service's default (open). The SCM site never reuses
 * the main site's rules: each list is given on its own.
 */
export function accessRestrictionConfig(main?: SiteAccess, scm?: SiteAccess) {
  return {
    ipRestrictionDefaultAction: main ? "Deny" : undefined,
    ipRestriction: main ? accessRules(main) : undefined,
    scmIpRestrictionDefaultAction: scm ? "Deny" : undefined,
    scmIpRestriction: scm ? accessRules(scm) : undefined,
    scmUseMainIpRestriction: main || scm ? false : undefined,
  };
}
