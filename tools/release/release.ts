import { ExitCode } from "./exit-codes";
import { runGate } from "./gates";
import { waitForHealthy } from "./health-check";
import { probeLatency } from "./latency-probe";
import type { ReleaseSettings } from "./release-settings";
import type { ReleaseTargets } from "./release-targets";
import type { SlotSwapper } from "./slot-swapper";
import { runSmokeTests } from "./smoke-tests";
import { StepRecorder } from "./step-recorder";

export interface ReleaseContext {
  readonly targets: ReleaseTargets;
  readonly settings: ReleaseSettings;
  /** Undefined: any version is accepted as long as the status is healthy. */
  readonly expectedVersion?: string;
  readonly swapper: SlotSwapper;
  readonly log: (line: string) => void;
}

export const versionNotChecked =
  "version: not checked (no --expect-version, no IMAGE_TAG); status must be healthy";

type ReleaseExit = Exclude<ExitCode, typeof ExitCode.UsageError>;

const verdicts: Record<ReleaseExit, string> = {
  [ExitCode.Ok]: "done",
  [ExitCode.StagingFailed]: "staging verification failed; nothing was swapped",
  [ExitCode.RolledBack]: "production verification failed; swapped back, production is healthy",
  [ExitCode.RollbackFailed]: "ROLLBACK FAILED: production needs a human now",
  [ExitCode.SwapFailed]: "the swap failed; check the slot swap status in Azure before retrying",
};

/** Staging checks and gates, swap, production checks, and a swap back if production fails. */
export function runRelease(ctx: ReleaseContext): Promise<ReleaseExit> {
  return withSummary(ctx, async (recorder) => {
    const { targets, settings, expectedVersion } = ctx;
    if (expectedVersion === undefined) ctx.log(versionNotChecked);
    if (!(await verifySlot(recorder, "staging", targets.stagingUrl, ctx))) return ExitCode.StagingFailed;
    for (const gate of settings.gates) {
      const passed = await recorder.run(`gate ${gate.name}`, `staging ${targets.stagingUrl}`, () =>
        runGate(gate, targets.stagingUrl),
      );
      if (!passed) return ExitCode.StagingFailed;
    }
    if (!(await swap(recorder, "swap", ctx))) return ExitCode.SwapFailed;
    if (await verifySlot(recorder, "production", targets.productionUrl, ctx)) return ExitCode.Ok;
    ctx.log(`production failed verification with ${expectedVersion ?? "the new build"}; swapping back`);
    return (await rollBack(recorder, ctx)) ? ExitCode.RolledBack : ExitCode.RollbackFailed;
  });
}

/** On-demand rollback: swap again and check that production is healthy (any version). */
export function runRollback(ctx: ReleaseContext): Promise<ReleaseExit> {
  return withSummary(ctx, async (recorder) =>
    (await rollBack(recorder, ctx)) ? ExitCode.Ok : ExitCode.RollbackFailed,
  );
}

async function withSummary(
  ctx: ReleaseContext,
  steps: (recorder: StepRecorder) => Promise<ReleaseExit>,
): Promise<ReleaseExit> {
  const recorder = new StepRecorder(ctx.log);
  const code = await steps(recorder);
  ctx.log(`\n${recorder.summary()}\n\nexit ${code}: ${verdicts[code]}`);
  return code;
}

async function verifySlot(recorder: StepRecorder, slot: string, url: string, ctx: ReleaseContext) {
  const { settings, expectedVersion } = ctx;
  const target = `${slot} ${url}`;
  return (
    (await recorder.run("wait for health", target, () => waitForHealthy(url, settings, expectedVersion))) &&
    (await recorder.run("smoke tests", target, () => runSmokeTests(url, settings, expectedVersion))) &&
    (await recorder.run("latency probe", target, () => probeLatency(url, settings)))
  );
}

function swap(recorder: StepRecorder, step: string, { targets, swapper }: ReleaseContext): Promise<boolean> {
  const { resourceGroup, appName, slot } = targets;
  return recorder.run(step, `${appName}/${slot} <-> production (${resourceGroup})`, async () => {
    await swapper.swap({ resourceGroup, appName, slot });
    return { ok: true, detail: "swapped" };
  });
}

/** The previous build is back in production; its version is unknown here, so only health counts. */
async function rollBack(recorder: StepRecorder, ctx: ReleaseContext): Promise<boolean> {
  const { targets, settings } = ctx;
  return (
    (await swap(recorder, "swap back", ctx)) &&
    (await recorder.run("wait for health", `production ${targets.productionUrl}`, () =>
      waitForHealthy(targets.productionUrl, settings),
    ))
  );
}
