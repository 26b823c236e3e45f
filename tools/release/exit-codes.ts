/**
 * Process exit codes of the release tool. Pipelines branch on them, so they are part of the
 * tool's interface: README.md documents the same table.
 */
export const ExitCode = {
  /** Released (or rolled back on demand, or dry run / help printed). */
  Ok: 0,
  /** Bad flags, settings or targets; nothing was called. */
  UsageError: 1,
  /** Production could not be measured (no baseline), or staging verification or a gate failed; no swap happened. */
  StagingFailed: 2,
  /** Production verification failed after the swap; swapped back and production is healthy. */
  RolledBack: 3,
  /** Swapping back failed or production is unhealthy afterwards: a human is needed. */
  RollbackFailed: 4,
  /** The release swap itself failed; check the slot swap status in Azure before retrying. */
  SwapFailed: 5,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
