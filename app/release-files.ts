import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { releaseSettingsSchema } from "../config/release-settings";
import { environmentNames, namingContext } from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { resolveImageSource } from "../stacks/image-source";

/** Folder of the output directory holding one release file per synthesized environment. */
export const RELEASE_FOLDER = "release";

/**
 * What `npm run release -- --env <env>` needs from the synth: where the API runs, its slots and
 * how to verify them. Written by the synth from the config it loaded, so the release tool works
 * for whatever config was synthesized without loading it again.
 */
export const releaseFileSchema = z.strictObject({
  environment: z.string(),
  /** The config's `app.name`: the environment's stack is `<app>-<environment>`. */
  app: z.string(),
  resourceGroup: z.string(),
  /** Azure name of the API web app. */
  appName: z.string(),
  productionUrl: z.string(),
  /** Deployment slots besides production, with their URLs; empty: nothing to swap. */
  slots: z.array(z.strictObject({ name: z.string(), url: z.string() })),
  /** The image tag this synth deploys to the slots, which the image reports as its version. */
  imageTag: z.string(),
  /** The environment's `release` section with every default applied. */
  settings: releaseSettingsSchema,
});

export type ReleaseFile = z.output<typeof releaseFileSchema>;

/** App Service's default host name of an app or of one of its slots, as an https URL. */
export function defaultAppUrl(appName: string, slot?: string): string {
  return `https://${appName}${slot === undefined ? "" : `-${slot}`}.azurewebsites.net`;
}

export function releaseFilePath(outdir: string, environment: string): string {
  return join(outdir, RELEASE_FOLDER, `${environment}.json`);
}

/**
 * The release file of each environment of `config` (the selected ones: ENVIRONMENTS narrows
 * both the stacks and these). URLs are App Service's default host names, as the apps get them.
 */
export function releaseFiles(config: PlatformConfig, imageTag: string): ReleaseFile[] {
  const context = namingContext(config.app);
  return Object.entries(config.environments).map(([environment, { slots, release }]) => {
    const names = environmentNames(context, environment);
    return {
      environment,
      app: config.app.name,
      resourceGroup: names.resourceGroup,
      appName: names.apiApp,
      productionUrl: defaultAppUrl(names.apiApp),
      slots: slots.map((slot) => ({ name: slot, url: defaultAppUrl(names.apiApp, slot) })),
      imageTag,
      settings: release,
    };
  });
}

/**
 * Writes `<outdir>/release/<env>.json` for every environment of `config`; main.ts calls it on
 * the new output folder before that replaces the old one.
 * @param projectRoot folder the image's build context is relative to (its hash is the default tag)
 */
export function writeReleaseFiles(outdir: string, config: PlatformConfig, projectRoot: string): void {
  mkdirSync(join(outdir, RELEASE_FOLDER), { recursive: true });
  for (const file of releaseFiles(config, resolveImageSource(config, projectRoot).tag)) {
    writeFileSync(releaseFilePath(outdir, file.environment), `${JSON.stringify(file, null, 2)}\n`);
  }
}
