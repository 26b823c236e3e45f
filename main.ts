import { outputFolder } from "./app/output-folder";
import { policyDay } from "./app/policy-day";
import { writeReleaseFiles } from "./app/release-files";
import { failureMessage } from "./app/report-failure";
import { startMain } from "./app/start-main";
import { runByCdktfCli, synthesizeAtomically } from "./app/synthesize";
import { configureTokenStackTraces } from "./app/token-stack-traces";
import { loadConfig } from "./config/load-config";
import { baselineRules } from "./policies/baseline";
import { checkPolicies, policyNotes } from "./policies/check-policies";
import { addPlatformStacks } from "./stacks/platform";

// `npm run synth` and `cdktf synth` both run this file through app/start.sh (a bundle, or its
// startup snapshot). The CLI passes its output folder in CDKTF_OUTDIR. Parsing the embedded
// default while the snapshot is built leaves zod's compiled parsers in it: about 40 ms a synth.
startMain(synth, () => loadConfig({}));

/** Loads the config, synthesizes, checks the policies; bad input goes to stderr as a list, with exit code 1. */
function synth(): void {
  configureTokenStackTraces(process.env);
  try {
    const config = loadConfig(process.env);
    const rules = baselineRules(policyDay(process.env));
    const report = synthesizeAtomically(
      outputFolder(process.env, process.cwd()),
      (app) => {
        addPlatformStacks(app, config, process.cwd());
        return checkPolicies(app, config, rules);
      },
      (newOutdir, policyReport) => {
        policyReport.assertNoErrors();
        policyReport.writeTo(newOutdir);
        writeReleaseFiles(newOutdir, config, process.cwd());
      },
      { leaveRemovedStacks: runByCdktfCli(process.env), preparePass: process.env.SYNTH_PREPARE_PASS === "1" },
    );
    for (const note of policyNotes(report)) console.error(note);
  } catch (error) {
    const message = failureMessage(error);
    if (message === undefined) throw error;
    console.error(message);
    process.exitCode = 1;
  }
}
