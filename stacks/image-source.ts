import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConfigError } from "../config/config-error";
import type { PlatformConfig } from "../config/schema";
import { buildContextHash } from "../constructs/build-context";

/** Length of a content-hash tag: short enough to read, long enough never to collide in one repository. */
const HASH_TAG_LENGTH = 16;

export interface ImageSource {
  /** The tag every environment deploys. */
  readonly tag: string;
  /** Content hash of the build context; present when the image is built here. */
  readonly contextHash?: string;
}

/**
 * Which image this run deploys: the configured tag (IMAGE_TAG), else a content hash of the
 * build context, so the same sources always give the same tag and a change gives a new one.
 * @throws ConfigError when the image is to be built and the context has no Dockerfile.
 */
export function resolveImageSource(config: PlatformConfig, projectRoot: string): ImageSource {
  const { image } = config;
  if (!image.build && image.tag !== undefined) return { tag: image.tag };
  const contextDir = resolve(projectRoot, image.context);
  if (!existsSync(join(contextDir, "Dockerfile"))) {
    throw new ConfigError([
      {
        field: "image.context",
        value: image.context,
        rule: "must be a folder with a Dockerfile, relative to the project root",
      },
    ]);
  }
  const contextHash = buildContextHash(contextDir);
  return { tag: image.tag ?? contextHash.slice(0, HASH_TAG_LENGTH), contextHash };
}
