import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../config/load-config";

/** A config with a database, Service Bus and a network in production, deployed from an allow-list. */
export const PRIVATE_PRODUCTION = {
  app: { name: "shop", location: "northeurope" },
  registry: { sku: "Premium", publicNetworkAccess: "allowList" },
  deployer: { addresses: ["203.0.113.10", "198.51.100.0/28"] },
  environments: {
    prod: {
      production: true,
      plan: { sku: "P1v3", workerCount: 2, zoneBalancing: true },
      slots: ["staging"],
      autoscale: { minimum: 2, default: 2, maximum: 6 },
      database: { sku: "GP_Standard_D2s_v3", highAvailability: true, network: "private" },
      network: { agentsSubnet: "10.20.4.0/24" },
      messaging: { sku: "Premium", queues: ["orders"] },
      access: { allowedAddresses: ["192.0.2.44"] },
      monitoring: { emails: ["ops@shop.example"] },
    },
  },
};

/** Loads `raw` as a user's config file (APP_CONFIG_FILE), removing the file afterwards. */
export function loadJson(raw: unknown, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "private-config-"));
  try {
    writeFileSync(join(dir, "config.json"), JSON.stringify(raw));
    return loadConfig({
      IMAGE_TAG: "v1",
      IMAGE_BUILD: "false",
      ...env,
      APP_CONFIG_FILE: join(dir, "config.json"),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
