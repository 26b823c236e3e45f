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
    // cdktf's closing hint ("pass skipValidation: true") would invite ignoring the problems.
    const problems = error.message
      .split("\n")
      .slice(1)
      .filter((line) => line.trim() !== "" && !line.includes("skipValidation"));
    return `Invalid construct properties:\n${problems.join("\n")}`;
  }
  return undefined;
}
