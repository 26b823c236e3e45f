import { type App, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import type { Construct, IConstruct } from "constructs";
import { environmentNames, namingContext, sharedNames } from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { bootstrapStackName, hcpProjectName, workspaceName } from "../config/stack-names";
import { type AssignableRole, DeployerIdentity } from "../constructs/deployer-identity";
import { HcpProject } from "../constructs/hcp-project";
import { HcpWorkspace } from "../constructs/hcp-workspace";
import { azureName } from "../constructs/naming";
import {
  AzResourceGroup,
  AzRoleAssignment,
  DataAzurermResourceGroup,
  DataAzurermRoleDefinition,
  DataAzurermSubscription,
  DockerProvider,
  PostgresqlProvider,
  TfeProvider,
} from "../constructs/providers";
import { configureLocalBackend } from "./backend";
import { EnvironmentStack } from "./environment-stack";
import { addAzureProvider } from "./providers";

/** Terraform of the workspaces' runs: >= 1.11 for write-only attributes (`value_wo`), below 2. */
export const WORKSPACE_TERRAFORM_VERSION = "~> 1.11";

export interface HcpBootstrapStackProps {
  /** A configuration with `backend.tfcOrganization` set. */
  readonly config: PlatformConfig;
  /** Folder that the bootstrap's local state (`state/<app>-hcp.tfstate`) is relative to. */
  readonly projectRoot: string;
}

/**
 * Adds the `<app>-hcp` bootstrap stack when the configuration names an HCP Terraform
 * organization. Call it after every other stack is added: it makes a workspace for each.
 */
export function addHcpBootstrapStack(
  app: App,
  config: PlatformConfig,
  projectRoot: string,
): HcpBootstrapStack | undefined {
  if (config.backend.tfcOrganization === undefined) return undefined;
  return new HcpBootstrapStack(app, bootstrapStackName(config.app.name), { config, projectRoot });
}

/**
 * What HCP Terraform runs of the platform need before the first one, applied once by a person
 * (`az login` with rights to create role assignments, and an HCP Terraform token). It keeps its
 * state locally, as no workspace exists yet.
 *
 * - The platform's resource groups (shared and one per environment): the deployer's roles are
 *   assigned on them, so they must exist first; the other stacks look them up
 *   (stacks/resource-group.ts).
 * - A deployer identity (user-assigned, in a group of its own) that workspaces and the GitHub
 *   deploy workflow sign in as through OIDC: Contributor on the platform's groups, and "Role
 *   Based Access Control Administrator" limited to the roles the platform's stacks assign
 *   (read from their role assignments, so a new grant in code widens the list by itself).
 * - A project and one workspace per stack of the App, named as the stacks' `cloud` blocks name
 *   them, with dynamic provider credentials switched on, a sensitive variable for each
 *   sensitive Terraform variable of the stack (values filled in by a person), run triggers
 *   along the stacks' dependencies, auto-apply only for stacks that serve no production
 *   environment, and local execution for stacks that need the deployer's machine (Docker, a
 *   database connection).
 */
export class HcpBootstrapStack extends TerraformStack {
  readonly project: HcpProject;
  readonly deployer: DeployerIdentity;
  /** Workspaces by stack name, in manifest order. */
  readonly workspaces: ReadonlyMap<string, HcpWorkspace>;
  /** The platform's resource groups by name. */
  readonly resourceGroups: ReadonlyMap<string, AzResourceGroup>;

  constructor(scope: Construct, id: string, props: HcpBootstrapStackProps) {
    super(scope, id);
    const { config } = props;
    const organization = config.backend.tfcOrganization;
    if (organization === undefined) {
      throw new Error(`HcpBootstrapStack ${id}: config.backend.tfcOrganization is required`);
    }
    const stacks = otherStacks(this);
    addAzureProvider(this);
    new TfeProvider(this, "tfe", { organization });
    configureLocalBackend(this, props.projectRoot);

    this.resourceGroups = this.addResourceGroups(config);
    const subscription = new DataAzurermSubscription(this, "subscription", {});
    this.deployer = this.addDeployer(config, stacks, subscription);
    this.project = new HcpProject(this, "project", {
      organization,
      name: hcpProjectName(config),
      description: `Stacks of ${config.app.name}, deployed with cdktf`,
    });
    this.workspaces = this.addWorkspaces(config, stacks, subscription);
    if (config.backend.githubRepository !== undefined) {
      for (const environment of Object.keys(config.environments)) {
        this.deployer.trustGitHubEnvironment(config.backend.githubRepository, environment);
      }
    }
    this.addOutputs(subscription);
    this.node.addValidation({
      validate: () => [
        ...lateStackProblems(this, stacks),
        ...resourceGroupProblems(this, otherStacks(this), new Set(this.resourceGroups.keys())),
        ...unnamedRoleProblems(this, stacks),
      ],
    });
  }

  /** The platform's resource groups (shared, one per environment), by name. */
  private addResourceGroups(config: PlatformConfig): Map<string, AzResourceGroup> {
    const { app } = config;
    const context = namingContext(app);
    const groups = [
      { name: sharedNames(context).resourceGroup, tags: app.tags },
      ...Object.keys(config.environments).map((environment) => ({
        name: environmentNames(context, environment).resourceGroup,
        tags: { ...app.tags, environment },
      })),
    ];
    return new Map(
      groups.map(({ name, tags }) => [
        name,
        new AzResourceGroup(this, `group-${name}`, { name, location: app.location, tags }),
      ]),
    );
  }

  /**
   * The deployer identity, in a group of its own (whoever can write to its group can add
   * credentials to it), with its roles on the platform's groups: deploy, and assign just the
   * roles the stacks assign.
   */
  private addDeployer(
    config: PlatformConfig,
    stacks: readonly TerraformStack[],
    subscription: DataAzurermSubscription,
  ): DeployerIdentity {
    const { app } = config;
    const context = namingContext(app);
    const deployerGroup = new AzResourceGroup(this, "deployer-group", {
      name: azureName(context, "resourceGroup", "hcp"),
      location: app.location,
      tags: app.tags,
    });
    const deployer = new DeployerIdentity(this, "deployer", {
      name: azureName(context, "userAssignedIdentity", "hcp", "deployer"),
      resourceGroup: deployerGroup,
      tags: app.tags,
    });
    const assignable: AssignableRole[] = assignedRoleNames(stacks).map((name) => ({
      name,
      definitionId: new DataAzurermRoleDefinition(this, `role-${slug(name)}`, {
        name,
        scope: subscription.id,
      }).roleDefinitionId,
    }));
    for (const group of this.resourceGroups.values()) deployer.grantDeployTo(group, assignable);
    return deployer;
  }

  /** One workspace per stack, trusted by the deployer, with its variables and run triggers. */
  private addWorkspaces(
    config: PlatformConfig,
    stacks: readonly TerraformStack[],
    subscription: DataAzurermSubscription,
  ): Map<string, HcpWorkspace> {
    const production = servingProduction(stacks);
    const workspaces = new Map(
      stacks.map((stack) => {
        const workspace = new HcpWorkspace(this, `workspace-${stack.node.id}`, {
          project: this.project,
          name: workspaceName(config.backend, stack.node.id),
          terraformVersion: WORKSPACE_TERRAFORM_VERSION,
          autoApply: !production.has(stack),
          executionMode: runsWhereDeployed(stack) ? "local" : "remote",
          description: `cdktf stack ${stack.node.id}`,
        });
        this.deployer.trustHcpWorkspace(workspace);
        this.addWorkspaceVariables(workspace, stack, subscription);
        return [stack.node.id, workspace] as const;
      }),
    );
    for (const stack of stacks) {
      const workspace = workspaces.get(stack.node.id);
      for (const dependency of stack.dependencies) {
        const source = workspaces.get(dependency.node.id);
        if (workspace && source) workspace.addRunTrigger(source);
      }
    }
    return workspaces;
  }

  /** Dynamic provider credentials, and an empty sensitive variable per sensitive input. */
  private addWorkspaceVariables(
    workspace: HcpWorkspace,
    stack: TerraformStack,
    subscription: DataAzurermSubscription,
  ): void {
    workspace.addEnvironmentVariable("TFC_AZURE_PROVIDER_AUTH", "true", "Dynamic provider credentials");
    workspace.addEnvironmentVariable(
      "TFC_AZURE_RUN_CLIENT_ID",
      this.deployer.clientId,
      "The deployer identity runs sign in as",
    );
    workspace.addEnvironmentVariable("ARM_SUBSCRIPTION_ID", subscription.subscriptionId);
    workspace.addEnvironmentVariable("ARM_TENANT_ID", subscription.tenantId);
    // The deployer has no subscription-wide rights; the bootstrap registered the providers.
    workspace.addEnvironmentVariable(
      "ARM_RESOURCE_PROVIDER_REGISTRATIONS",
      "none",
      "Resource providers are registered by the bootstrap",
    );
    for (const variable of sensitiveVariables(stack)) {
      workspace.addSecretVariable(
        variable.friendlyUniqueId,
        variable.description ?? `Sensitive input of ${stack.node.id}`,
      );
    }
  }

  /** What the deploy workflow signs in with. */
  private addOutputs(subscription: DataAzurermSubscription): void {
    new TerraformOutput(this, "deployer_client_id", {
      value: this.deployer.clientId,
      description: "Client id of the deployer identity: the deploy workflow's AZURE_CLIENT_ID",
    });
    new TerraformOutput(this, "azure_tenant_id", {
      value: subscription.tenantId,
      description: "The deploy workflow's AZURE_TENANT_ID",
    });
    new TerraformOutput(this, "azure_subscription_id", {
      value: subscription.subscriptionId,
      description: "The deploy workflow's AZURE_SUBSCRIPTION_ID",
    });
  }
}

/** The App's stacks other than `bootstrap`, in the order they were added (the manifest's). */
function otherStacks(bootstrap: TerraformStack): TerraformStack[] {
  const app = bootstrap.node.scope;
  return (app?.node.children ?? []).filter(
    (child): child is TerraformStack => child instanceof TerraformStack && child !== bootstrap,
  );
}

function roleAssignments(stacks: readonly TerraformStack[]): AzRoleAssignment[] {
  return stacks.flatMap((stack) =>
    stack.node.findAll().filter((c): c is AzRoleAssignment => c instanceof AzRoleAssignment),
  );
}

/** The built-in roles the stacks assign, by name, sorted. */
function assignedRoleNames(stacks: readonly TerraformStack[]): string[] {
  const names = roleAssignments(stacks)
    .map((assignment) => assignment.roleDefinitionNameInput)
    .filter((name): name is string => name !== undefined && !Token.isUnresolved(name));
  return [...new Set(names)].sort();
}

/**
 * The stacks that serve a production environment: its environment stacks, what they depend on
 * (shared, image) and what depends on them (access stacks). Their workspaces wait for a person
 * to confirm each apply.
 */
function servingProduction(stacks: readonly TerraformStack[]): Set<TerraformStack> {
  const closure = (start: TerraformStack, next: (stack: TerraformStack) => readonly TerraformStack[]) => {
    const seen = new Set<TerraformStack>();
    const visit = (stack: TerraformStack) => {
      if (seen.has(stack)) return;
      seen.add(stack);
      next(stack).forEach(visit);
    };
    visit(start);
    return seen;
  };
  const dependents = (stack: TerraformStack) => stacks.filter((other) => other.dependencies.includes(stack));
  const serving = new Set<TerraformStack>();
  for (const stack of stacks) {
    if (!(stack instanceof EnvironmentStack && stack.production)) continue;
    for (const upstream of closure(stack, (s) => s.dependencies)) serving.add(upstream);
    for (const downstream of closure(stack, dependents)) serving.add(downstream);
  }
  return serving;
}

/**
 * Whether the stack must run on a machine the deployer chooses, not on HCP Terraform's runners:
 * image builds need a Docker daemon, which remote runs lack, and the database logins need a
 * connection to the server, whose firewall admits only known addresses or which is reachable
 * only inside its network (docs/database.md). Such a workspace keeps only the state; the run
 * happens where `cdktf deploy` is called.
 */
function runsWhereDeployed(stack: TerraformStack): boolean {
  return stack.node
    .findAll()
    .some((construct) => construct instanceof DockerProvider || construct instanceof PostgresqlProvider);
}

/** The stack's sensitive input variables: app secrets a person provides. */
function sensitiveVariables(stack: TerraformStack): TerraformVariable[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformVariable => c instanceof TerraformVariable && c.sensitive === true);
}

