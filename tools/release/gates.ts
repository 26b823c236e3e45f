import { spawn } from "node:child_process";
import type { ReleaseGate } from "./release-settings";
import type { Outcome } from "./step-recorder";

/** Time a gate gets to exit after SIGTERM (e.g. for Locust to write its report) before SIGKILL. */
const KILL_GRACE_MS = 5000;

/**
 * Runs an external gate (contract test, load test, ...) against staging. No shell, so settings
 * cannot smuggle shell syntax; output goes straight to ours so the pipeline log shows it.
 */
export function runGate(gate: ReleaseGate, stagingUrl: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(gate.command, gate.args, {
      env: { ...process.env, TARGET_URL: stagingUrl, STAGING_URL: stagingUrl },
      stdio: ["ignore", "inherit", "inherit"],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS).unref();
    }, gate.timeoutSeconds * 1000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, detail: `could not start ${gate.command}: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve({ ok: false, detail: `timed out after ${gate.timeoutSeconds} s` });
      else if (code === 0) resolve({ ok: true, detail: `${gate.command} exited 0` });
      else resolve({ ok: false, detail: `${gate.command} exited with ${code ?? signal}` });
    });
  });
}
