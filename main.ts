import { failureMessage } from "./app/report-failure";
import { synthesizeAtomically } from "./app/synthesize";
import { loadConfig } from "./config/load-config";
import { addPlatformStacks } from "./stacks/platform";

// `npm run synth` and `cdktf synth` both run this file. The CLI passes its output folder in CDKTF_OUTDIR.
try {
  const config = loadConfig(process.env);
  synthesizeAtomically(process.env.CDKTF_OUTDIR ?? "cdktf.out", (app) => {
    addPlatformStacks(app, config, process.cwd());
  });
} catch (error) {
  const message = failureMessage(error);
  if (message === undefined) throw error;
  console.error(message);
  process.exitCode = 1;
}
