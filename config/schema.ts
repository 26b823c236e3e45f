import { z } from "zod";
import { PLAN_METRICS } from "../constructs/autoscale";
import { githubRepositoryProblems } from "../constructs/deployer-identity";
import { hcpProjectProblems } from "../constructs/hcp-project";
import { allowedAddressProblems, PUBLIC_NETWORK_ACCESS } from "../constructs/network-access";
import { PLAN_SKU_NAMES } from "../constructs/plan-tiers";
import type { PropProblem } from "../constructs/problems";
import { includeDotfilesProblems, SPA_NODE_VERSION } from "../constructs/spa-web-app";
import { regionProblem } from "./azure-regions";
import { releaseSettingsSchema } from "./release-settings";

/**
 * The configuration's shape and defaults, with a description of every field (docs/configuration.md
 * is generated from them). Azure's limits are not restated here: each construct owns the limits
 * of its resources (`xxxProblems` functions in constructs/), and config/cross-field-rules.ts maps
 * them onto these fields once the shape is valid. What the schema checks itself is the shape and
 * the platform's own conventions (name formats that derive resource names, tag grammar).
 */

/** Docker's tag grammar. */
export const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Docker's repository path grammar (lowercase components separated by '/'). */
export const REPOSITORY_PATTERN =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

const settingsRecord = z.record(z.string(), z.string());
const region = z.string().superRefine((value, context) => {
  const rule = regionProblem(value);
  if (rule) context.addIssue({ code: "custom", message: rule, input: value });
});

/** A string checked by a construct's own rule (the construct owns the limit, the schema reports it). */
function checkedBy(problemsOf: (value: string) => readonly PropProblem[]) {
  return z.string().superRefine((value, context) => {
    for (const problem of problemsOf(value)) {
      context.addIssue({ code: "custom", message: problem.rule, input: value });
    }
  });
}

/** A list checked by a construct's own rule, each problem at its entry (prop [i]). */
function listCheckedBy(problemsOf: (values: string[]) => readonly PropProblem[]) {
  return z.array(z.string()).superRefine((values, context) => {
    for (const problem of problemsOf(values)) {
      context.addIssue({
        code: "custom",
        message: problem.rule,
        input: problem.value,
        path: [...problem.prop],
      });
    }
  });
}

/** Public IPv4 addresses or CIDR blocks a firewall or an access restriction admits. */
const addressList = listCheckedBy(allowedAddressProblems);

const scaleRuleSchema = z
  .object({
    metric: z.enum(PLAN_METRICS).describe("Plan metric the pair acts on."),
    scaleOutAbove: z.number().describe("Add instances when the metric's average is above this."),
    scaleInBelow: z
      .number()
      .describe("Remove instances when the average is below this (lower than scaleOutAbove)."),
    scaleOutBy: z.number().default(1).describe("Instances added per scale-out."),
    scaleInBy: z.number().default(1).describe("Instances removed per scale-in."),
    scaleOutWindow: z
      .string()
      .default("PT5M")
      .describe("Averaging window of the scale-out rule (ISO 8601, PT5M-PT12H)."),
    scaleInWindow: z
      .string()
      .default("PT10M")
      .describe("Averaging window of the scale-in rule (PT5M-PT12H)."),
    cooldown: z.string().default("PT5M").describe("Wait after a scale action (PT1M-P7D)."),
  })
  .strict();

const planSchema = z
  .object({
    sku: z
      .enum(PLAN_SKU_NAMES)
      .describe("Linux App Service plan SKU; its tier decides slots, autoscale and instance limits."),
    workerCount: z
      .number()
      .default(1)
      .describe("Instances when autoscale is off (and the starting count when it is on)."),
    zoneBalancing: z
      .boolean()
      .default(false)
      .describe("Spread instances over availability zones (Premium v2/v3, 2+ instances)."),
  })
  .strict()
  .describe("The App Service plan of the environment's apps.");

