import { resolve } from "node:path";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { environmentNames, namingContext } from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { AppIdentity } from "../constructs/app-identity";
import { AppNetwork } from "../constructs/app-network";
import { AppServicePlan } from "../constructs/app-service-plan";
import { Autoscale } from "../constructs/autoscale";
import { ContainerWebApp, type SettingValue } from "../constructs/container-web-app";
import { DiagnosticSettings } from "../constructs/diagnostic-settings";
import type { PostgresDatabase } from "../constructs/postgres-database";
import { AzResourceGroup } from "../constructs/providers";
import { secretVariable } from "../constructs/secret-variable";
import { SecretVault } from "../constructs/secret-vault";
import { SpaWebApp } from "../constructs/spa-web-app";
import type { VaultSecret } from "../constructs/vault-secret";
import { addApiDatabase, databaseCredentialsSetting } from "./api-database";
import { addApiMessaging } from "./api-messaging";
import { addApiAlerts, addApiTelemetry, telemetryAuthenticationSetting } from "./api-monitoring";
import { configureBackend } from "./backend";
import { addAzureProvider, addTimeProvider } from "./providers";
import type { SharedStack } from "./shared-stack";

export interface EnvironmentStackProps {
  readonly config: PlatformConfig;
  /** Folder that relative project paths (state, build context) start from. */
  readonly projectRoot: string;
  /** Environment name, a key of `config.environments`. */
  readonly environment: string;
  /** The registry the images come from. */
  readonly shared: SharedStack;
  /** The image tag this deploy puts on the staging slot (or on production, without slots). */
  readonly imageTag: string;
}

/** Tag that marks the API app; the release tool finds the app to swap by it. */
export const API_ROLE_TAG = { "platform-role": "api" } as const;

/**
 * One environment: its resource group, the API's identity, a Key Vault with the app's
 * secrets, the plan with optional autoscale, the API web app with its slots, an App Insights
 * component per slot, diagnostics to the shared workspace, and (when on) the rollback alerts.
 */
export class EnvironmentStack extends TerraformStack {
  readonly vault: SecretVault;
  readonly plan: AppServicePlan;
  readonly api: ContainerWebApp;
  /** The API's PostgreSQL server, when the environment has one. */
  readonly database?: PostgresDatabase;
  /** The single-page front end, when enabled. */
  readonly web?: SpaWebApp;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const { config, environment } = props;
    const env = config.environments[environment];
    const names = environmentNames(namingContext(config.app), environment);
    const tags = { ...config.app.tags, environment };
    addAzureProvider(this);
    addTimeProvider(this);
    configureBackend(this, config.backend, props.projectRoot);

    const resourceGroup = new AzResourceGroup(this, "resource-group", {
      name: names.resourceGroup,
      location: config.app.location,
      tags,
    });
    const identity = new AppIdentity(this, "api-identity", { name: names.apiIdentity, resourceGroup, tags });
    this.vault = new SecretVault(this, "vault", {
      name: names.vault,
      resourceGroup,
      authorization: env.vault.authorization,
      purgeProtectionEnabled: env.vault.purgeProtection,
      softDeleteRetentionDays: env.vault.softDeleteRetentionDays,
      tags,
    });

    const secretSettings: Record<string, VaultSecret> = {};
    for (const secret of config.api.secrets) {
      secretSettings[secret.setting] = this.secretFromVariable(
        secret.name,
        secret.version,
        `${secret.setting} of the API`,
      );
    }
    const slotNames = ["production", ...env.slots];
    const network = env.network
      ? new AppNetwork(this, "network", {
          name: names.network,
          resourceGroup,
          ...env.network,
          databaseDnsZone: `${names.database}.private.postgres.database.azure.com`,
          tags,
        })
      : undefined;
    this.database = env.database
      ? addApiDatabase(this, {
          names,
          database: env.database,
          resourceGroup,
          vault: this.vault,
          slots: slotNames,
          network,
          tags,
        })
      : undefined;
    const database = this.database;
    // Each slot has its own database: a staging release never touches production data.
    const databaseUrls = Object.fromEntries(
      slotNames.map((slot) => [
        slot,
        database
          ? database.databaseUrlSecret(slot)
          : this.secretFromVariable(`database-url-${slot}`, 1, `DATABASE_URL of the ${slot} slot`),
      ]),
    );
    const messaging = env.messaging
      ? addApiMessaging(this, {
          names,
          messaging: env.messaging,
          resourceGroup,
          identity,
          slots: slotNames,
          tags,
        })
      : undefined;
    const telemetry = addApiTelemetry(this, {
      names,
      resourceGroup,
      workspace: props.shared.workspace,
      identity,
      monitoring: env.monitoring,
      slots: slotNames,
      tags,
    });
    const stickyValues = (slot: string): Record<string, SettingValue> => ({
      APP_ENV: slot === "production" ? environment : `${environment}-${slot}`,
      DATABASE_URL: databaseUrls[slot],
      APPLICATIONINSIGHTS_CONNECTION_STRING: telemetry[slot].connectionString,
      ...messaging?.stickyValues(slot),
      ...env.slotSettings[slot],
    });

