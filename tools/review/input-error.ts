/** A problem with what the review was given (flags, directories, files): one message, exit 1, no stack trace. */
export class InputError extends Error {
  override name = "InputError";
}
