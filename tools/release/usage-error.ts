/** Mistakes in flags, settings or targets: reported together as a list, exit 1, never a stack trace. */
export class UsageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "UsageError";
  }
}