const autoscaleSchema = z
  .object({
    minimum: z.number().default(1).describe("Fewest instances."),
    default: z.number().optional().describe("Instances when metrics are missing. Default: minimum."),
    maximum: z.number().optional().describe("Most instances. Default: the plan tier's limit."),
    rules: z
      .array(scaleRuleSchema)
      .optional()
      .describe("Scale-out/scale-in rule pairs. Default: CPU above 70 % adds 2, below 30 % removes 1."),
  })
  .strict()
  .optional()
  .describe("Autoscale of the plan (Standard or better); absent: a fixed workerCount.");

const vaultSchema = z
  .object({
    authorization: z
      .enum(["rbac", "accessPolicy"])
      .default("rbac")
      .describe(
        '"rbac" grants each identity only the secrets its slot reads; "accessPolicy" can only grant the whole vault (no isolation between slots; a database needs "rbac").',
      ),
    purgeProtection: z
      .boolean()
      .default(true)
      .describe("Deleted secrets cannot be purged before their retention ends."),
    softDeleteRetentionDays: z
      .number()
      .default(90)
      .describe("Days a deleted vault or secret stays recoverable (7-90)."),
  })
  .strict()
  .prefault({})
  .describe("The environment's Key Vault.");

const monitoringSchema = z
  .object({
    appInsightsRetentionDays: z
      .number()
      .default(90)
      .describe("Days App Insights keeps telemetry: 30, 60, 90, 120, 180, 270, 365, 550 or 730."),
    alerts: z
      .boolean()
      .optional()
      .describe(
        "Rollback alerts, availability tests and the action group. Default: the environment's `production`.",
      ),
    emails: z.array(z.string()).default([]).describe("E-mail addresses told about alerts and scaling."),
    webhooks: z.array(z.string()).default([]).describe("https webhook URLs told about alerts and scaling."),
    errorRatePercent: z
      .number()
      .default(5)
      .describe("Roll back when more than this percentage of requests fails."),
    baselineP95Ms: z.number().default(500).describe("P95 request duration of a healthy release, in ms."),
    latencyFactor: z
      .number()
      .default(2)
      .describe("The latency alert fires at baselineP95Ms x this factor (above 1)."),
    severity: z.number().default(1).describe("Alert severity, 0 (critical) to 4 (verbose)."),
  })
  .strict()
  .prefault({})
  .describe("Telemetry and the alerts that say when to roll back.");

const databaseSchema = z
  .object({
    sku: z
      .string()
      .default("B_Standard_B1ms")
      .describe(
        "Flexible server SKU, <tier>_<family>: B_Standard_B1ms, GP_Standard_D2s_v3, MO_Standard_E2s_v3, ...",
      ),
    storageMb: z
      .number()
      .default(32768)
      .describe("Storage in MB, one of Azure's sizes (32768 up to 33553408)."),
    storageAutoGrow: z.boolean().default(false).describe("Grow storage before it fills up."),
    backupRetentionDays: z.number().default(7).describe("Days of point-in-time restore (7-35)."),
    geoRedundantBackup: z
      .boolean()
      .default(false)
      .describe("Copy backups to the paired region (set at creation only)."),
    highAvailability: z.boolean().default(false).describe("Zone-redundant standby; not on Burstable SKUs."),
    passwordVersion: z
      .number()
      .default(1)
      .describe(
        "Bump to rotate the generated passwords (administrator and slot logins) and every slot's DATABASE_URL.",
      ),
    preventDestroy: z.boolean().default(true).describe("`prevent_destroy` on the server and databases."),
    network: z
      .enum(["public", "private"])
      .default("public")
      .describe(
        '"public": a firewall that admits only the API\'s outbound addresses (the access stack); "private": inside the environment\'s network, no public endpoint.',
      ),
  })
  .strict()
  .optional()
  .describe(
    "A PostgreSQL flexible server with a database and a login per slot; absent: DATABASE_URL comes from variables.",
  );

