import { ConfigError } from "../config/config-error";
import { PolicyError } from "../policies/policy-report";

/**
 * The message for a failed synth, or undefined for a bug. Bad input (config, variables,
 * construct props) is reported as a list of problems without a stack trace; anything else is
 * a defect and keeps its stack.
 */
export function failureMessage(error: unknown): string | undefined {
  if (error instanceof ConfigError || error instanceof PolicyError) return error.message;
  // cdktf's App.synth() runs every construct's validations and throws them together.
  if (error instanceof Error && error.message.startsWith("Validation failed with the following errors")) {
    return `Invalid construct properties:\n${error.message.split("\n").slice(1).join("\n")}`;
  }
  return undefined;
}
