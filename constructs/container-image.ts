import { Construct } from "constructs";
import type { IContainerRegistry } from "./container-registry";
import { DockerImage, DockerRegistryImage } from "./providers";

export interface ContainerImageProps {
  /** Registry to push to. */
  readonly registry: IContainerRegistry;
  /** Repository in the registry, e.g. "api". */
  readonly repository: string;
  readonly tag: string;
  /**
   * Build context as Terraform sees it: relative to the stack's working directory
   * (`cdktf.out/stacks/<stack>`), so the JSON holds no absolute path of this machine.
   */
  readonly contextPath: string;
  /** Content hash of the build context (see build-context.ts); a change rebuilds and pushes. */
  readonly contextHash: string;
  /** @default "Dockerfile" */
  readonly dockerfile?: string;
  /** App Service runs linux/amd64, whatever machine builds the image. @default "linux/amd64" */
  readonly platform?: string;
}

/**
 * An image built from a local context with the docker provider and pushed to the registry.
 * The pushed image is kept when Terraform destroys or replaces it (`keep_remotely`): running
 * slots and rollbacks still need it. The tag is passed to the build as `APP_VERSION`, which the
 * service reports on `/health`, so the release tool can tell which build answers.
 */
export class ContainerImage extends Construct {
  /** Escape hatch: the local build. */
  readonly image: DockerImage;
  /** Escape hatch: the pushed image. */
  readonly registryImage: DockerRegistryImage;
  readonly repository: string;
  readonly tag: string;

  constructor(scope: Construct, id: string, props: ContainerImageProps) {
    super(scope, id);
    this.repository = props.repository;
    this.tag = props.tag;
    const platform = props.platform ?? "linux/amd64";
    const triggers = { context_hash: props.contextHash };

    this.image = new DockerImage(this, "image", {
      name: `${props.registry.loginServer}/${props.repository}:${props.tag}`,
      platform,
      keepLocally: true,
      triggers,
      buildAttribute: {
        context: props.contextPath,
        dockerfile: props.dockerfile ?? "Dockerfile",
        platform,
        buildArgs: { APP_VERSION: props.tag },
        label: { "org.opencontainers.image.version": props.tag },
      },
    });
    this.registryImage = new DockerRegistryImage(this, "push", {
      name: this.image.name,
      keepRemotely: true,
      triggers,
    });
  }

  /** `repo:tag` as App Service's `docker_image_name` wants it (without the registry host). */
  get imageName(): string {
    return `${this.repository}:${this.tag}`;
  }
}
