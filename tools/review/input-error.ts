/** Problems with what the review was given (flags, directories, files): one line each, exit 1, no stack trace. */
export class InputError extends Error {
  override name = "InputError";
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("\n"));
    this.problems = list;
  }
}
