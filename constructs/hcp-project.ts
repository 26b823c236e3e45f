import { Construct } from "constructs";
import { isUnresolved, type PropProblem, validationMessages } from "./problems";
import { TfeProject } from "./providers";

/** HCP Terraform's organization names: letters, digits, '-' and '_'. */
export const HCP_ORGANIZATION_PATTERN = /^[A-Za-z0-9_-]+$/;
/** The tfe provider's project name rule (3-40 characters; spaces only inside). */
export const HCP_PROJECT_PATTERN = /^[\w-][\w -]+[\w-]$/;
export const HCP_PROJECT_NAME_MIN = 3;
export const HCP_PROJECT_NAME_MAX = 40;

export interface HcpProjectProps {
  /** HCP Terraform organization the project belongs to: letters, digits, '-' and '_'. */
  readonly organization: string;
  /** Project name: 3-40 letters, digits, '-', '_' and inner spaces. */
  readonly name: string;
  /** @default no description */
  readonly description?: string;
}

/** What HCP Terraform would refuse in an organization or project name (each checked when given). */
export function hcpProjectProblems(
  props: Partial<Pick<HcpProjectProps, "organization" | "name">>,
): PropProblem[] {
  const problems: PropProblem[] = [];
  const { organization, name } = props;
  if (
    organization !== undefined &&
    !isUnresolved(organization) &&
    !HCP_ORGANIZATION_PATTERN.test(organization)
  ) {
    problems.push({
      prop: ["organization"],
      value: organization,
      rule: "must be letters, digits, '-' and '_' (an HCP Terraform organization name)",
    });
  }
  if (
    name !== undefined &&
    !isUnresolved(name) &&
    (name.length < HCP_PROJECT_NAME_MIN ||
      name.length > HCP_PROJECT_NAME_MAX ||
      !HCP_PROJECT_PATTERN.test(name))
  ) {
    problems.push({
      prop: ["name"],
      value: name,
      rule: `must be ${HCP_PROJECT_NAME_MIN}-${HCP_PROJECT_NAME_MAX} letters, digits, '-', '_' and inner spaces (an HCP Terraform project name)`,
    });
  }
  return problems;
}

/**
 * An HCP Terraform project: the folder of the platform's workspaces. Its name is part of every
 * run's identity token (`organization:<org>:project:<project>:workspace:...`), so renaming it
 * breaks the workspaces' federated credentials until they are re-created.
 */
export class HcpProject extends Construct {
  /** Escape hatch: the `tfe_project` resource. */
  readonly resource: TfeProject;
  readonly organization: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: HcpProjectProps) {
    super(scope, id);
    this.node.addValidation({
      validate: () => validationMessages("HcpProject", this, hcpProjectProblems(props)),
    });
    this.organization = props.organization;
    this.name = props.name;
    this.resource = new TfeProject(this, "project", {
      organization: props.organization,
      name: props.name,
      description: props.description,
    });
  }

  /** Project id (`prj-...`), for `project_id`. */
  get id(): string {
    return this.resource.id;
  }
}
