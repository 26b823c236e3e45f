import type { PlatformConfig } from "../config/schema";
import { buildContextHash } from "../constructs/build-context";

/** Length of the content-hash tag: short enough to read, long enough never to collide in one repository. */
const HASH_TAG_LENGTH = 16;

/** The tag to deploy: the configured one (IMAGE_TAG), else a content hash of the build context. */
export function resolveImageTag(config: PlatformConfig, projectRoot = process.cwd()): string {
  return (
    config.image.tag ?? buildContextHash(`${projectRoot}/${config.image.context}`).slice(0, HASH_TAG_LENGTH)
  );
}