const networkSchema = z
  .object({
    addressSpace: z
      .string()
      .default("10.20.0.0/16")
      .describe("The virtual network's address space (IPv4 CIDR)."),
    appsSubnet: z
      .string()
      .default("10.20.1.0/24")
      .describe("The apps' VNet integration subnet (/28 or larger)."),
    databaseSubnet: z.string().default("10.20.2.0/24").describe("The subnet delegated to PostgreSQL."),
    privateEndpointSubnet: z
      .string()
      .default("10.20.3.0/24")
      .describe(
        "The subnet of the private endpoints through which the apps reach Key Vault, the registry and Service Bus (/28 or larger).",
      ),
    agentsSubnet: z
      .string()
      .optional()
      .describe(
        "A subnet for self-hosted CI runners and HCP Terraform agents that deploy from inside the network (private endpoints, private database; admitted to the restricted sites). Absent: none.",
      ),
  })
  .strict()
  .optional()
  .describe(
    "A virtual network: the apps integrate with it, a private database lives in it, and Key Vault, the registry and Service Bus are reached through private endpoints with their public endpoints closed (docs/private-production.md); absent: none.",
  );

const accessSchema = z
  .object({
    restricted: z
      .boolean()
      .optional()
      .describe(
        "The API's deployment slots and every SCM site deny by default and admit deployer.addresses, access.allowedAddresses and the network's agents subnet (slots also App Insights availability tests). Default: the environment's `production`.",
      ),
    allowedAddresses: addressList
      .default([])
      .describe(
        "More public IPv4 addresses or CIDR blocks the restricted sites admit, e.g. a testers' office.",
      ),
    productionAllowedAddresses: addressList
      .optional()
      .describe(
        "When set, the API's production slot also denies by default and admits these besides what the restricted sites admit; absent: the production slot stays public.",
      ),
  })
  .strict()
  .prefault({})
  .describe("Who may reach the API's slots and the SCM sites of the environment.");

const messagingSchema = z
  .object({
    sku: z.enum(["Basic", "Standard", "Premium"]).default("Standard").describe("Service Bus tier."),
    capacity: z.number().optional().describe("Messaging units, Premium only: 1, 2, 4, 8 or 16."),
    queues: z
      .array(z.string())
      .default([])
      .describe("Queue names; each slot besides production gets its own copy, `<queue>-<slot>`."),
  })
  .strict()
  .optional()
  .describe("A Service Bus namespace each slot reaches with its own identity; absent: none.");

const environmentSchema = z
  .object({
    production: z
      .boolean()
      .default(false)
      .describe(
        "Production environments are held to the stricter policy rules (purge protection, 2+ instances, private data plane).",
      ),
    plan: planSchema,
    slots: z
      .array(z.string())
      .default([])
      .describe('Deployment slots besides production, e.g. ["staging"]; the plan tier must have them.'),
    autoscale: autoscaleSchema,
    vault: vaultSchema,
    settings: settingsRecord
      .default({})
      .describe("Settings of this environment, merged over `api.settings`; they travel with a swap."),
    slotSettings: z
      .record(z.string(), settingsRecord)
      .default({})
      .describe('Per-slot values of sticky settings: keys are "production" or a slot name.'),
    monitoring: monitoringSchema,
    database: databaseSchema,
    network: networkSchema,
    access: accessSchema,
    messaging: messagingSchema,
    release: releaseSettingsSchema
      .prefault({})
      .describe(
        "How `npm run release` verifies this environment's slots (critical paths, error budget, latency, load, gates).",
      ),
  })
  .strict()
  .transform((env) => ({
    ...env,
    monitoring: { ...env.monitoring, alerts: env.monitoring.alerts ?? env.production },
    access: { ...env.access, restricted: env.access.restricted ?? env.production },
  }));

const appSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,11}$/, "must be 2-12 lowercase letters and digits, starting with a letter")
      .describe("Short name all resource names derive from."),
    location: region.describe('Azure region of every resource, e.g. "westeurope".'),
    nameSuffix: z
      .string()
      .regex(/^[a-z0-9]{0,6}$/, "must be 0-6 lowercase letters and digits")
      .default("")
      .describe(
        "Appended to globally unique names (registry, vault, web apps, PostgreSQL server, Service Bus namespace).",
      ),
    tags: z.record(z.string(), z.string()).default({}).describe("Tags on every resource."),
  })
  .strict()
  .describe("The application: its name, region and tags.");

