import { TerraformBackend, type TerraformRemoteState } from "cdktf";
import type { Construct } from "constructs";

export interface HcpCloudBackendProps {
  /** The HCP Terraform organization. */
  readonly organization: string;
  /** The one workspace that holds the stack's state. */
  readonly workspace: string;
}

/**
 * The `cloud` block of a stack, `{ organization, workspaces: { name } }`, as cdktf's
 * `CloudBackend` writes it, without the check that `CloudBackend` adds: a run of the local
 * `terraform version` at every synth, once per stack. That check costs 40-50 ms a stack, fails
 * the synth on a machine without Terraform (a CI job that only synthesizes and hands the JSON to
 * HCP Terraform), and proves nothing: the workspaces run the Terraform version they are pinned to
 * (see the bootstrap stack), not the one of the machine that synthesized.
 */
export class HcpCloudBackend extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly props: HcpCloudBackendProps,
  ) {
    super(scope, "backend", "cloud");
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { organization: this.props.organization, workspaces: { name: this.props.workspace } };
  }

  /** The base class writes `terraform.backend.cloud`, overrides merged in; Terraform wants `terraform.cloud`. */
  override toTerraform(): Record<string, unknown> {
    return { terraform: { cloud: super.toTerraform().terraform.backend.cloud } };
  }

  override toMetadata(): Record<string, unknown> {
    return { ...super.toMetadata(), cloud: "tfc" };
  }

  /** Stacks find each other's resources by name through data sources, never through state. */
  getRemoteStateDataSource(_scope: Construct, _name: string, fromStack: string): TerraformRemoteState {
    throw new Error(
      `a reference from another stack to ${fromStack} would read its state; stacks of this platform look each other's resources up by name`,
    );
  }
}
