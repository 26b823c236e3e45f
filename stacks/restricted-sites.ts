import type { PlatformConfig } from "../config/schema";
import type { AppNetwork } from "../constructs/app-network";
import type { SiteAccess } from "../constructs/site-access";

/** App Insights availability tests come from this service tag; the rollback alerts need them to get through. */
export const AVAILABILITY_TEST_TAG = "ApplicationInsightsAvailability";

/** Who may reach each kind of site of an environment; an absent kind stays open. */
export interface RestrictedSites {
  readonly productionAccess?: SiteAccess;
  readonly slotAccess?: SiteAccess;
  readonly scmAccess?: SiteAccess;
}

/**
 * The access restrictions of an environment's sites (`environments.<env>.access`). Restricted
 * (production by default): the API's slots and every SCM site deny by default and admit what
 * deploys and releases, i.e. `deployer.addresses`, `access.allowedAddresses` and the network's
 * agents subnet; slots also admit availability tests when alerts are on. The API's production
 * slot stays public unless `access.productionAllowedAddresses` is set.
 */
export function restrictedSites(
  config: PlatformConfig,
  environment: string,
  network?: AppNetwork,
): RestrictedSites {
  const env = config.environments[environment];
  const admitted: SiteAccess = {
    addresses: [...new Set([...config.deployer.addresses, ...env.access.allowedAddresses])],
    subnets: network?.agentsSubnet ? [network.agentsSubnet] : [],
  };
  const probed = (access: SiteAccess): SiteAccess => ({
    ...access,
    serviceTags: env.monitoring.alerts ? [AVAILABILITY_TEST_TAG] : [],
  });
  const production = env.access.productionAllowedAddresses;
  return {
    slotAccess: env.access.restricted ? probed(admitted) : undefined,
    scmAccess: env.access.restricted ? admitted : undefined,
    productionAccess: production
      ? probed({ ...admitted, addresses: [...new Set([...(admitted.addresses ?? []), ...production])] })
      : undefined,
  };
}
