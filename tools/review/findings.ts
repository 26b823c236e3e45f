import { openings } from "./access";
import { type CostDirection, combined, costAttribute, costDirection } from "./cost";
import { ABSENT, type AttributeChange, dotted, leaves, type ResourceChange, type SynthDiff } from "./diff";
import type { PolicyReport } from "./policy-report";
import { REDACTED } from "./redact";
import { kindOf } from "./resource-kinds";
import { plainSubject, type Subject, subjectOf, subjectOfValue } from "./subjects";
import type { JsonObject } from "./synth-dir";
import { keyOf, type ResourceKey, type SynthIndex } from "./synth-index";
import { formatValue } from "./values";

/** The kinds of finding, in the order of the list at the top of the report. */
export const FINDING_KINDS = [
  "destroyed",
  "replaced",
  "protection removed",
  "may be replaced",
  "replacement unknown",
  "access opened",
  "policy finding",
  "grant added",
  "grant removed",
  "grant changed",
  "secret rotated",
  "cost",
  "suppression added",
  "stale suppression",
  "rebuilt",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface ChangeText {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

/** A resource replaced along with the finding's resource, because that one is its parent. */
export interface AlongWith {
  readonly stack: string;
  readonly address: string;
  readonly subject: Subject;
  readonly loss?: string;
  /** The resource it follows directly (the finding's resource or another one of `along`). */
  readonly parent: ResourceKey;
}

export interface Finding {
  readonly kind: FindingKind;
  /** Lower is more dangerous: the report lists findings by rank, then stack and name. */
  readonly rank: number;
  readonly stack?: string;
  readonly address?: string;
  readonly subject?: Subject;
  /** The changes behind the finding (redacted, abbreviated). */
  readonly changes: readonly ChangeText[];
  /** The resource is new: its changes are its values (everything is new without a baseline). */
  readonly added?: boolean;
  /** What is lost for good (stateful resources): one line. */
  readonly loss?: string;
  /** Context: what else breaks, why a replacement happens, what to check. */
  readonly note?: string;
  /** Resources replaced with this one (its children, across stacks), stateful ones first. */
  readonly along?: readonly AlongWith[];
  readonly grant?: { readonly role: string; readonly scope: Subject; readonly principal: Subject };
  readonly cost?: CostDirection;
  readonly policy?: {
    readonly rule: string;
    readonly severity?: string;
    readonly path: string;
    readonly text: string;
  };
}

/**
 * What a synth shows as it stands, without a baseline: what is open and the policy's word. Its
 * grants and cost drivers are not news; each stack's overview lists them.
 */
export function isStanding(finding: Finding): boolean {
  return !finding.kind.startsWith("grant") && finding.kind !== "cost";
}

const BASE_RANK: Readonly<Record<FindingKind, number>> = {
  destroyed: 20,
  replaced: 21,
  "protection removed": 17,
  "may be replaced": 25,
  "replacement unknown": 26,
  "access opened": 30,
  "policy finding": 35,
  "grant added": 40,
  "grant removed": 41,
  "grant changed": 42,
  "secret rotated": 50,
  cost: 55,
  "suppression added": 62,
  "stale suppression": 64,
  rebuilt: 70,
};

/** Losing data outranks everything else; a policy warning ranks below a policy error. */
function rankOf(
  kind: FindingKind,
  options: { loss?: boolean; along?: readonly AlongWith[]; warning?: boolean } = {},
) {
  const lossy = options.loss || options.along?.some((child) => child.loss);
  if (lossy && BASE_RANK[kind] <= 26) return BASE_RANK[kind] - 10;
  return BASE_RANK[kind] + (options.warning ? 25 : 0);
}

export interface FindingsInput {
  readonly diff: SynthDiff;
  readonly policy?: PolicyReport;
  /** The baseline's policy report; findings and suppressions it already had are not new. */
  readonly baselinePolicy?: PolicyReport;
}

/** Every finding of a diff and the policy reports, most dangerous first. */
export function findingsOf(input: FindingsInput): Finding[] {
  const { diff } = input;
  const found: Finding[] = [];
  for (const stack of diff.stacks) {
    for (const address of stack.removed)
      found.push(...removedFindings(diff.before, { stack: stack.name, address }));
    for (const address of stack.added)
      found.push(...addedFindings(diff.after, { stack: stack.name, address }));
    for (const change of stack.changed) found.push(...changedFindings(diff, stack.name, change));
  }
  found.push(...policyFindings(input.policy, input.baselinePolicy));
  return found.sort(
    (a, b) =>
      a.rank - b.rank ||
      (a.stack ?? "").localeCompare(b.stack ?? "") ||
      (a.subject?.name ?? a.policy?.path ?? "").localeCompare(b.subject?.name ?? b.policy?.path ?? ""),
  );
}

/** The grant a resource makes, in words, or undefined for resources that grant nothing. */
function grantOf(index: SynthIndex, key: ResourceKey, body: JsonObject): Finding["grant"] {
  const read = kindOf(typeOf(key.address)).grant;
  if (!read) return undefined;
  const grant = read(body);
  return {
    role: formatValue(grant.role),
    scope: subjectOfValue(index, key.stack, grant.scope),
    principal: subjectOfValue(index, key.stack, grant.principal),
  };
}

function typeOf(address: string): string {
  return address.split(".").slice(0, -1).join(".");
}

function removedFindings(before: SynthIndex, key: ResourceKey): Finding[] {
  const body = before.entry(key)?.body;
  if (!body || key.address.startsWith("data.")) return [];
  const grant = grantOf(before, key, body);
  if (grant) return [{ kind: "grant removed", rank: rankOf("grant removed"), ...key, changes: [], grant }];
  const kind = kindOf(typeOf(key.address));
  const loss = kind.loss?.(body);
  const protectedNote =
    isProtected(body) === true
      ? "prevent_destroy goes with it from the code: nothing stops the destroy"
      : undefined;
  const note = [kind.effect, protectedNote].filter(Boolean).join("; ") || undefined;
  return [
    {
      kind: "destroyed",
      rank: rankOf("destroyed", { loss: Boolean(loss) }),
      ...key,
      subject: subjectOf(before, key),
      changes: [],
      ...(loss ? { loss } : {}),
      ...(note ? { note } : {}),
    },
  ];
}

function addedFindings(after: SynthIndex, key: ResourceKey): Finding[] {
  const body = after.entry(key)?.body;
  if (!body || key.address.startsWith("data.")) return [];
  const type = typeOf(key.address);
  const subject = subjectOf(after, key);
  const found: Finding[] = [];
  const grant = grantOf(after, key, body);
  if (grant) found.push({ kind: "grant added", rank: rankOf("grant added"), ...key, changes: [], grant });
  for (const opening of openings(type, undefined, body, describer(after, key.stack))) {
    found.push({ ...accessFinding(key, subject, opening), added: true });
  }
  const costs = [...leaves(body)]
    .map(([path, leaf]) => [path, costAttribute(dotted(path)), leaf.value] as const)
    .filter(([, attribute]) => attribute !== undefined && !attribute.startsWith("profile.rule"));
  if (kindOf(type).billed && costs.length > 0) {
    found.push({
      kind: "cost",
      rank: rankOf("cost"),
      ...key,
      subject,
      changes: costs.map(([path, , value]) => ({ path, before: ABSENT, after: formatValue(value) })),
      cost: "up",
      added: true,
    });
  }
  return found;
}

function describer(index: SynthIndex, stack: string) {
  return (value: unknown) => plainSubject(subjectOfValue(index, stack, value));
}

function accessFinding(
  key: ResourceKey,
  subject: Subject,
  opening: ReturnType<typeof openings>[number],
): Finding {
  return {
    kind: "access opened",
    rank: rankOf("access opened"),
    ...key,
    subject,
    changes: [{ path: opening.path, before: opening.before, after: opening.after }],
    note: opening.what,
  };
}

function isProtected(body: JsonObject | undefined): boolean {
  const lifecycle = body?.lifecycle;
  return (
    typeof lifecycle === "object" && lifecycle !== null && (lifecycle as JsonObject).prevent_destroy === true
  );
}

function changedFindings(diff: SynthDiff, stack: string, change: ResourceChange): Finding[] {
  const key = { stack, address: change.address };
  const beforeKey = { stack, address: change.from ?? change.address };
  const beforeBody = diff.before.entry(beforeKey)?.body;
  const afterBody = diff.after.entry(key)?.body;
  if (!beforeBody || !afterBody || change.address.startsWith("data.")) return [];
  const subject = subjectOf(diff.after, key);
  const applied = change.attributes.filter((attribute) => !attribute.ignored);
  const found: Finding[] = [];

  if (change.replacement !== "in place" && !change.parent) {
    found.push(replacementFinding(diff, key, change, afterBody));
  }
  if (isProtected(beforeBody) && !isProtected(afterBody)) {
    found.push({
      kind: "protection removed",
      rank: rankOf("protection removed"),
      ...key,
      subject,
      changes: [{ path: "lifecycle.prevent_destroy", before: "true", after: "(absent)" }],
      note: "Terraform may now destroy it",
    });
  }
  for (const opening of openings(change.type, beforeBody, afterBody, describer(diff.after, stack))) {
    found.push(accessFinding(key, subject, opening));
  }

  const rotated = applied.filter((attribute) => isSecretChange(attribute));
  if (rotated.length > 0) {
    found.push({
      kind: "secret rotated",
      rank: rankOf("secret rotated"),
      ...key,
      subject,
      changes: rotated.map(changeText),
      ...(change.type === "azurerm_key_vault_secret"
        ? {
            note: "apps with a versionless Key Vault reference read the new value within 24 hours or on restart",
          }
        : {}),
    });
  }

  const beforeLeaves = leaves(beforeBody);
  const afterLeaves = leaves(afterBody);
  const costs = applied.flatMap((attribute) => {
    const cost = costAttribute(dotted(attribute.path));
    if (!cost) return [];
    const direction = costDirection(
      cost,
      beforeLeaves.get(attribute.path)?.value,
      afterLeaves.get(attribute.path)?.value,
    );
    return [{ attribute, direction }];
  });
  if (costs.length > 0) {
    found.push({
      kind: "cost",
      rank: rankOf("cost"),
      ...key,
      subject,
      changes: costs.map(({ attribute }) => changeText(attribute)),
      cost: combined(costs.map(({ direction }) => direction)),
    });
  }
  return found;
}

/** `value_wo_version` bumps, and any change of a value that is redacted (a secret). */
function isSecretChange(attribute: AttributeChange): boolean {
  return (
    attribute.path.endsWith("_wo_version") || attribute.before === REDACTED || attribute.after === REDACTED
  );
}

function changeText(attribute: AttributeChange): ChangeText {
  return { path: attribute.path, before: attribute.before, after: attribute.after };
}

/** The finding of a resource that is (or may be) replaced, with the children replaced along with it. */
function replacementFinding(
  diff: SynthDiff,
  key: ResourceKey,
  change: ResourceChange,
  body: JsonObject,
): Finding {
  const kind = kindOf(change.type);
  const along = childrenOf(diff, key);
  const grant = grantOf(diff.after, key, body);
  const forcing = change.attributes.filter(
    (attribute) => !attribute.ignored && change.forcedBy.includes(dotted(attribute.path)),
  );
  const shown =
    change.replacement === "replaced" ? forcing : change.attributes.filter((attribute) => !attribute.ignored);
  const changes = shown.slice(0, 3).map(changeText);
  const readdressed = change.readdressed
    ? `its address changed (it was ${change.from}) and no moved block says so: Terraform destroys it and creates a new one`
    : undefined;
  const loss = kind.loss?.(body);
  let findingKind: FindingKind =
    change.replacement === "replaced"
      ? "replaced"
      : change.replacement === "may be replaced"
        ? "may be replaced"
        : "replacement unknown";
  let note: string | undefined;
  if (grant && !along.length) findingKind = "grant changed";
  else if (kind.routine && change.replacement === "replaced" && along.every((child) => !child.loss)) {
    findingKind = "rebuilt";
    note = kind.routine;
  } else if (kind.generatesSecret && change.replacement === "replaced") {
    findingKind = "secret rotated";
    note = "a new value is generated; everything that uses it gets the new one";
  } else if (change.replacement === "may be replaced") {
    note =
      change.forcedBy.length > 0
        ? "instances may be added or destroyed"
        : "the provider decides some replacements at plan time: check the plan";
  } else if (change.replacement === "replacement unknown") {
    note = `the review has no force-new list for ${change.type}: check the plan`;
  } else {
    note = kind.effect;
  }
  if (isProtected(body) && change.replacement === "replaced") {
    note = [note, "prevent_destroy is set: the plan fails until it is lifted"].filter(Boolean).join("; ");
  }
  note = [readdressed, note].filter(Boolean).join("; ") || undefined;
  return {
    kind: findingKind,
    rank: rankOf(findingKind, { loss: Boolean(loss) && findingKind !== "secret rotated", along }),
    ...key,
    subject: subjectOf(diff.after, key),
    changes,
    ...(loss && findingKind !== "secret rotated" ? { loss } : {}),
    ...(note ? { note } : {}),
    ...(along.length > 0 ? { along } : {}),
    ...(findingKind === "grant changed" && grant ? { grant } : {}),
  };
}

/** Every resource whose replacement follows `root` (directly or through other children), stateful first. */
function childrenOf(diff: SynthDiff, root: ResourceKey): AlongWith[] {
  const changes = diff.stacks.flatMap((stack) =>
    stack.changed.map((change) => ({ stack: stack.name, change })),
  );
  const rootOf = (key: ResourceKey, depth = 0): string => {
    const found = changes.find(({ stack, change }) => stack === key.stack && change.address === key.address);
    return found?.change.parent && depth < 50 ? rootOf(found.change.parent, depth + 1) : keyOf(key);
  };
  return changes
    .filter(
      ({ stack, change }) => change.parent && rootOf({ stack, address: change.address }) === keyOf(root),
    )
    .map(({ stack, change }) => {
      const key = { stack, address: change.address };
      const body = diff.after.entry(key)?.body ?? {};
      const loss = kindOf(change.type).loss?.(body);
      const parent = change.parent ?? root;
      return { ...key, subject: subjectOf(diff.after, key), ...(loss ? { loss } : {}), parent };
    })
    .sort((a, b) => Number(Boolean(b.loss)) - Number(Boolean(a.loss)) || (a.address < b.address ? -1 : 1));
}

/** Policy findings and suppressions that the baseline's report did not have, and stale suppressions. */
function policyFindings(policy: PolicyReport | undefined, baseline: PolicyReport | undefined): Finding[] {
  if (!policy) return [];
  const known = (
    list: readonly { rule: string; path: string }[] | undefined,
    item: { rule: string; path: string },
  ) => list?.some((old) => old.rule === item.rule && old.path === item.path) ?? false;
  return [
    ...policy.findings
      .filter((finding) => !known(baseline?.findings, finding))
      .map(
        (finding): Finding => ({
          kind: "policy finding",
          rank: rankOf("policy finding", { warning: finding.severity === "warning" }),
          changes: [],
          policy: {
            rule: finding.rule,
            severity: finding.severity,
            path: finding.path,
            text: finding.message,
          },
        }),
      ),
    ...policy.suppressions
      .filter((suppression) => suppression.used === false || !known(baseline?.suppressions, suppression))
      .map((suppression): Finding => {
        const kind = suppression.used === false ? "stale suppression" : "suppression added";
        return {
          kind,
          rank: rankOf(kind),
          changes: [],
          policy: { rule: suppression.rule, path: suppression.path, text: suppression.reason },
        };
      }),
  ];
}
