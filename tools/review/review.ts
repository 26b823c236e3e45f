import { diffSynth, type SynthDiff } from "./diff";
import { type Finding, findingsOf, isStanding } from "./findings";
import type { PolicyReport } from "./policy-report";
import { AZURERM_TABLE_VERSION } from "./replacement";
import { kindOf } from "./resource-kinds";
import { isObject, resourcesOf, type Stack } from "./synth-dir";

/** A synth directory as read: its stacks and its policy report (undefined when it has none). */
export interface SynthInput {
  readonly dir: string;
  readonly stacks: readonly Stack[];
  readonly policy?: PolicyReport;
}

/** How worrying the findings are, for the first line of the report. */
export type VerdictLevel = "high risk" | "needs review" | "low risk" | "no changes";

/** Everything the report shows, in Markdown or JSON. */
export interface Review {
  readonly current: SynthInput;
  readonly baseline?: SynthInput;
  readonly verdict: { readonly level: VerdictLevel; readonly text: string };
  /** Most dangerous first. Without a baseline: what is open, granted and costly in the synth as it is. */
  readonly findings: readonly Finding[];
  /** Against the baseline; without one, against an empty synth (everything added). */
  readonly diff: SynthDiff;
  /** Things the reader should know about the review itself. */
  readonly notes: readonly string[];
}

export function buildReview(current: SynthInput, baseline?: SynthInput): Review {
  const diff = diffSynth(baseline?.stacks ?? [], current.stacks);
  const findings = findingsOf({
    diff,
    ...(current.policy ? { policy: current.policy } : {}),
    ...(baseline?.policy ? { baselinePolicy: baseline.policy } : {}),
  });
  return {
    current,
    ...(baseline ? { baseline } : {}),
    verdict: verdictOf(current, baseline, diff, findings),
    findings,
    diff,
    notes: notes(current, baseline),
  };
}

/** Findings of these kinds put a review at "high risk": data may be lost or access was opened. */
function levelOf(findings: readonly Finding[]): VerdictLevel {
  const worst = Math.min(...findings.map((finding) => finding.rank));
  if (worst < 20) return "high risk";
  return worst < 70 ? "needs review" : "low risk";
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The verdict's reasons: how many findings of each group, in the order of the list. */
function reasons(findings: readonly Finding[]): string[] {
  const count = (test: (finding: Finding) => boolean) => findings.filter(test).length;
  const lossy = findings.reduce(
    (sum, finding) =>
      sum +
      (finding.loss && finding.kind !== "secret rotated" ? 1 : 0) +
      (finding.along?.filter((child) => child.loss).length ?? 0),
    0,
  );
  /** Findings of these kinds, and the resources replaced along with them. */
  const withAlong = (...kinds: string[]) =>
    findings
      .filter((f) => kinds.includes(f.kind))
      .reduce((sum, finding) => sum + 1 + (finding.along?.length ?? 0), 0);
  const groups: [number, (n: number) => string][] = [
    [lossy, (n) => `${plural(n, "stateful resource")} may lose data`],
    [withAlong("destroyed", "replaced"), (n) => `${n} destroyed or replaced`],
    [withAlong("may be replaced", "replacement unknown"), (n) => `${n} may be replaced`],
    [count((f) => f.kind === "protection removed"), () => "destroy protection removed"],
    [count((f) => f.kind === "access opened"), (n) => plural(n, "access opening")],
    [count((f) => f.kind === "policy finding"), (n) => plural(n, "policy finding")],
    [count((f) => f.kind.startsWith("grant")), (n) => plural(n, "grant")],
    [count((f) => f.kind === "secret rotated"), (n) => `${plural(n, "secret")} rotated`],
    [count((f) => f.kind === "cost" && f.cost === "up"), (n) => `cost up on ${plural(n, "resource")}`],
    [count((f) => f.kind === "cost" && f.cost !== "up"), (n) => `cost changes on ${plural(n, "resource")}`],
    [count((f) => f.kind.includes("suppression")), (n) => plural(n, "policy suppression")],
    [count((f) => f.kind === "rebuilt"), (n) => `${n} rebuilt (routine)`],
  ];
  return groups.filter(([n]) => n > 0).map(([n, phrase]) => phrase(n));
}

function verdictOf(
  current: SynthInput,
  baseline: SynthInput | undefined,
  diff: SynthDiff,
  findings: readonly Finding[],
): Review["verdict"] {
  if (!baseline) {
    const resources = current.stacks
      .flatMap((stack) => resourcesOf(stack.tf))
      .filter((e) => !e.type.startsWith("data."));
    const stateful = resources.filter((entry) => kindOf(entry.type).loss).length;
    const open = findings.filter(isStanding);
    const grants = findings.filter((finding) => finding.kind.startsWith("grant")).length;
    const standing = [
      ...reasons(open),
      ...(grants > 0 ? [`${plural(grants, "grant")} (listed per stack)`] : []),
    ];
    return {
      level: open.length > 0 ? levelOf(open) : "low risk",
      text:
        `No baseline, so no changes: ${plural(current.stacks.length, "stack")}, ${plural(resources.length, "resource")} ` +
        `(${stateful} stateful) as synthesized. ${standing.length > 0 ? `As it stands: ${standing.join(", ")}.` : ""}`.trim(),
    };
  }
  const changing = diff.stacks.length;
  if (changing === 0) return { level: "no changes", text: `No changes against the baseline.` };
  const scope = `${plural(changing, "stack")} of ${new Set([...current.stacks, ...baseline.stacks].map((s) => s.name)).size} change.`;
  if (findings.length === 0) return { level: "low risk", text: `Changes in place only. ${scope}` };
  const text = reasons(findings).join(", ");
  return { level: levelOf(findings), text: `${text.charAt(0).toUpperCase()}${text.slice(1)}. ${scope}` };
}

/** Stacks pinned to another azurerm version than the force-new list was read from. */
function notes(current: SynthInput, baseline: SynthInput | undefined): string[] {
  const versions = new Set(
    [...current.stacks, ...(baseline?.stacks ?? [])].flatMap((stack) => {
      const terraform = isObject(stack.tf.terraform) ? stack.tf.terraform : {};
      const providers = isObject(terraform.required_providers) ? terraform.required_providers : {};
      const azurerm = isObject(providers.azurerm) ? providers.azurerm.version : undefined;
      return typeof azurerm === "string" && azurerm !== AZURERM_TABLE_VERSION ? [azurerm] : [];
    }),
  );
  return versions.size === 0
    ? []
    : [
        `The force-new list is for azurerm ${AZURERM_TABLE_VERSION}; these stacks pin ${[...versions].join(", ")}: replacements may differ.`,
      ];
}
