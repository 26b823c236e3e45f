import type { PlatformConfigInput } from "./schema";

/**
 * The embedded default: the example app (the API in examples/api) with a small `dev`
 * environment and a production-grade `prod` one. `npm run synth` synthesizes it as is;
 * environment variables override what changes per run (see config/environment-variables.ts).
 *
 * prod's data plane is private (docs/private-production.md): Key Vault, the registry and (with
 * messaging) Service Bus are reached through private endpoints in its network, its vault admits
 * only `deployer.addresses`, and its staging slot and SCM sites only those and the agents subnet.
 * dev stays public and has no network, so the shared registry keeps its public endpoint
 * ("enabled": Entra ID credentials only, admin user and anonymous pull off): dev's apps pull
 * through it, and anyone may deploy dev without an allow-list.
 */
export const DEFAULT_CONFIG: PlatformConfigInput = {
  app: {
    name: "contoso",
    location: "westeurope",
    tags: { app: "contoso", "managed-by": "cdktf" },
  },
  // Premium: prod reaches the registry through a private endpoint.
  registry: { sku: "Premium", publicNetworkAccess: "enabled" },
  image: { repository: "api", context: "examples/api", build: true },
  api: {
    port: 8000,
    healthCheckPath: "/health",
    settings: { LOG_LEVEL: "info" },
    secrets: [{ setting: "API_KEY", name: "api-key" }],
  },
  environments: {
    // Basic: cheap, no slots and no autoscale; Terraform deploys each new image directly.
    dev: {
      plan: { sku: "B1", workerCount: 1 },
      database: { sku: "B_Standard_B1ms", storageMb: 32768, backupRetentionDays: 7, preventDestroy: false },
      vault: { purgeProtection: false, softDeleteRetentionDays: 7 },
      settings: { LOG_LEVEL: "debug" },
    },
    // Premium v3: a staging slot for zero-downtime releases, autoscale 2/2/10, a vault that cannot be purged.
    prod: {
      production: true,
      // Two instances spread over availability zones.
      plan: { sku: "P1v3", workerCount: 2, zoneBalancing: true },
      // General Purpose with a zone-redundant standby, 35 days of geo-redundant backups.
      database: {
        sku: "GP_Standard_D2s_v3",
        storageMb: 131072,
        storageAutoGrow: true,
        backupRetentionDays: 35,
        geoRedundantBackup: true,
        highAvailability: true,
        // No public endpoint: the apps reach it through VNet integration.
        network: "private",
      },
      // Private endpoints in their own subnet; the agents subnet holds the self-hosted runner that
      // deploys prod from inside (the private database's logins need it, docs/database.md).
      network: {
        addressSpace: "10.20.0.0/16",
        appsSubnet: "10.20.1.0/24",
        databaseSubnet: "10.20.2.0/24",
        privateEndpointSubnet: "10.20.3.0/24",
        agentsSubnet: "10.20.4.0/24",
      },
      slots: ["staging"],
      // A zone-balanced plan keeps two instances at least.
      autoscale: { minimum: 2, default: 2, maximum: 10 },
      vault: { purgeProtection: true, softDeleteRetentionDays: 90 },
      monitoring: { emails: ["platform-oncall@contoso.example"], baselineP95Ms: 300 },
    },
  },
};
