/**
 * cdktf records a full stack trace (`Error.captureStackTrace` with no depth limit) for every
 * token it creates (Lazy, Intrinsic, references, ...), only to say where a token was made when
 * it later fails to resolve. That is about a fifth of a synth's time and most of its construct
 * tree's (697 traces for the embedded default, 16,561 at 50 environments), and more in jest.
 * The output does not depend on them.
 *
 * There is no public switch: cdktf calls `captureStackTrace` of this module through its exports
 * object at each call, so replacing that export turns the traces off everywhere.
 * `__tests__/app/token-stack-traces.cases.ts` fails if a cdktf upgrade moves it.
 */
// A CommonJS module of cdktf, not part of its typed surface; `require` keeps the exports object itself mutable.
const stackTrace: {
  captureStackTrace: (below?: unknown) => string[];
} = require("cdktf/lib/tokens/private/stack-trace");
const capture = stackTrace.captureStackTrace;

/** The variable that turns the traces back on, for debugging a token that does not resolve. */
export const TOKEN_STACK_TRACES = "TOKEN_STACK_TRACES";

/** Off unless `TOKEN_STACK_TRACES=1`; call it before the app creates tokens. */
export function configureTokenStackTraces(env: Readonly<Record<string, string | undefined>>): void {
  stackTrace.captureStackTrace = env[TOKEN_STACK_TRACES] === "1" ? capture : () => [];
}
