import { Construct } from "constructs";
import type { HcpProject } from "./hcp-project";
import { isUnresolved, type PropProblem, validationMessages } from "./problems";
import { TfeRunTrigger, TfeVariable, TfeWorkspace, TfeWorkspaceSettings } from "./providers";

/** HCP Terraform refuses longer workspace names. */
export const HCP_WORKSPACE_NAME_MAX = 90;
export const HCP_WORKSPACE_PATTERN = /^[A-Za-z0-9_-]+$/;
/** The run phases an HCP Terraform run identity token names in its subject. */
export const HCP_RUN_PHASES = ["plan", "apply"] as const;
export type HcpRunPhase = (typeof HCP_RUN_PHASES)[number];

export interface HcpWorkspaceProps {
  /** The project the workspace lives in; its organization and name are part of the run subjects. */
  readonly project: HcpProject;
  /** Workspace name: 1-90 letters, digits, '-' and '_'. */
  readonly name: string;
  /** Terraform version, or a constraint such as "~> 1.11", of the workspace's runs. @default HCP Terraform's latest release */
  readonly terraformVersion?: string;
  /** Apply a successful plan without confirmation, runs started by run triggers included. @default false */
  readonly autoApply?: boolean;
  /**
   * "remote": plans and applies run on HCP Terraform; "local": HCP Terraform only keeps the
   * state and `terraform` runs where it is called (e.g. next to a Docker daemon).
   * Set explicitly, so an organization's default cannot switch it. @default "remote"
   */
  readonly executionMode?: "remote" | "local";
  /** @default no description */
  readonly description?: string;
}

/** What HCP Terraform would refuse in a workspace name. */
export function hcpWorkspaceProblems(props: Pick<HcpWorkspaceProps, "name">): PropProblem[] {
  const { name } = props;
  if (isUnresolved(name)) return [];
  if (name.length <= HCP_WORKSPACE_NAME_MAX && HCP_WORKSPACE_PATTERN.test(name)) return [];
  return [
    {
      prop: ["name"],
      value: name,
      rule: `must be 1-${HCP_WORKSPACE_NAME_MAX} letters, digits, '-' and '_' (an HCP Terraform workspace name; this one has ${name.length} characters)`,
    },
  ];
}

/**
 * An HCP Terraform workspace of one stack: its Terraform version, execution mode and apply
 * policy, its variables, and the run triggers that queue a run after another workspace applies.
 * No other workspace may read its state (`global_remote_state` off, no consumers): stacks find
 * each other's resources by name, never through state.
 */
export class HcpWorkspace extends Construct {
  /** Escape hatch: the `tfe_workspace` resource. */
  readonly resource: TfeWorkspace;
  readonly project: HcpProject;
  readonly name: string;

  constructor(scope: Construct, id: string, props: HcpWorkspaceProps) {
    super(scope, id);
    this.node.addValidation({
      validate: () => validationMessages("HcpWorkspace", this, hcpWorkspaceProblems(props)),
    });
    this.project = props.project;
    this.name = props.name;
    const autoApply = props.autoApply ?? false;
    this.resource = new TfeWorkspace(this, "workspace", {
      organization: props.project.organization,
      projectId: props.project.id,
      name: props.name,
      description: props.description,
      terraformVersion: props.terraformVersion,
      autoApply,
      autoApplyRunTrigger: autoApply,
    });
    new TfeWorkspaceSettings(this, "settings", {
      workspaceId: this.resource.id,
      executionMode: props.executionMode ?? "remote",
      globalRemoteState: false,
    });
  }

  /** Workspace id (`ws-...`). */
  get id(): string {
    return this.resource.id;
  }

  /**
   * The subject of this workspace's run identity token in `phase`, as HCP Terraform writes it:
   * `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<phase>`.
   */
  runSubject(phase: HcpRunPhase): string {
    return `organization:${this.project.organization}:project:${this.project.name}:workspace:${this.name}:run_phase:${phase}`;
  }

  /** An environment variable of every run (not sensitive: the value is in the JSON). */
  addEnvironmentVariable(key: string, value: string, description?: string): TfeVariable {
    return new TfeVariable(this, `env-${key}`, {
      workspaceId: this.id,
      category: "env",
      key,
      value,
      description,
    });
  }

  /**
   * A sensitive Terraform variable whose value a person fills in (UI or API); the value is never
   * in the JSON nor written by Terraform. Created empty; `ignore_changes` on the value keeps
   * every later plan from touching what the person entered.
   */
  addSecretVariable(key: string, description: string): TfeVariable {
    return new TfeVariable(this, `secret-${key}`, {
      workspaceId: this.id,
      category: "terraform",
      key,
      sensitive: true,
      description,
      lifecycle: { ignoreChanges: ["value"] },
    });
  }

  /** Queues a run in this workspace whenever `source` applies (a run trigger). */
  addRunTrigger(source: HcpWorkspace): TfeRunTrigger {
    return new TfeRunTrigger(this, `after-${source.node.id}`, {
      workspaceId: this.id,
      sourceableId: source.id,
    });
  }
}
