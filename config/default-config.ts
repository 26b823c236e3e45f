import type { PlatformConfigInput } from "./schema";

/**
 * The embedded default: the example app (the API in examples/api) with a small `dev`
 * environment and a production-grade `prod` one. `npm run synth` synthesizes it as is;
 * environment variables override what changes per run (see config/environment-variables.ts).
 */
export const DEFAULT_CONFIG: PlatformConfigInput = {
  app: {
    name: "contoso",
    location: "westeurope",
    tags: { app: "contoso", "managed-by": "cdktf" },
  },
  registry: { sku: "Standard" },
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
    // Premium v3: a staging slot for zero-downtime releases, autoscale 1/2/10, a vault that cannot be purged.
    prod: {
      production: true,
      plan: { sku: "P1v3", workerCount: 2 },
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
      network: { addressSpace: "10.20.0.0/16", appsSubnet: "10.20.1.0/24", databaseSubnet: "10.20.2.0/24" },
      slots: ["staging"],
      autoscale: { minimum: 1, default: 2, maximum: 10 },
      vault: { purgeProtection: true, softDeleteRetentionDays: 90 },
      monitoring: { emails: ["platform-oncall@contoso.example"], baselineP95Ms: 300 },
    },
  },
};