/** "Key Vault Secrets User" -> "key-vault-secrets-user". */
function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

function problemOf(bootstrap: IConstruct, text: string): string {
  return `HcpBootstrapStack ${bootstrap.node.path}: ${text}`;
}

/** A stack added after the bootstrap stack would have no workspace. */
function lateStackProblems(bootstrap: TerraformStack, stacks: readonly TerraformStack[]): string[] {
  return otherStacks(bootstrap)
    .filter((stack) => !stacks.includes(stack))
    .map((stack) =>
      problemOf(
        bootstrap,
        `stack "${stack.node.id}" was added after the bootstrap stack and has no workspace; add the bootstrap stack last`,
      ),
    );
}

/**
 * The bootstrap creates the platform's groups; every other stack must look them up, and only
 * them: a group created twice fails at apply, and a group nobody creates fails every plan.
 */
function resourceGroupProblems(
  bootstrap: TerraformStack,
  stacks: readonly TerraformStack[],
  created: ReadonlySet<string>,
): string[] {
  return stacks.flatMap((stack) =>
    stack.node.findAll().flatMap((construct) => {
      if (construct instanceof AzResourceGroup && created.has(construct.nameInput ?? "")) {
        return [
          problemOf(
            bootstrap,
            `stack "${stack.node.id}" creates resource group "${construct.nameInput}", which the bootstrap stack creates; look it up (platformResourceGroup)`,
          ),
        ];
      }
      if (construct instanceof DataAzurermResourceGroup) {
        const name = construct.nameInput;
        if (name !== undefined && !Token.isUnresolved(name) && !created.has(name)) {
          return [
            problemOf(
              bootstrap,
              `stack "${stack.node.id}" looks up resource group "${name}", which the bootstrap stack does not create (it creates ${[...created].join(", ")})`,
            ),
          ];
        }
      }
      return [];
    }),
  );
}

/** The deployer's delegation names roles; an assignment by id alone would be refused at apply. */
function unnamedRoleProblems(bootstrap: TerraformStack, stacks: readonly TerraformStack[]): string[] {
  return roleAssignments(stacks)
    .filter((assignment) => {
      const name = assignment.roleDefinitionNameInput;
      return name === undefined || Token.isUnresolved(name);
    })
    .map((assignment) =>
      problemOf(
        bootstrap,
        `role assignment ${assignment.node.path} names no literal roleDefinitionName, so the deployer cannot be allowed to assign it`,
      ),
    );
}
