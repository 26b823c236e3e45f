/** One thing wrong with the input: where, what was given, and the rule it breaks. */
export interface ConfigProblem {
  /** Config path (`environments.prod.plan.sku`) or variable name (`AZURE_LOCATION`). */
  readonly field: string;
  /** The value as given, already shortened for display; undefined when the field is missing. */
  readonly value?: unknown;
  readonly rule: string;
}

const MAX_VALUE_LENGTH = 80;

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 3)}...` : text;
}

/**
 * Bad input, with every problem found. main.ts prints {@link message} and exits 1; it is
 * never shown as a stack trace.
 */
export class ConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    readonly title = "Invalid configuration",
  ) {
    super(
      [
        `${title} (${problems.length} problem${problems.length === 1 ? "" : "s"}):`,
        ...problems.map(
          (p) =>
            `  - ${p.field}${"value" in p && p.value !== undefined ? ` = ${show(p.value)}` : ""}: ${p.rule}`,
        ),
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}
