import { Construct, type IConstruct } from "constructs";
import { Grant, GrantRecord, grantId, grantRole, type IGrantable } from "./grant";
import { HCP_RUN_PHASES, type HcpWorkspace } from "./hcp-workspace";
import { isUnresolved, type PropProblem, validationMessages } from "./problems";
import { AzFederatedIdentityCredential, AzRoleAssignment, AzUserAssignedIdentity } from "./providers";
import type { IResourceGroup } from "./resource-group";

/** The audience Entra ID expects in a federated token, for HCP Terraform and GitHub Actions alike. */
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
/** Issuer of HCP Terraform's run identity tokens (app.terraform.io). */
export const HCP_TERRAFORM_ISSUER = "https://app.terraform.io";
/** Issuer of GitHub Actions' OIDC tokens. */
export const GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";
/** Entra ID takes at most 20 federated identity credentials per user-assigned identity. */
export const MAX_FEDERATED_CREDENTIALS = 20;
/** `owner/repository`, as GitHub names a repository (and GITHUB_REPOSITORY holds it). */
export const GITHUB_REPOSITORY_PATTERN = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
/** What the deployer does on a platform resource group. */
export const DEPLOY_ROLE = "Contributor";
/** Lets the deployer assign roles; a condition narrows it to the roles the platform assigns. */
export const RBAC_ADMINISTRATOR_ROLE = "Role Based Access Control Administrator";

/** A role the deployer may assign: its built-in name and its definition GUID. */
export interface AssignableRole {
  readonly name: string;
  /** Role definition GUID (a literal or a Terraform reference, e.g. a `data.azurerm_role_definition`). */
  readonly definitionId: string;
}

export interface DeployerIdentityProps {
  /** Identity name (3-128 characters). */
  readonly name: string;
  /**
   * Where the identity lives. Keep it out of the groups the deployer may change: whoever can
   * write to this group can add federated credentials to the identity, i.e. act as it.
   */
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** What Entra ID would refuse among the identity's federated credentials. */
export function federatedCredentialProblems(count: number, repositories: readonly string[]): PropProblem[] {
  const problems: PropProblem[] = [];
  if (count > MAX_FEDERATED_CREDENTIALS) {
    problems.push({
      prop: ["federatedCredentials"],
      value: count,
      rule: `exceeds the ${MAX_FEDERATED_CREDENTIALS} federated identity credentials a user-assigned identity can hold`,
    });
  }
  return [...problems, ...repositories.flatMap(githubRepositoryProblems)];
}

/** The problem with a GitHub repository name, which a federated credential's subject carries. */
export function githubRepositoryProblems(repository: string): PropProblem[] {
  if (isUnresolved(repository) || GITHUB_REPOSITORY_PATTERN.test(repository)) return [];
  return [{ prop: ["repository"], value: repository, rule: 'must be a GitHub repository as "owner/name"' }];
}

/**
 * The Azure role assignment condition (ABAC, version 2.0) that lets a holder of "Role Based
 * Access Control Administrator" create and delete assignments of the given role definitions
 * only: Microsoft's "constrain roles" delegation pattern, one clause per action because the
 * write is checked on the request and the delete on the existing assignment.
 */
export function delegationCondition(roleDefinitionIds: readonly string[]): string {
  const ids = roleDefinitionIds.join(", ");
  const clause = (action: "write" | "delete", source: "Request" | "Resource") =>
    `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/${action}'})) OR ` +
    `(@${source}[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${ids}}))`;
  return `${clause("write", "Request")} AND ${clause("delete", "Resource")}`;
}

/**
 * The identity that deploys the platform, with no stored secret: a user-assigned managed
 * identity that HCP Terraform runs and GitHub Actions jobs sign in as through federated
 * identity credentials (OIDC). It may change the platform's resource groups and assign only
 * the roles the platform itself assigns.
 *
 * Its federated credentials are created one after another: Entra ID refuses concurrent
 * credential writes to one identity, and Terraform would otherwise create them in parallel.
 */
export class DeployerIdentity extends Construct implements IGrantable {
  /** Escape hatch: the `azurerm_user_assigned_identity` resource. */
  readonly resource: AzUserAssignedIdentity;
  readonly principalType = "ServicePrincipal";
  readonly grants: GrantRecord;
  private readonly credentials: AzFederatedIdentityCredential[] = [];
  private readonly repositories: string[] = [];