    this.plan = new AppServicePlan(this, "plan", {
      name: names.plan,
      resourceGroup,
      sku: env.plan.sku,
      workerCount: env.plan.workerCount,
      zoneBalancingEnabled: env.plan.zoneBalancing,
      tags,
    });
    if (env.autoscale) {
      new Autoscale(this, "autoscale", {
        name: names.autoscale,
        resourceGroup,
        plan: this.plan,
        minimum: env.autoscale.minimum,
        default: env.autoscale.default,
        maximum: env.autoscale.maximum,
        rules: env.autoscale.rules,
        // The people paged for rollbacks also hear when the plan scales.
        notificationEmails: env.monitoring.alerts ? env.monitoring.emails : [],
        notificationWebhooks: env.monitoring.alerts ? env.monitoring.webhooks : [],
        tags,
      });
    }

    this.api = new ContainerWebApp(this, "api", {
      name: names.apiApp,
      resourceGroup,
      plan: this.plan,
      registry: props.shared.registry,
      identity,
      repository: config.image.repository,
      imageTag: props.imageTag,
      port: config.api.port,
      healthCheckPath: config.api.healthCheckPath,
      healthCheckEvictionTimeInMin: config.api.healthCheckEvictionMinutes,
      appSettings: {
        ...config.api.settings,
        ...env.settings,
        ...secretSettings,
        ...telemetryAuthenticationSetting(identity),
        ...(database ? databaseCredentialsSetting(database) : {}),
        ...messaging?.settings,
      },
      additionalGrants: messaging?.grants,
      virtualNetworkSubnet: network?.appsSubnet,
      corsAllowedOrigins: config.web.enabled ? [`https://${names.webApp}.azurewebsites.net`] : undefined,
      productionStickyValues: stickyValues("production"),
      slots: env.slots.map((slot) => ({
        name: slot,
        imageTag: props.imageTag,
        stickyValues: stickyValues(slot),
      })),
      stickySettings: config.api.stickySettings,
      tags: { ...tags, ...API_ROLE_TAG },
    });

    if (config.web.enabled) {
      this.web = new SpaWebApp(this, "web", {
        name: names.webApp,
        resourceGroup,
        plan: this.plan,
        sourceDir: resolve(props.projectRoot, config.web.sourceDir),
        // A literal: the URL is written into the front end's config.js at synth.
        apiBaseUrl: `https://${names.apiApp}.azurewebsites.net`,
        deployment: config.web.deployment,
        tags: { ...tags, "platform-role": "web" },
      });
    }

    const workspace = props.shared.workspace;
    new DiagnosticSettings(this, "plan-diagnostics", { target: this.plan, workspace });
    new DiagnosticSettings(this, "vault-diagnostics", { target: this.vault, workspace });
    new DiagnosticSettings(this, "api-diagnostics", { target: this.api, workspace });
    for (const [slot, site] of this.api.slots) {
      new DiagnosticSettings(this, `api-${slot}-diagnostics`, { target: site, workspace });
    }
    if (this.web) new DiagnosticSettings(this, "web-diagnostics", { target: this.web.resource, workspace });
    if (env.monitoring.alerts) {
      addApiAlerts(this, {
        names,
        environment,
        resourceGroup,
        api: this.api,
        components: telemetry,
        monitoring: env.monitoring,
        tags,
      });
    }

    if (this.web) {
      new TerraformOutput(this, "web_url", {
        value: `https://${this.web.defaultHostname}`,
        description: "URL of the front end",
      });
    }
    new TerraformOutput(this, "api_url", {
      value: `https://${this.api.defaultHostname}`,
      description: "Production URL of the API",
    });
    for (const slot of env.slots) {
      new TerraformOutput(this, `api_${slot}_url`, {
        value: `https://${this.api.slotHostname(slot)}`,
        description: `URL of the API's ${slot} slot`,
      });
    }
  }

  /** A vault secret whose value arrives as the sensitive variable `<name with _>`. */
  private secretFromVariable(name: string, version: number, what: string): VaultSecret {
    const variable = secretVariable(
      this,
      name.replace(/-/g, "_"),
      `${what}; stored in Key Vault secret "${name}"`,
    );
    return this.vault.addSecret(`secret-${name}`, { name, value: variable.value, valueVersion: version });
  }
}
