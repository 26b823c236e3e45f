import type { ResourceChange, StackDiff } from "./diff";
import { type Finding, type FindingKind, isStanding } from "./findings";
import { redactTree } from "./redact";
import { kindOf } from "./resource-kinds";
import type { Review } from "./review";
import { plainSubject, type Subject, subjectOf, subjectOfValue } from "./subjects";
import { isObject, type JsonObject, type ResourceEntry, resourcesOf, type Stack } from "./synth-dir";
import { keyOf, type SynthIndex } from "./synth-index";
import { formatValue } from "./values";

/** Findings of one kind shown in the list at the top; the rest are counted and found below. */
const MAX_PER_KIND = 5;
/** Names listed in one line (grouped findings, resources replaced along with a parent). */
const MAX_NAMES = 6;

/** Kinds listed as one line of names when nothing is lost: they carry no reasons of their own. */
const GROUPED: Partial<Record<FindingKind, string>> = {
  destroyed: "",
  "may be replaced": "the provider decides some replacements at plan time: check the plan",
  "replacement unknown": "the review has no force-new list for these types: check the plan",
  rebuilt: "expected: images are built and pushed again, waits run again",
};

/** The review as Markdown for a pull-request comment: verdict, the findings, then folded details per stack. */
export function renderMarkdown(review: Review): string {
  return [
    `## Synth review: ${review.verdict.level}`,
    "",
    `**${capitalize(review.verdict.level)}.** ${review.verdict.text}`,
    "",
    ...review.notes.flatMap((note) => [`> ${note}`, ""]),
    ...findingList(review),
    ...(review.baseline ? changeDetails(review) : overview(review)),
    ...policyDetails(review),
  ].join("\n");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Inline code that survives backticks in the value. */
export function code(value: string): string {
  return value.includes("`") ? `\`\` ${value} \`\`` : `\`${value}\``;
}

function subject({ label, name, attribute }: Subject): string {
  const what = [label, name ? code(name) : ""].filter(Boolean).join(" ");
  return attribute ? `${code(attribute)} of ${what}` : what;
}

function stackOf(finding: { stack?: string }): string {
  return finding.stack ? ` in ${code(finding.stack)}` : "";
}

function changes(finding: Finding): string {
  return finding.changes.map((c) => `${code(c.path)} ${code(c.before)} → ${code(c.after)}`).join(", ");
}

function title(finding: Finding, baseline: boolean): string {
  const lossy = Boolean(finding.loss || finding.along?.some((child) => child.loss));
  switch (finding.kind) {
    case "destroyed":
    case "replaced":
      return `${capitalize(finding.kind)}${lossy ? ", data lost" : ""}`;
    case "may be replaced":
    case "replacement unknown":
      return `${capitalize(finding.kind)}${lossy ? ", data at risk" : ""}`;
    case "access opened":
      return baseline ? `Access opened: ${finding.note}` : `Open: ${finding.note}`;
    case "policy finding":
      return `Policy ${finding.policy?.severity ?? "finding"}`;
    case "grant added":
      return baseline ? "Grant added" : "Grant";
    case "cost":
      return finding.added
        ? "Cost: new"
        : finding.cost === "unknown"
          ? "Cost may change"
          : `Cost ${finding.cost}`;
    case "suppression added":
      return baseline ? "Suppression added" : "Suppression";
    default:
      return capitalize(finding.kind);
  }
}

/** One finding as one list item (and the resources replaced with it below). */
function item(finding: Finding, baseline: boolean): string[] {
  const head = `- **${title(finding, baseline)}**`;
  if (finding.grant) {
    const { role, scope, principal } = finding.grant;
    return [
      `${head} ${code(role)} on ${subject(scope)} to ${subject(principal)}${stackOf(finding)}: ${changes(finding)}`,
    ];
  }
  if (finding.policy) {
    const { rule, path, text } = finding.policy;
    const stale = finding.kind === "stale suppression" ? " (it matched nothing: remove it)" : "";
    return [`${head} ${code(rule)} at ${code(path)}: ${text}${stale}`];
  }
  const what = finding.subject ? ` ${subject(finding.subject)}` : "";
  const detail = [
    finding.added ? newValues(finding) : changes(finding),
    finding.loss ? capitalize(finding.loss) : "",
    finding.kind === "access opened" ? "" : capitalize(finding.note ?? ""),
  ].filter(Boolean);
  const lines = [`${head}${what}${stackOf(finding)}${detail.length > 0 ? `: ${detail.join(". ")}.` : ""}`];
  const along = finding.along ?? [];
  const lossy = along.filter((c) => c.loss);
  const lossyKeys = new Set(lossy.map(keyOf));
  // Stateful children of a stateful child (a vault's secrets, a server's databases) are counted on its line.
  for (const child of lossy.filter((c) => !lossyKeys.has(keyOf(c.parent)))) {
    const inside = lossy.filter((c) => keyOf(c.parent) === keyOf(child));
    const labels = [...new Set(inside.map((c) => c.subject.label))];
    const count = labels.map(
      (label) => `${inside.filter((c) => c.subject.label === label).length} × ${label}`,
    );
    const and = inside.length > 0 ? ` and what is in it (${count.join(", ")})` : "";
    lines.push(
      `  - with it: ${subject(child.subject)}${and}${stackOf(child)}: ${capitalize(child.loss ?? "")}.`,
    );
  }
  const rest = along.filter((c) => !c.loss);
  if (rest.length > 0) lines.push(`  - with it: ${names(rest.map((c) => c.subject))}`);
  return lines;
}

/** The values of a new resource's cost settings, without the "(absent) →". */
function newValues(finding: Finding): string {
  return finding.changes.map((c) => `${code(c.path)} ${code(c.after)}`).join(", ");
}

/** Subjects in a line, each with its stack when the line spans stacks; at most MAX_NAMES. */
function names(subjects: readonly (Subject & { stack?: string })[]): string {
  const shown = subjects
    .slice(0, MAX_NAMES)
    .map((s) => `${subject(s)}${s.stack ? ` (${code(s.stack)})` : ""}`)
    .join(", ");
  return subjects.length > MAX_NAMES ? `${shown} and ${subjects.length - MAX_NAMES} more` : shown;
}

/**
 * Grants of one principal, grouped by role ("role on scope, scope; role on scope") or, when
 * several roles share fewer scopes (database privileges), by scope ("on scope: role, role").
 */
function grantsText(grants: readonly NonNullable<Finding["grant"]>[]): string {
  const group = (key: (grant: NonNullable<Finding["grant"]>) => string) => {
    const groups = new Map<string, NonNullable<Finding["grant"]>[]>();
    for (const grant of grants) groups.set(key(grant), [...(groups.get(key(grant)) ?? []), grant]);
    return [...groups.values()];
  };
  const byRole = group((grant) => grant.role);
  const byScope = group((grant) => plainSubject(grant.scope));
  if (byScope.length < byRole.length) {
    return byScope
      .map(
        (list) =>
          `on ${subject(list[0]?.scope ?? { label: "", name: "" })}: ${list.map((g) => code(g.role)).join(", ")}`,
      )
      .join("; ");
  }
  return byRole
    .map((list) => `${code(list[0]?.role ?? "")} on ${list.map((g) => subject(g.scope)).join(", ")}`)
    .join("; ");
}

/** A line of the list: one finding, or findings of one kind shown together. */
interface ListItem {
  readonly kind: FindingKind;
  readonly lines: readonly string[];
}

/**
 * The list at the top, most dangerous first: grants added or removed together per principal;
 * replacements without loss or reasons of their own as one line of names per kind; at most
 * MAX_PER_KIND items per kind.
 */
function findingList(review: Review): string[] {
  const baseline = Boolean(review.baseline);
  const findings = baseline ? review.findings : review.findings.filter(isStanding);
  if (findings.length === 0) return [];
  const items: ListItem[] = [];
  const done = new Set<Finding>();
  for (const finding of findings) {
    if (done.has(finding)) continue;
    const grouped = finding.kind in GROUPED && !finding.loss && !finding.along?.length;
    const together = findings.filter((other) =>
      grouped
        ? other.kind === finding.kind && !other.loss && !other.along?.length
        : (finding.kind === "grant added" || finding.kind === "grant removed") &&
          other.kind === finding.kind &&
          other.stack === finding.stack &&
          plainSubject(other.grant?.principal ?? { label: "", name: "" }) ===
            plainSubject(finding.grant?.principal ?? { label: "", name: "" }),
    );
    for (const other of together) done.add(other);
    const head = `- **${title(finding, baseline)}**`;
    if (grouped) {
      const why = GROUPED[finding.kind] ? ` (${GROUPED[finding.kind]})` : "";
      const stacks = new Set(together.map((f) => f.stack));
      const subjects = together.map((f) => {
        const own = f.subject ?? { label: "", name: "" };
        return stacks.size > 1 && f.stack ? { ...own, stack: f.stack } : own;
      });
      items.push({ kind: finding.kind, lines: [`${head}${why}: ${names(subjects)}`] });
    } else if (together.length > 0 && finding.grant) {
      const grants = together.flatMap((f) => (f.grant ? [f.grant] : []));
      const to = `to ${subject(finding.grant.principal)}${stackOf(finding)}`;
      items.push({ kind: finding.kind, lines: [`${head} ${to}: ${grantsText(grants)}`] });
    } else {
      items.push({ kind: finding.kind, lines: item(finding, baseline) });
    }
  }
  const shown = new Map<FindingKind, number>();
  const lines: string[] = [];
  for (const listItem of items) {
    const count = shown.get(listItem.kind) ?? 0;
    shown.set(listItem.kind, count + 1);
    if (count < MAX_PER_KIND) lines.push(...listItem.lines);
  }
  for (const [kind, count] of shown) {
    if (count > MAX_PER_KIND)
      lines.push(`- and ${count - MAX_PER_KIND} more “${kind}” below (all of them in --format json)`);
  }
  const heading = baseline ? "### What to check, most dangerous first" : "### As it stands";
  return [heading, "", ...lines, ""];
}

/** With a baseline: per changed stack, folded, what is added, removed and changed attribute by attribute. */
function changeDetails(review: Review): string[] {
  const { diff } = review;
  const unchanged = review.current.stacks.filter((stack) => !diff.stacks.some((s) => s.name === stack.name));
  const lines: string[] = [];
  if (unchanged.length > 0 && diff.stacks.length > 0)
    lines.push(`Unchanged: ${unchanged.map((stack) => code(stack.name)).join(", ")}.`, "");
  for (const stack of diff.stacks) lines.push(...stackChanges(review, stack));
  return lines;
}

function stackChanges(review: Review, stack: StackDiff): string[] {
  const { before, after } = review.diff;
  const counts = [
    stack.changed.length > 0 ? `${stack.changed.length} changed` : "",
    stack.added.length > 0 ? `${stack.added.length} added` : "",
    stack.removed.length > 0 ? `${stack.removed.length} removed` : "",
  ].filter(Boolean);
  const list = (index: SynthIndex, addresses: readonly string[]) =>
    addresses
      .map((address) => `${subject(subjectOf(index, { stack: stack.name, address }))} (${code(address)})`)
      .join(", ");
  const lines = [
    `<details><summary><code>${stack.name}</code> (${stack.status}): ${counts.join(", ")}</summary>`,
    "",
  ];
  if (stack.added.length > 0) lines.push(`- added: ${list(after, stack.added)}`);
  if (stack.removed.length > 0) lines.push(`- removed: ${list(before, stack.removed)}`);
  const withParent = stack.changed.filter((change) => change.parent && change.attributes.length === 0);
  for (const change of stack.changed.filter((c) => !withParent.includes(c))) {
    lines.push(...resourceChange(review, stack.name, change));
  }
  if (withParent.length > 0) {
    const grouped = new Map<string, ResourceChange[]>();
    for (const change of withParent) {
      const parent = change.parent ? subject(subjectOf(after, change.parent)) : "?";
      grouped.set(parent, [...(grouped.get(parent) ?? []), change]);
    }
    for (const [parent, children] of grouped) {
      const list = children.map((change) =>
        subject(subjectOf(after, { stack: stack.name, address: change.address })),
      );
      lines.push(
        `- ${children[0]?.replacement ?? "replaced"} with their parent ${parent}: ${list.join(", ")}`,
      );
    }
  }
  return [...lines, "", "</details>", ""];
}

function resourceChange(review: Review, stack: string, change: ResourceChange): string[] {
  const key = { stack, address: change.address };
  const how =
    change.replacement === "in place"
      ? ""
      : change.parent
        ? ` **${change.replacement}** with its parent ${subject(subjectOf(review.diff.after, change.parent))}`
        : ` **${change.replacement}**`;
  const moved = change.from
    ? ` (was ${code(change.from)}${change.readdressed ? ", no moved block" : ", moved"})`
    : "";
  const lines = [
    `- changed: ${subject(subjectOf(review.diff.after, key))} (${code(change.address)})${moved}${how}`,
  ];
  for (const attribute of change.attributes) {
    const mark = attribute.forcesNew
      ? " (forces replacement)"
      : attribute.ignored
        ? " (ignored: lifecycle.ignore_changes)"
        : "";
    lines.push(`  - ${code(attribute.path)}: ${code(attribute.before)} → ${code(attribute.after)}${mark}`);
  }
  return lines;
}

/**
 * Without a baseline: per stack, folded, its backend and the settings a reviewer reads first.
 * Names and references come from the synth; settings only from its redacted copy.
 */
function overview(review: Review): string[] {
  const index = review.diff.after;
  const stacks = review.current.stacks;
  // Stacks usually keep their state the same way, under their own name: then one line says it.
  const backends = new Set(
    stacks.map((stack) => describeBackend(stack.tf).replaceAll(stack.name, "<stack>")),
  );
  const [backend] = backends;
  const shared = backends.size === 1 && stacks.length > 1 ? backend : undefined;
  return [
    ...(shared ? [`State of every stack: ${shared}.`, ""] : []),
    ...stacks
      .map((stack) => ({ ...stack, tf: redactTree(stack.tf) as JsonObject }))
      .flatMap((stack) => stackOverview(index, stack, !shared)),
  ];
}

function stackOverview(index: SynthIndex, stack: Stack, showBackend: boolean): string[] {
  const entries = resourcesOf(stack.tf);
  const resources = entries.filter((entry) => !entry.type.startsWith("data."));
  const dependencies = stack.dependencies.length > 0 ? `, after ${stack.dependencies.join(", ")}` : "";
  const describe = (value: unknown) => subject(subjectOfValue(index, stack.name, value));
  const byType = new Map<string, typeof resources>();
  for (const entry of resources) byType.set(entry.type, [...(byType.get(entry.type) ?? []), entry]);
  const lines = [
    `<details><summary><code>${stack.name}</code>: ${resources.length} resources${dependencies}</summary>`,
    "",
    ...(showBackend ? [`- state: ${describeBackend(stack.tf)}`] : []),
  ];
  const others: string[] = [];
  const grants: NonNullable<Finding["grant"]>[] = [];
  for (const [type, list] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const kind = kindOf(type);
    const read = kind.grant;
    if (read) {
      for (const entry of list) {
        const grant = read(entry.body);
        const scope = subjectOfValue(index, stack.name, grant.scope);
        grants.push({
          role: formatValue(grant.role),
          scope,
          principal: subjectOfValue(index, stack.name, grant.principal),
        });
      }
    } else if (kind.quiet || (!kind.facts && kind.label === type)) {
      others.push(`${list.length} × ${kind.label === type ? code(type) : kind.label}`);
    } else {
      const count = list.length > 1 ? ` ×${list.length}` : "";
      lines.push(`- ${kind.label}${count}: ${typeOverview(index, stack.name, list, describe)}`);
    }
  }
  const principals = new Map<string, { principal: Subject; grants: NonNullable<Finding["grant"]>[] }>();
  for (const grant of grants) {
    const key = plainSubject(grant.principal);
    const group = principals.get(key) ?? { principal: grant.principal, grants: [] };
    principals.set(key, { ...group, grants: [...group.grants, grant] });
  }
  for (const { principal, grants: granted } of principals.values()) {
    lines.push(`- grants to ${subject(principal)}: ${grantsText(granted)}`);
  }
  if (others.length > 0) lines.push(`- also: ${others.join(", ")}`);
  return [...lines, "", "</details>", ""];
}

/**
 * The resources of one type in a stack on one line: names (a prefix they share written once) and
 * facts (written once when they are the same for all).
 */
function typeOverview(
  index: SynthIndex,
  stack: string,
  list: readonly ResourceEntry[],
  describe: (value: unknown) => string,
): string {
  const kind = kindOf(list[0]?.type ?? "");
  const facts = list.map((entry) => kind.facts?.(entry.body, describe) ?? []);
  if (kind.factsOnly) return facts.map((f) => f.join(", ")).join("; ");
  const same = list.length > 1 && facts.every((f) => f.join() === facts[0]?.join());
  const names = list.map((entry) => subjectOf(index, { stack, address: entry.address }).name || entry.id);
  const prefix = sharedPrefix(names);
  const shown = names.map((name, i) => {
    const own = facts[i] ?? [];
    return `${code(name.slice(prefix.length))}${!same && own.length > 0 ? ` (${own.join(", ")})` : ""}`;
  });
  const common = same && (facts[0]?.length ?? 0) > 0 ? ` (each: ${facts[0]?.join(", ")})` : "";
  return `${prefix ? `${code(`${prefix}…`)} ` : ""}${shown.join(same || prefix ? ", " : "; ")}${common}`;
}

/** The prefix of three or more names up to a separator, when it is long enough to be worth writing once. */
function sharedPrefix(names: readonly string[]): string {
  if (names.length < 3) return "";
  let prefix = names[0] ?? "";
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = Math.max(prefix.lastIndexOf("-"), prefix.lastIndexOf("/"), prefix.lastIndexOf("_"));
  prefix = prefix.slice(0, cut + 1);
  return prefix.length >= 8 && names.every((name) => name.length > prefix.length) ? prefix : "";
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

/** Every policy finding and suppression of the synth, folded: the list above shows only the new ones. */
function policyDetails(review: Review): string[] {
  const policy = review.current.policy;
  if (!policy) return ["No policy report (policy-report.json is absent)."];
  const total = policy.findings.length + policy.suppressions.length;
  if (total === 0) return ["Policy: no findings, no suppressions."];
  return [
    `<details><summary>Policy: ${policy.findings.length} finding(s), ${policy.suppressions.length} suppression(s)</summary>`,
    "",
    ...policy.findings.map((f) => `- ${f.severity} ${f.rule} at ${code(f.path)}: ${f.message}`),
    ...policy.suppressions.map(
      (s) =>
        `- suppressed ${s.rule} at ${code(s.path)}: ${s.reason}${s.used === false ? " (**matched nothing: remove it**)" : ""}`,
    ),
    "",
    "</details>",
  ];
}
