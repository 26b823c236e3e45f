import { z } from "zod";
import { PLAN_METRICS } from "../constructs/autoscale";
import { githubRepositoryProblems } from "../constructs/deployer-identity";
import { hcpProjectProblems } from "../constructs/hcp-project";
import { QUEUE_NAME_PATTERN } from "../constructs/message-queue";
import { PLAN_SKU_NAMES } from "../constructs/plan-tiers";
import { POSTGRES_STORAGE_MB, postgresTierOf } from "../constructs/postgres-database";
import type { PropProblem } from "../constructs/problems";
import { regionProblem } from "./azure-regions";
import { releaseSettingsSchema } from "./release-settings";

/** Docker's tag grammar. */
export const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Docker's repository path grammar (lowercase components separated by '/'). */
export const REPOSITORY_PATTERN =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);
const settingsRecord = z.record(z.string(), z.string());
const region = z.string().superRefine((value, context) => {
  const rule = regionProblem(value);
  if (rule) context.addIssue({ code: "custom", message: rule, input: value });
});

const scaleRuleSchema = z
  .object({
    metric: z.enum(PLAN_METRICS),
    scaleOutAbove: z.number(),
    scaleInBelow: z.number(),
    scaleOutBy: wholeNumber(1, 100).default(1),
    scaleInBy: wholeNumber(1, 100).default(1),
    scaleOutWindow: z.string().default("PT5M"),
    scaleInWindow: z.string().default("PT10M"),
    cooldown: z.string().default("PT5M"),
  })
  .strict();

const environmentSchema = z
  .object({
    /** Production environments are held to the stricter policy rules (purge protection, 2+ instances). */
    production: z.boolean().default(false),
    plan: z
      .object({
        sku: z.enum(PLAN_SKU_NAMES),
        /** Instances when autoscale is off (and the starting count when it is on). */
        workerCount: wholeNumber(1, 30).default(1),
        zoneBalancing: z.boolean().default(false),
      })
      .strict(),
    /** Deployment slots besides production, e.g. ["staging"]; the plan tier must have them. */
    slots: z.array(z.string()).default([]),
    autoscale: z
      .object({
        minimum: wholeNumber(1, 1000).default(1),
        default: wholeNumber(1, 1000).optional(),
        maximum: wholeNumber(1, 1000).optional(),
        rules: z.array(scaleRuleSchema).optional(),
      })
      .strict()
      .optional(),
    vault: z
      .object({
        authorization: z.enum(["rbac", "accessPolicy"]).default("rbac"),
        purgeProtection: z.boolean().default(true),
        softDeleteRetentionDays: wholeNumber(7, 90).default(90),
      })
      .strict()
      .prefault({}),
    /** Settings of this environment, merged over `api.settings`; they travel with a swap. */
    settings: settingsRecord.default({}),
    /** Per-slot values of sticky settings: keys are "production" or a slot name. */
    slotSettings: z.record(z.string(), settingsRecord).default({}),
    monitoring: z
      .object({
        /** Days App Insights keeps telemetry (Azure's list: 30, 60, 90, 120, 180, 270, 365, 550, 730). */
        appInsightsRetentionDays: z
          .union([30, 60, 90, 120, 180, 270, 365, 550, 730].map((days) => z.literal(days)))
          .default(90),
        /** Rollback alerts, availability tests and the action group. @default the environment's `production` */
        alerts: z.boolean().optional(),
        /** Who is told: e-mail addresses and webhook URLs (https). One at least when alerts are on. */
        emails: z.array(z.email("must be an e-mail address")).default([]),
        webhooks: z.array(z.url({ protocol: /^https$/, error: "must be an https URL" })).default([]),
        /** Roll back when more than this percentage of requests fails. */
        errorRatePercent: z.number().gt(0).max(100).default(5),
        /** P95 request duration of a healthy release, in ms; the latency alert fires at baseline x factor. */
        baselineP95Ms: z.number().int().positive().default(500),
        latencyFactor: z.number().gt(1).max(100).default(2),
        /** 0 (critical) to 4 (verbose). */
        severity: wholeNumber(0, 4).default(1),
      })
      .strict()
      .prefault({}),
    /** A PostgreSQL flexible server with a database per slot; absent: DATABASE_URL comes from variables. */
    database: z
      .object({
        sku: z
          .string()
          .refine(
            (sku) => postgresTierOf(sku) !== undefined,
            "must be a flexible server SKU such as B_Standard_B1ms or GP_Standard_D2s_v3",
          )
          .default("B_Standard_B1ms"),
        storageMb: z.union(POSTGRES_STORAGE_MB.map((mb) => z.literal(mb))).default(32768),
        storageAutoGrow: z.boolean().default(false),
        backupRetentionDays: wholeNumber(7, 35).default(7),
        geoRedundantBackup: z.boolean().default(false),
        /** Zone-redundant standby; not on Burstable SKUs. */
        highAvailability: z.boolean().default(false),
        /** Bump to rotate the generated administrator password (and every slot's DATABASE_URL). */
        passwordVersion: wholeNumber(1, Number.MAX_SAFE_INTEGER).default(1),
        /** `prevent_destroy` on the server and databases. */
        preventDestroy: z.boolean().default(true),
        /**
         * "public": a firewall that admits only the API's outbound addresses (the access stack);
         * "private": inside the environment's `network`, no public endpoint at all.
         */
        network: z.enum(["public", "private"]).default("public"),
      })
      .strict()
      .optional(),
    /** A virtual network: the apps integrate with it, a private database lives in it; absent: none. */
    network: z
      .object({
        addressSpace: z.string().default("10.20.0.0/16"),
        /** The apps' VNet integration subnet. */
        appsSubnet: z.string().default("10.20.1.0/24"),
        /** Delegated to PostgreSQL. */
        databaseSubnet: z.string().default("10.20.2.0/24"),
      })
      .strict()
      .optional(),
    /** A Service Bus namespace the API reaches with its identity; absent: none. */
    messaging: z
      .object({
        sku: z.enum(["Basic", "Standard", "Premium"]).default("Standard"),
        /** Messaging units, Premium only: 1, 2, 4, 8 or 16. */
        capacity: z.number().int().optional(),
        /** Queue names; each slot besides production gets its own copy, `<queue>-<slot>`. */
        queues: z
          .array(
            z
              .string()
              .regex(
                QUEUE_NAME_PATTERN,
                "must be 1-260 letters, digits, '.', '-', '_' and '/', starting and ending with a letter or digit",
              ),
          )
          .default([]),
      })
      .strict()
      .optional(),
    /** How `npm run release` verifies this environment's slots (critical paths, latency, gates). */
    release: releaseSettingsSchema.prefault({}),
  })
  .strict()
  .transform((env) => ({
    ...env,
    monitoring: { ...env.monitoring, alerts: env.monitoring.alerts ?? env.production },
  }));

