import { TerraformVariable } from "cdktf";
import type { Construct } from "constructs";

/**
 * A Terraform input variable for a secret value: sensitive (redacted in plans and logs) and
 * ephemeral (Terraform >= 1.10 keeps it out of plan files and state). Its value arrives at
 * deploy time (`TF_VAR_<name>`, or a sensitive HCP Terraform workspace variable) and is only
 * ever written through write-only attributes such as a Key Vault secret's `value_wo`.
 */
export function secretVariable(scope: Construct, name: string, description: string): TerraformVariable {
  const variable = new TerraformVariable(scope, name, {
    type: "string",
    sensitive: true,
    nullable: false,
    description,
  });
  variable.addOverride("ephemeral", true);
  return variable;
}
