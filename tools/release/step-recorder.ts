import type { Clock } from "./probe-io";
import { formatTable } from "./text-table";

/** What a step reports: pass or fail, and one line saying why. */
export interface Outcome {
  readonly ok: boolean;
  readonly detail: string;
}

export interface StepRecord extends Outcome {
  readonly step: string;
  readonly target: string;
  readonly durationMs: number;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs steps one at a time, prints progress with timings and keeps the record for the summary.
 * A step that throws counts as failed, so an unexpected error can never skip the rollback logic.
 */
export class StepRecorder {
  readonly records: StepRecord[] = [];

  constructor(
    private readonly log: (line: string) => void,
    private readonly clock: Clock,
  ) {}

  async run(step: string, target: string, action: () => Promise<Outcome>): Promise<boolean> {
    this.log(`→ ${step}: ${target}`);
    const started = this.clock.now();
    let outcome: Outcome;
    try {
      outcome = await action();
    } catch (error) {
      outcome = { ok: false, detail: (error as Error).message };
    }
    const durationMs = this.clock.now() - started;
    this.records.push({ step, target, durationMs, ...outcome });
    this.log(`  ${outcome.ok ? "ok" : "FAILED"} (${formatDuration(durationMs)}): ${outcome.detail}`);
    return outcome.ok;
  }

  /** A plain-text table: step, target, result, duration, detail. */
  summary(): string {
    return formatTable([
      ["step", "target", "result", "duration", "detail"],
      ...this.records.map((r) => [
        r.step,
        r.target,
        r.ok ? "ok" : "FAILED",
        formatDuration(r.durationMs),
        r.detail.split("\n")[0], // SDK errors span lines; the progress log above has them in full
      ]),
    ]);
  }
}