/** A string checked by a construct's own rule (the construct owns the limit, the schema reports it). */
function checkedBy(problemsOf: (value: string) => readonly PropProblem[]) {
  return z.string().superRefine((value, context) => {
    for (const problem of problemsOf(value)) {
      context.addIssue({ code: "custom", message: problem.rule, input: value });
    }
  });
}

/**
 * The configuration's shape, ranges and defaults. The rules that span fields live in
 * cross-field-rules.ts and run once the shape is valid.
 */
export const configSchema = z
  .object({
    app: z
      .object({
        /** Short name all resource names derive from. */
        name: z
          .string()
          .regex(
            /^[a-z][a-z0-9]{1,11}$/,
            "must be 2-12 lowercase letters and digits, starting with a letter",
          ),
        location: region,
        /** Appended to globally unique names (registry, vault, web apps, PostgreSQL server, Service Bus namespace). */
        nameSuffix: z
          .string()
          .regex(/^[a-z0-9]{0,6}$/, "must be 0-6 lowercase letters and digits")
          .default(""),
        tags: z.record(z.string(), z.string()).default({}),
      })
      .strict(),
    logAnalytics: z
      .object({
        /** Days the shared workspace keeps logs (30-730). */
        retentionDays: wholeNumber(30, 730).default(30),
        /** Daily ingestion cap in GB; absent for none. */
        dailyQuotaGb: z.number().positive().optional(),
      })
      .strict()
      .prefault({}),
    registry: z
      .object({
        sku: z.enum(["Basic", "Standard", "Premium"]).default("Standard"),
        zoneRedundancy: z.boolean().default(false),
        georeplicationLocations: z.array(region).default([]),
        untaggedRetentionDays: wholeNumber(0, 365).optional(),
      })
      .strict()
      .prefault({}),
    web: z
      .object({
        /** A single-page front end per environment, on the API's plan. */
        enabled: z.boolean().default(true),
        /** Built front end (index.html at its root), relative to the project root. */
        sourceDir: z.string().default("examples/web/dist"),
        /** "zipDeploy": Terraform deploys the zip; "external": CI deploys it (SCM basic auth stays off). */
        deployment: z.enum(["zipDeploy", "external"]).default("zipDeploy"),
      })
      .strict()
      .prefault({}),
    image: z
      .object({
        /** Repository in the registry. */
        repository: z
          .string()
          .regex(REPOSITORY_PATTERN, "must be a lowercase Docker repository name")
          .default("api"),
        /** Build context, relative to the project root. */
        context: z.string().default("examples/api"),
        /** Prebuilt tag; when absent, the tag is a content hash of the build context. */
        tag: z
          .string()
          .regex(IMAGE_TAG_PATTERN, "must match Docker's tag grammar [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
          .optional(),
        /** Build and push with the docker provider (an image stack); false needs a prebuilt tag. */
        build: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    api: z
      .object({
        port: wholeNumber(1, 65535).default(8000),
        healthCheckPath: z.string().startsWith("/", 'must start with "/"').default("/health"),
        healthCheckEvictionMinutes: wholeNumber(2, 10).default(5),
        /** Settings shared by every environment and slot. */
        settings: settingsRecord.default({}),
        /** Setting names kept per slot besides APP_ENV, DATABASE_URL and APPLICATIONINSIGHTS_CONNECTION_STRING. */
        stickySettings: z.array(z.string()).default([]),
        /** App settings read from Key Vault; values come from sensitive Terraform variables. */
        secrets: z
          .array(
            z
              .object({
                setting: z.string(),
                /** Secret name in the vault; the Terraform variable is the name with '_' for '-'. */
                name: z
                  .string()
                  .regex(/^[a-z0-9-]{1,100}$/, "must be 1-100 lowercase letters, digits and '-'"),
                /** Bump to write a new value (write-only values are not in state). */
                version: wholeNumber(1, Number.MAX_SAFE_INTEGER).default(1),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .prefault({}),
    environments: z.record(
      z
        .string()
        .regex(
          /^[a-z][a-z0-9]{0,7}$/,
          "environment names are 1-8 lowercase letters and digits, starting with a letter",
        ),
      environmentSchema,
    ),
    policies: z
      .object({
        /** Accepted exceptions to the policy baseline: one rule, one resource path, and why. */
        suppressions: z
          .array(
            z
              .object({
                rule: z.string().regex(/^APS\d{3}$/, "must be a policy rule id such as APS001"),
                /** Construct path of the resource, e.g. "contoso-prod/api/app". */
                path: z.string().min(1, "must name the resource's construct path"),
                reason: z.string().trim().min(1, "a suppression needs a reason"),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .prefault({}),
    backend: z
      .object({
        /**
         * HCP Terraform organization; when set, every stack uses a cloud backend and the
         * `<app>-hcp` bootstrap stack creates the workspaces, the deployer identity and the
         * platform's resource groups.
         */
        tfcOrganization: checkedBy((organization) => hcpProjectProblems({ organization })).optional(),
        /** HCP Terraform project of the workspaces. @default the app name */
        tfcProject: checkedBy((name) => hcpProjectProblems({ name })).optional(),
        /** Prefix for workspace names: workspace = prefix + stack name. @default "" */
        tfcWorkspacePrefix: z
          .string()
          .regex(/^[A-Za-z0-9_-]*$/, "must be letters, digits, '_' and '-'")
          .optional(),
        /** GitHub repository ("owner/name") whose deploy workflow signs in as the deployer identity; absent: none. */
        githubRepository: checkedBy(githubRepositoryProblems).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** The configuration as written (defaults optional). */
export type PlatformConfigInput = z.input<typeof configSchema>;
/** The configuration with defaults applied and every rule checked. */
export type PlatformConfig = z.output<typeof configSchema>;
export type EnvironmentConfig = PlatformConfig["environments"][string];
export type ScaleRuleConfig = z.output<typeof scaleRuleSchema>;
