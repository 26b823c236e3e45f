import { resolve } from "node:path";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import {
  type EnvironmentNames,
  environmentNames,
  namingContext,
  sharedNames,
} from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { AppNetwork } from "../constructs/app-network";
import { AppServicePlan } from "../constructs/app-service-plan";
import { Autoscale } from "../constructs/autoscale";
import { ExistingContainerRegistry } from "../constructs/container-registry";
import type { ContainerWebApp } from "../constructs/container-web-app";
import { DiagnosticSettings } from "../constructs/diagnostic-settings";
import {
  ExistingLogAnalyticsWorkspace,
  type ILogAnalyticsWorkspace,
} from "../constructs/log-analytics-workspace";
import type { MessageQueue } from "../constructs/message-queue";
import type { PostgresDatabase } from "../constructs/postgres-database";
import type { IResourceGroup } from "../constructs/resource-group";
import { SecretVault } from "../constructs/secret-vault";
import { SpaWebApp } from "../constructs/spa-web-app";
import { addApiDatabase } from "./api-database";
import { addApiMessaging } from "./api-messaging";
import { type ApiService, addApiService } from "./api-service";
import { configureBackend } from "./backend";
import { addPrivateDataPlane, dataPlaneAccess } from "./private-data-plane";
import { addAzureProvider, addTimeProvider } from "./providers";
import { platformResourceGroup } from "./resource-group";
import { type RestrictedSites, restrictedSites } from "./restricted-sites";

export interface EnvironmentStackProps {
  readonly config: PlatformConfig;
  /** Folder that relative project paths (state, build context) start from. */
  readonly projectRoot: string;
  /** Environment name, a key of `config.environments`. */
  readonly environment: string;
  /** The image tag this deploy puts on the staging slot (or on production, without slots). */
  readonly imageTag: string;
}

/**
 * One environment: its resource group, a Key Vault, the plan with optional autoscale, the data
 * services (network, database, queues), the API ({@link addApiService}: an identity per slot,
 * the app and its slots, telemetry and alerts), the front end, and diagnostics to the shared
 * workspace. What it uses of the shared stack (registry, workspace) it finds by name, so it
 * never reads the shared stack's state.
 */
export class EnvironmentStack extends TerraformStack {
  /** Whether the environment is held to the production rules. */
  readonly production: boolean;
  readonly vault: SecretVault;
  readonly plan: AppServicePlan;
  readonly api: ContainerWebApp;
  /** Runtime identities, telemetry components and the pull identity of the API. */
  readonly apiService: ApiService;
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
    this.production = env.production;
    addAzureProvider(this);
    addTimeProvider(this);
    configureBackend(this, config.backend, props.projectRoot);

    const resourceGroup = platformResourceGroup(this, "resource-group", {
      config,
      name: names.resourceGroup,
      location: config.app.location,
      tags,
    });
    const shared = sharedNames(namingContext(config.app));
    const workspace = new ExistingLogAnalyticsWorkspace(this, "logs", {
      name: shared.logAnalytics,
      resourceGroupName: shared.resourceGroup,
    });
    this.vault = new SecretVault(this, "vault", {
      name: names.vault,
      resourceGroup,
      authorization: env.vault.authorization,
      purgeProtectionEnabled: env.vault.purgeProtection,
      softDeleteRetentionDays: env.vault.softDeleteRetentionDays,
      ...dataPlaneAccess(config, environment).vault,
      tags,
    });
    this.plan = this.addPlan(props, names, resourceGroup, tags);
    const network = env.network
      ? new AppNetwork(this, "network", {
          name: names.network,
          resourceGroup,
          ...env.network,
          databaseDnsZone: `${names.database}.private.postgres.database.azure.com`,
          tags,
        })
      : undefined;
    const registry = new ExistingContainerRegistry(this, "registry", {
      name: shared.registry,
      resourceGroupName: shared.resourceGroup,
    });
    const slots = ["production", ...env.slots];
    this.database = env.database
      ? addApiDatabase(this, {
          names,
          database: env.database,
          resourceGroup,
          vault: this.vault,
          slots,
          network,
          workspace,
          tags,
        })
      : undefined;
    const messaging = env.messaging
      ? addApiMessaging(this, {
          names,
          messaging: env.messaging,
          resourceGroup,
          slots,
          ...dataPlaneAccess(config, environment).messaging,
          tags,
        })
      : undefined;
    const privateDataPlane = network
      ? addPrivateDataPlane(this, {
          network,
          resourceGroup,
          vault: this.vault,
          registry,
          messaging: messaging?.queue,
          names: { vault: names.vault, registry: shared.registry, messaging: names.messaging },
          tags,
        })
      : undefined;
    const sites = restrictedSites(config, environment, network);

    // The front end first: the API's CORS origin is the front end's own host name.
    this.web = config.web.enabled ? this.addFrontEnd(props, names, resourceGroup, sites, tags) : undefined;
    this.apiService = addApiService(this, {
      config,
      environment,
      names,
      resourceGroup,
      plan: this.plan,
      registry,
      workspace,
      vault: this.vault,
      imageTag: props.imageTag,
      network,
      database: this.database,
      messaging,
      corsAllowedOrigins: this.web ? [`https://${this.web.defaultHostname}`] : undefined,
      sites: {
        ...sites,
        // Through the network: the registry's private endpoint, ready before the first pull.
        vnetImagePullEnabled: privateDataPlane ? true : undefined,
        networkDependencies: privateDataPlane?.ready,
      },
      tags,
    });
    this.api = this.apiService.app;
    this.addDiagnostics(workspace, messaging?.queue);
    this.addOutputs(env.slots);
  }

  private addPlan(
    props: EnvironmentStackProps,
    names: EnvironmentNames,
    resourceGroup: IResourceGroup,
    tags: Record<string, string>,
  ): AppServicePlan {
    const env = props.config.environments[props.environment];
    const plan = new AppServicePlan(this, "plan", {
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
        plan,
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
    return plan;
  }

  private addFrontEnd(
    props: EnvironmentStackProps,
    names: EnvironmentNames,
    resourceGroup: IResourceGroup,
    sites: RestrictedSites,
    tags: Record<string, string>,
  ): SpaWebApp {
    const { config } = props;
    return new SpaWebApp(this, "web", {
      name: names.webApp,
      resourceGroup,
      plan: this.plan,
      sourceDir: resolve(props.projectRoot, config.web.sourceDir),
      // A literal: the URL is written into the front end's config.js at synth, before the API exists.
      apiBaseUrl: `https://${names.apiApp}.azurewebsites.net`,
      deployment: config.web.deployment,
      nodeVersion: config.web.nodeVersion,
      includeDotfiles: config.web.includeDotfiles,
      scmAccess: sites.scmAccess,
      tags: { ...tags, "platform-role": "web" },
    });
  }

  private addDiagnostics(workspace: ILogAnalyticsWorkspace, messaging?: MessageQueue): void {
    new DiagnosticSettings(this, "plan-diagnostics", { target: this.plan, workspace });
    new DiagnosticSettings(this, "vault-diagnostics", { target: this.vault, workspace });
    if (messaging) new DiagnosticSettings(this, "messaging-diagnostics", { target: messaging, workspace });
    if (this.web) new DiagnosticSettings(this, "web-diagnostics", { target: this.web.resource, workspace });
  }

  private addOutputs(slots: readonly string[]): void {
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
    for (const slot of slots) {
      new TerraformOutput(this, `api_${slot}_url`, {
        value: `https://${this.api.slotHostname(slot)}`,
        description: `URL of the API's ${slot} slot`,
      });
    }
  }
}
