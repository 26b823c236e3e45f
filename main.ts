import { outputFolder } from "./app/output-folder";
import { writeReleaseFiles } from "./app/release-files";
import { failureMessage } from "./app/report-failure";
import { synthesizeAtomically } from "./app/synthesize";
import { loadConfig } from "./config/load-config";
import { checkPolicies, policyNotes } from "./policies/check-policies";
import { addPlatformStacks } from "./stacks/platform";

// `npm run synth` and `cdktf synth` both run this file. The CLI passes its output folder in CDKTF_OUTDIR.
try {
  const config = loadConfig(process.env);
  const report = synthesizeAtomically(
    outputFolder(process.env, process.cwd()),
    (app) => {
      addPlatformStacks(app, config, process.cwd());
      return checkPolicies(app, config);
    },
    (newOutdir, policyReport) => {
      policyReport.assertNoErrors();
      policyReport.writeTo(newOutdir);
      writeReleaseFiles(newOutdir, config, process.cwd());
    },
  );
  for (const note of policyNotes(report)) console.error(note);
} catch (error) {
  const message = failureMessage(error);
  if (message === undefined) throw error;
  console.error(message);
  process.exitCode = 1;
}
