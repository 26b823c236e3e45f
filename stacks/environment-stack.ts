import { resolve } from "node:path";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import {
  type EnvironmentNames,
  environmentNames,
  namingContext,
  type SharedNames,
  sharedNames,
} from "../config/resource-names";
import type { EnvironmentConfig, PlatformConfig } from "../config/schema";
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
import { type ApiMessaging, addApiMessaging } from "./api-messaging";
import { type ApiService, addApiService } from "./api-service";
import { configureBackend } from "./backend";
import { addPrivateDataPlane, dataPlaneAccess, type PrivateDataPlane } from "./private-data-plane";
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
/** What every part of an environment reads: its config, names and the groups it fills. */
interface EnvironmentContext {
  readonly props: EnvironmentStackProps;
  readonly env: EnvironmentConfig;
  readonly names: EnvironmentNames;
  readonly shared: SharedNames;
  readonly resourceGroup: IResourceGroup;
  readonly workspace: ILogAnalyticsWorkspace;
  readonly registry: ExistingContainerRegistry;
  readonly tags: Record<string, string>;
}

/** The environment's data services: network, queues, and their private endpoints. */
interface DataServices {
  readonly network?: AppNetwork;
  readonly database?: PostgresDatabase;
  readonly messaging?: ApiMessaging;
  readonly privateDataPlane?: PrivateDataPlane;
}

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
    this.production = env.production;
    addAzureProvider(this);
    addTimeProvider(this);
    configureBackend(this, config.backend, props.projectRoot);
    const context = this.foundation(props);

    this.vault = new SecretVault(this, "vault", {
      name: context.names.vault,
      resourceGroup: context.resourceGroup,
      authorization: env.vault.authorization,
      purgeProtectionEnabled: env.vault.purgeProtection,
      softDeleteRetentionDays: env.vault.softDeleteRetentionDays,
      ...dataPlaneAccess(config, environment).vault,
      tags: context.tags,
    });
    this.plan = this.addPlan(props, context.names, context.resourceGroup, context.tags);
    const data = this.addDataServices(context);
    this.database = data.database;
    const sites = restrictedSites(config, environment, data.network);
    // The front end first: the API's CORS origin is the front end's own host name.
    this.web = config.web.enabled
      ? this.addFrontEnd(props, context.names, context.resourceGroup, sites, context.tags)
      : undefined;
    this.apiService = addApiService(this, {
      config,
      environment,
      names: context.names,
      resourceGroup: context.resourceGroup,
      plan: this.plan,
      registry: context.registry,
      workspace: context.workspace,
      vault: this.vault,
      imageTag: props.imageTag,
      network: data.network,
      database: this.database,
      messaging: data.messaging,
      corsAllowedOrigins: this.web ? [`https://${this.web.defaultHostname}`] : undefined,
      sites: {
        ...sites,
        // Through the network: the registry's private endpoint, ready before the first pull.
        vnetImagePullEnabled: data.privateDataPlane ? true : undefined,
        networkDependencies: data.privateDataPlane?.ready,
      },
      tags: context.tags,
    });
    this.api = this.apiService.app;
    this.addDiagnostics(context.workspace, data.messaging?.queue);
    this.addOutputs(env.slots);
  }

  /** The resource group, and what the environment finds of the shared stack by name. */
  private foundation(props: EnvironmentStackProps): EnvironmentContext {
    const { config, environment } = props;
    const names = environmentNames(namingContext(config.app), environment);
    const shared = sharedNames(namingContext(config.app));
    const tags = { ...config.app.tags, environment };
    return {
      props,
      env: config.environments[environment],
      names,
      shared,
      tags,
      resourceGroup: platformResourceGroup(this, "resource-group", {
        config,
        name: names.resourceGroup,
        location: config.app.location,
        tags,
      }),
      workspace: new ExistingLogAnalyticsWorkspace(this, "logs", {
        name: shared.logAnalytics,
        resourceGroupName: shared.resourceGroup,
      }),
      registry: new ExistingContainerRegistry(this, "registry", {
        name: shared.registry,
        resourceGroupName: shared.resourceGroup,
      }),
    };
  }

  /** Network, database, queues and, with a network, their private endpoints. */
  private addDataServices(context: EnvironmentContext): DataServices {
    const { env, names, resourceGroup, tags, props } = context;
    const network = env.network
      ? new AppNetwork(this, "network", {
          name: names.network,
          resourceGroup,
          ...env.network,
          databaseDnsZone: `${names.database}.private.postgres.database.azure.com`,
          tags,
        })
      : undefined;
    const slots = ["production", ...env.slots];
    const database = env.database
      ? addApiDatabase(this, {
          names,
          database: env.database,
          resourceGroup,
          vault: this.vault,
          slots,
          network,
          workspace: context.workspace,
          tags,
        })
      : undefined;
    const messaging = env.messaging
      ? addApiMessaging(this, {
          names,
          messaging: env.messaging,
          resourceGroup,
          slots,
          ...dataPlaneAccess(props.config, props.environment).messaging,
          tags,
        })
      : undefined;
    const privateDataPlane = network
      ? addPrivateDataPlane(this, {
          network,
          resourceGroup,
          vault: this.vault,
          registry: context.registry,
          messaging: messaging?.queue,
          names: { vault: names.vault, registry: context.shared.registry, messaging: names.messaging },
          tags,
        })
      : undefined;
    return { network, database, messaging, privateDataPlane };
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