const apiSchema = z
  .object({
    port: z.number().default(8000).describe("Port the container listens on (WEBSITES_PORT)."),
    healthCheckPath: z
      .string()
      .default("/health")
      .describe("Path App Service probes, and the swap warm-up pings."),
    healthCheckEvictionMinutes: z
      .number()
      .default(5)
      .describe("Minutes an instance may fail its health check before it is replaced (2-10)."),
    settings: settingsRecord.default({}).describe("Settings shared by every environment and slot."),
    stickySettings: z
      .array(z.string())
      .default([])
      .describe(
        "Setting names kept per slot besides APP_ENV, DATABASE_URL, the telemetry settings and AZURE_CLIENT_ID.",
      ),
    secrets: z
      .array(
        z
          .object({
            setting: z.string().describe("The app setting that reads the secret."),
            name: z
              .string()
              .regex(/^[a-z0-9-]{1,100}$/, "must be 1-100 lowercase letters, digits and '-'")
              .describe(
                "Secret name in the vault; its value arrives as the variable named like it with '_' for '-'.",
              ),
            version: z
              .number()
              .default(1)
              .describe("Bump to write a new value (write-only values are not in state)."),
            contentType: z
              .string()
              .default("text/plain")
              .describe(
                'What the value is, shown with the secret (its `content_type`), e.g. "application/json".',
              ),
          })
          .strict(),
      )
      .default([])
      .describe("App settings read from Key Vault; values come from sensitive Terraform variables."),
  })
  .strict()
  .prefault({})
  .describe("The containerized API, the same in every environment.");

