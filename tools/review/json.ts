import type { Review } from "./review";
import { subjectOf } from "./subjects";
import { resourcesOf } from "./synth-dir";

/**
 * The review as JSON for other tools: the same verdict and findings as the Markdown (all of them,
 * not only the first of each kind), the stacks, and with a baseline the changes attribute by
 * attribute. Built from redacted values only: no resource body is copied in whole.
 */
export function renderJson(review: Review): string {
  const { before, after } = review.diff;
  const report = {
    outdir: review.current.dir,
    baseline: review.baseline?.dir ?? null,
    verdict: review.verdict,
    notes: review.notes,
    findings: review.findings,
    stacks: review.current.stacks.map((stack) => ({
      name: stack.name,
      dependencies: stack.dependencies,
      resources: resourcesOf(stack.tf).filter((entry) => !entry.type.startsWith("data.")).length,
    })),
    changes: review.baseline
      ? review.diff.stacks.map((stack) => ({
          stack: stack.name,
          status: stack.status,
          added: stack.added.map((address) => ({
            address,
            ...subjectOf(after, { stack: stack.name, address }),
          })),
          removed: stack.removed.map((address) => ({
            address,
            ...subjectOf(before, { stack: stack.name, address }),
          })),
          changed: stack.changed.map((change) => ({
            ...change,
            ...subjectOf(after, { stack: stack.name, address: change.address }),
          })),
        }))
      : null,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
