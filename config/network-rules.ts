import { privateEndpointSkuProblems } from "../constructs/private-endpoint";
import { fromProps, type PathProblem } from "./field-problems";
import type { PlatformConfig } from "./schema";

/**
 * The rules of a private data plane that span fields: an environment with a network reaches the
 * shared registry and its own Service Bus namespace through private endpoints (Premium only, a
 * limit the private endpoint construct owns), and a registry closed to the public needs a
 * network in every environment, or that environment's apps could not pull their image.
 */
export function networkProblems(config: PlatformConfig): PathProblem[] {
  const environments = Object.entries(config.environments);
  const networked = environments.filter(([, env]) => env.network).map(([name]) => name);
  const unnetworked = environments.filter(([, env]) => !env.network).map(([name]) => name);
  const problems: PathProblem[] = [];

  if (networked.length > 0)
    problems.push(
      ...fromProps(["registry"], privateEndpointSkuProblems("containerRegistry", config.registry.sku)).map(
        (p) => ({
          ...p,
          rule: `${p.rule} (environments ${list(networked)} pull through one in their network)`,
        }),
      ),
    );
  const access = config.registry.publicNetworkAccess;
  if (access !== "enabled" && unnetworked.length > 0)
    problems.push({
      path: ["registry", "publicNetworkAccess"],
      value: access,
      rule: `needs a network in every environment: ${list(unnetworked)} would pull over the closed public endpoint (add environments.<name>.network, or keep "enabled")`,
    });
  for (const [name, env] of environments) {
    if (!env.network || !env.messaging) continue;
    problems.push(
      ...fromProps(
        ["environments", name, "messaging"],
        privateEndpointSkuProblems("serviceBusNamespace", env.messaging.sku),
      ).map((p) => ({ ...p, rule: `${p.rule} (the environment has a network, so its apps use one)` })),
    );
  }
  return problems;
}

/** `a`, `a and b`, `a, b and c`, each quoted. */
function list(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}
