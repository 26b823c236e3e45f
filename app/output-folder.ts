import { isAbsolute, relative, resolve } from "node:path";
import { ConfigError } from "../config/config-error";

/**
 * The synth's output folder (CDKTF_OUTDIR, which `cdktf synth --output` sets), checked to lie
 * inside the project: the JSON addresses local state and the build context relative to it, and a
 * folder elsewhere would put this machine's directory layout into the JSON.
 * @throws ConfigError for a folder outside the project
 */
export function outputFolder(env: Readonly<Record<string, string | undefined>>, projectRoot: string): string {
  const outdir = env.CDKTF_OUTDIR || "cdktf.out";
  const fromRoot = relative(projectRoot, resolve(projectRoot, outdir));
  if (fromRoot === "" || fromRoot.startsWith("..") || isAbsolute(fromRoot)) {
    throw new ConfigError([
      {
        field: "CDKTF_OUTDIR",
        value: outdir,
        rule: "must be a folder inside the project (e.g. cdktf.out): the JSON refers to state and the build context relative to it",
      },
    ]);
  }
  return outdir;
}
