import type { StackDiff } from "./diff";
import { EXTRACTORS } from "./extractors";
import type { PolicyReport } from "./policy-report";
import { redactTree } from "./redact";
import { constructPath, isObject, type JsonObject, resourcesOf, type Stack } from "./synth-dir";
import { formatValue } from "./values";

export interface ReviewInput {
  readonly outdir: string;
  readonly stacks: readonly Stack[];
  /** Undefined when the synth directory has no policy-report.json. */
  readonly policy?: PolicyReport;
  /** Present with --baseline. */
  readonly baseline?: { readonly dir: string; readonly diff: readonly StackDiff[] };
}

/** The whole review as Markdown for a pull-request comment. Stacks are redacted before anything is read. */
export function renderReport(input: ReviewInput): string {
  const stacks = input.stacks.map((stack) => ({ ...stack, tf: redactTree(stack.tf) as JsonObject }));
  return [
    ...header(input.outdir, stacks, input.policy),
    ...policySections(input.policy),
    ...(input.baseline ? changes(input.baseline.dir, input.baseline.diff) : []),
    ...stacks.flatMap(stackSection),
  ].join("\n");
}

function header(outdir: string, stacks: readonly Stack[], policy: PolicyReport | undefined): string[] {
  const resources = stacks.flatMap((stack) => resourcesOf(stack.tf));
  const data = resources.filter((entry) => entry.type.startsWith("data.")).length;
  const errors = policy?.findings.filter((finding) => finding.severity === "error").length ?? 0;
  const policyLine = policy
    ? `Policy: ${errors} error(s), ${policy.findings.length - errors} warning(s), ${policy.suppressions.length} suppression(s).`
    : "Policy: no policy report.";
  return [
    "## Synth review",
    "",
    `${code(outdir)}: ${stacks.length} stack(s), ${resources.length - data} resource(s), ${data} data source(s). ${policyLine}`,
    "",
    "| stack | backend | resources | depends on |",
    "|---|---|---|---|",
    ...stacks.map((stack) =>
      row(
        code(stack.name),
        describeBackend(stack.tf),
        String(resourcesOf(stack.tf).length),
        stack.dependencies.map(code).join(", ") || "-",
      ),
    ),
    "",
  ];
}

function policySections(policy: PolicyReport | undefined): string[] {
  if (!policy) return ["### Policy findings", "", "No policy report (policy-report.json is absent).", ""];
  return [
    "### Policy findings",
    "",
    ...(policy.findings.length === 0
      ? ["None."]
      : [
          "| severity | rule | path | message |",
          "|---|---|---|---|",
          ...policy.findings.map((f) =>
            row(f.severity === "error" ? "**error**" : "warning", f.rule, code(f.path), f.message),
          ),
        ]),
    "",
    "### Policy suppressions",
    "",
    ...(policy.suppressions.length === 0
      ? ["None."]
      : [
          "| rule | path | reason | matched |",
          "|---|---|---|---|",
          ...policy.suppressions.map((s) =>
            row(s.rule, code(s.path), s.reason, s.used === false ? "**nothing: remove it**" : "yes"),
          ),
        ]),
    "",
  ];
}

function changes(baselineDir: string, diff: readonly StackDiff[]): string[] {
  const lines = [`### Changes against ${code(baselineDir)}`, ""];
  if (diff.length === 0) return [...lines, "No changes.", ""];
  for (const stack of diff) {
    lines.push(`#### Stack ${code(stack.name)} (${stack.status})`, "");
    if (stack.added.length > 0) lines.push(`- added: ${stack.added.map(code).join(", ")}`);
    if (stack.removed.length > 0) lines.push(`- removed: ${stack.removed.map(code).join(", ")}`);
    for (const resource of stack.changed) {
      const forcing = resource.attributes
        .filter((change) => change.forcesNew)
        .map((change) => code(change.path));
      const replaced =
        forcing.length > 0 ? ` **REPLACED** (${forcing.join(", ")} forces a new resource)` : "";
      lines.push(`- changed: ${code(resource.address)}${replaced}`);
      for (const change of resource.attributes) {
        const mark = change.forcesNew ? " (forces replacement)" : "";
        lines.push(`  - ${code(change.path)}: ${code(change.before)} -> ${code(change.after)}${mark}`);
      }
    }
    lines.push("");
  }
  return lines;
}