/** The configuration: what `npm run synth` turns into stacks. */
export const configSchema = z
  .object({
    app: appSchema,
    logAnalytics: z
      .object({
        retentionDays: z.number().default(30).describe("Days the shared workspace keeps logs (30-730)."),
        dailyQuotaGb: z.number().optional().describe("Daily ingestion cap in GB; absent for none."),
      })
      .strict()
      .prefault({})
      .describe("The shared Log Analytics workspace."),
    registry: z
      .object({
        sku: z
          .enum(["Basic", "Standard", "Premium"])
          .default("Standard")
          .describe("Container Registry tier."),
        zoneRedundancy: z.boolean().default(false).describe("Premium only."),
        georeplicationLocations: z
          .array(region)
          .default([])
          .describe("Extra regions to replicate to; Premium only."),
        untaggedRetentionDays: z
          .number()
          .optional()
          .describe("Days to keep untagged manifests (0-365); Premium only."),
        publicNetworkAccess: z
          .enum(PUBLIC_NETWORK_ACCESS)
          .default("enabled")
          .describe(
            '"enabled": any address may pull and push (with Entra ID credentials); "allowList": only deployer.addresses; "disabled": private endpoints only. Environments with a network pull through their own private endpoint either way; "allowList" and "disabled" need Premium and a network in every environment.',
          ),
      })
      .strict()
      .prefault({})
      .describe("The shared container registry, one for every environment."),
    web: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe("A single-page front end per environment, on the API's plan."),
        sourceDir: z
          .string()
          .default("examples/web/dist")
          .describe("Built front end (index.html at its top), inside the project."),
        deployment: z
          .enum(["zipDeploy", "external"])
          .default("zipDeploy")
          .describe(
            '"zipDeploy": Terraform deploys the zip; "external": CI deploys it (SCM basic auth stays off).',
          ),
        nodeVersion: z
          .string()
          .default(SPA_NODE_VERSION)
          .describe(
            'App Service Node.js runtime of the front end, e.g. "22-lts"; the policy warns 90 days before its end of life and fails after.',
          ),
        includeDotfiles: listCheckedBy(includeDotfilesProblems)
          .default([])
          .describe(
            'Dotfiles of sourceDir to package, e.g. ".well-known/security.txt" or ".well-known" (a folder); every other path with a segment starting with "." stays out.',
          ),
      })
      .strict()
      .prefault({})
      .describe("The front end."),
    image: z
      .object({
        repository: z
          .string()
          .regex(REPOSITORY_PATTERN, "must be a lowercase Docker repository name")
          .default("api")
          .describe("Repository in the registry."),
        context: z
          .string()
          .default("examples/api")
          .describe("Build context (with a Dockerfile), inside the project."),
        tag: z
          .string()
          .regex(IMAGE_TAG_PATTERN, "must match Docker's tag grammar [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
          .optional()
          .describe("Prebuilt tag; absent: a content hash of the build context."),
        build: z
          .boolean()
          .default(true)
          .describe("Build and push with the docker provider (an image stack); false needs a prebuilt tag."),
      })
      .strict()
      .prefault({})
      .describe("The API's container image."),
    api: apiSchema,
    environments: z
      .record(
        z
          .string()
          .regex(
            /^[a-z][a-z0-9]{0,7}$/,
            "environment names are 1-8 lowercase letters and digits, starting with a letter",
          ),
        environmentSchema,
      )
      .describe("The environments, by name (1-8 lowercase letters and digits)."),
    deployer: z
      .object({
        addresses: addressList
          .default([])
          .describe(
            "Public IPv4 addresses or CIDR blocks of everything that deploys and releases from outside the networks (CI runners, HCP Terraform agents, a laptop): private vaults and an allow-listed registry admit them, and so do restricted sites.",
          ),
      })
      .strict()
      .prefault({})
      .describe("The machines that deploy: how they get through the firewalls of a private production."),
    policies: z
      .object({
        suppressions: z
          .array(
            z
              .object({
                rule: z
                  .string()
                  .regex(/^APS\d{3}$/, "must be a policy rule id such as APS001")
                  .describe("Rule id."),
                path: z
                  .string()
                  .min(1, "must name the resource's construct path")
                  .describe('Construct path of the resource, e.g. "contoso-prod/api/app".'),
                reason: z
                  .string()
                  .trim()
                  .min(1, "a suppression needs a reason")
                  .describe("Why the exception is accepted."),
              })
              .strict(),
          )
          .default([])
          .describe("Accepted exceptions to the policy baseline: one rule, one resource path, and why."),
      })
      .strict()
      .prefault({})
      .describe("The policy baseline checked at synth."),
    backend: z
      .object({
        tfcOrganization: checkedBy((organization) => hcpProjectProblems({ organization }))
          .optional()
          .describe(
            "HCP Terraform organization; when set, every stack uses a cloud backend and the `<app>-hcp` bootstrap stack creates the workspaces, the deployer identity and the platform's resource groups.",
          ),
        tfcProject: checkedBy((name) => hcpProjectProblems({ name }))
          .optional()
          .describe("HCP Terraform project of the workspaces. Default: the app name."),
        tfcWorkspacePrefix: z
          .string()
          .regex(/^[A-Za-z0-9_-]*$/, "must be letters, digits, '_' and '-'")
          .optional()
          .describe("Prefix for workspace names: workspace = prefix + stack name. Default: none."),
        githubRepository: checkedBy(githubRepositoryProblems)
          .optional()
          .describe(
            'GitHub repository ("owner/name") whose deploy workflow signs in as the deployer identity; absent: none.',
          ),
      })
      .strict()
      .prefault({})
      .describe("Where state lives: local files, or HCP Terraform workspaces."),
  })
  .strict();

/** The configuration as written (defaults optional). */
export type PlatformConfigInput = z.input<typeof configSchema>;
/** The configuration with defaults applied and every rule checked. */
export type PlatformConfig = z.output<typeof configSchema>;
export type EnvironmentConfig = PlatformConfig["environments"][string];
export type ScaleRuleConfig = z.output<typeof scaleRuleSchema>;