  constructor(scope: Construct, id: string, props: DeployerIdentityProps) {
    super(scope, id);
    this.grants = new GrantRecord(this, "60s");
    this.resource = new AzUserAssignedIdentity(this, "identity", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      tags: props.tags,
    });
    this.node.addValidation({
      validate: () =>
        validationMessages(
          "DeployerIdentity",
          this,
          federatedCredentialProblems(this.credentials.length, this.repositories),
        ),
    });
  }

  /** Object id in Entra ID, for role assignments. */
  get principalId(): string {
    return this.resource.principalId;
  }

  /** Application (client) id: what HCP Terraform (TFC_AZURE_RUN_CLIENT_ID) and azure/login sign in with. */
  get clientId(): string {
    return this.resource.clientId;
  }

  /** The federated credentials, in creation order. */
  get federatedCredentials(): readonly AzFederatedIdentityCredential[] {
    return this.credentials;
  }

  /** Lets the workspace's runs sign in as this identity, in the plan and the apply phase. */
  trustHcpWorkspace(workspace: HcpWorkspace): AzFederatedIdentityCredential[] {
    return HCP_RUN_PHASES.map((phase) =>
      this.addCredential(`hcp-${workspace.name}-${phase}`, HCP_TERRAFORM_ISSUER, workspace.runSubject(phase)),
    );
  }

  /** Lets GitHub Actions jobs of `repository` ("owner/name") that run in `environment` sign in as this identity. */
  trustGitHubEnvironment(repository: string, environment: string): AzFederatedIdentityCredential {
    this.repositories.push(repository);
    return this.addCredential(
      `github-${environment}`,
      GITHUB_ACTIONS_ISSUER,
      `repo:${repository}:environment:${environment}`,
    );
  }

  /**
   * Lets the identity deploy into `resourceGroup`: Contributor, plus "Role Based Access Control
   * Administrator" limited by {@link delegationCondition} to `assignableRoles` (no assignment
   * at all when that list is empty).
   * @param resourceGroup the group's construct (for the grant's id) and its resource id
   */
  grantDeployTo(
    resourceGroup: IConstruct & { readonly id: string },
    assignableRoles: readonly AssignableRole[],
  ): Grant[] {
    const deploy = grantRole(this, resourceGroup, resourceGroup.id, DEPLOY_ROLE);
    if (assignableRoles.length === 0) return [deploy];
    const names = assignableRoles.map((role) => role.name).join(", ");
    const assignment = new AzRoleAssignment(this, grantId(RBAC_ADMINISTRATOR_ROLE, resourceGroup), {
      scope: resourceGroup.id,
      roleDefinitionName: RBAC_ADMINISTRATOR_ROLE,
      principalId: this.principalId,
      principalType: this.principalType,
      condition: delegationCondition(assignableRoles.map((role) => role.definitionId)),
      conditionVersion: "2.0",
      description: `May assign only: ${names}; managed by cdktf`,
    });
    const delegate = new Grant(this, RBAC_ADMINISTRATOR_ROLE, resourceGroup.id, assignment);
    this.grants.add(delegate);
    return [deploy, delegate];
  }

  private addCredential(name: string, issuer: string, subject: string): AzFederatedIdentityCredential {
    const previous = this.credentials.at(-1);
    const credential = new AzFederatedIdentityCredential(this, name, {
      name,
      resourceGroupName: this.resource.resourceGroupName,
      parentId: this.resource.id,
      issuer,
      subject,
      audience: [AZURE_TOKEN_EXCHANGE_AUDIENCE],
      dependsOn: previous ? [previous] : undefined,
    });
    this.credentials.push(credential);
    return credential;
  }
}