function stackSection(stack: Stack): string[] {
  const resources = resourcesOf(stack.tf);
  const counts = new Map<string, number>();
  for (const entry of resources) counts.set(entry.type, (counts.get(entry.type) ?? 0) + 1);
  const terraform = isObject(stack.tf.terraform) ? stack.tf.terraform : {};
  const providers = isObject(terraform.required_providers)
    ? Object.entries(terraform.required_providers)
    : [];
  const lines = [
    `### Stack ${code(stack.name)}`,
    "",
    `- backend: ${describeBackend(stack.tf)}`,
    `- providers: ${providers.map(([name, p]) => `${name} ${formatValue(isObject(p) ? (p.version ?? "") : p)}`).join(", ") || "-"}`,
    "",
    "| resource type | count |",
    "|---|---|",
    ...[...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, count]) => row(code(type), String(count))),
    "",
  ];
  const summarized = resources.filter((entry) => EXTRACTORS[entry.type]);
  if (summarized.length > 0) {
    lines.push("#### Settings", "");
    for (const entry of summarized) {
      const path = constructPath(entry.body);
      lines.push(`- ${code(entry.address)}${path ? ` (${code(path)})` : ""}`);
      for (const setting of EXTRACTORS[entry.type]?.(entry.body) ?? []) {
        lines.push(`  - ${setting.label}: ${code(setting.value)}`);
      }
    }
    lines.push("");
  }
  const variables = isObject(stack.tf.variable) ? Object.entries(stack.tf.variable) : [];
  if (variables.length > 0) {
    lines.push("#### Variables", "", "| variable | sensitive | ephemeral | default |", "|---|---|---|---|");
    for (const [name, v] of variables) {
      const body = isObject(v) ? v : {};
      const flag = (key: string) => (body[key] === true ? "yes" : "-");
      const fallback = "default" in body ? code(formatValue(body.default)) : "-";
      lines.push(row(code(name), flag("sensitive"), flag("ephemeral"), fallback));
    }
    lines.push("");
  }
  const outputs = isObject(stack.tf.output) ? Object.keys(stack.tf.output) : [];
  if (outputs.length > 0) lines.push(`Outputs: ${outputs.map(code).join(", ")}`, "");
  return lines;
}

/** Where the stack keeps its state: HCP Terraform organization and workspace, or the backend and its location. */
export function describeBackend(tf: JsonObject): string {
  const terraform = isObject(tf.terraform) ? tf.terraform : {};
  const remote = isObject(terraform.cloud) ? terraform.cloud : undefined;
  if (remote) {
    const workspaces = isObject(remote.workspaces) ? remote.workspaces : {};
    const workspace =
      workspaces.name ?? (Array.isArray(workspaces.tags) ? `tags ${workspaces.tags.join(", ")}` : "?");
    return `HCP Terraform: organization ${code(formatValue(remote.organization))}, workspace ${code(formatValue(workspace))}`;
  }
  const backend = isObject(terraform.backend) ? Object.entries(terraform.backend)[0] : undefined;
  if (!backend) return "none (local terraform.tfstate)";
  const [kind, settings] = backend;
  const config = isObject(settings) ? settings : {};
  if (kind === "local") return `local: ${code(formatValue(config.path ?? "terraform.tfstate"))}`;
  const where = ["organization", "storage_account_name", "container_name", "key"]
    .filter((key) => config[key] !== undefined)
    .map((key) => `${key} ${code(formatValue(config[key]))}`);
  return `${kind}${where.length > 0 ? `: ${where.join(", ")}` : ""}`;
}

/** Inline code that survives backticks in the value. */
function code(value: string): string {
  return value.includes("`") ? `\`\` ${value} \`\`` : `\`${value}\``;
}

/** A table row; pipes inside cells are escaped (GitHub honours that inside code spans too). */
function row(...cells: string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\n/g, " ").replace(/\|/g, "\\|")).join(" | ")} |`;
}
