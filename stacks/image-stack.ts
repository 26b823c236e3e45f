import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { namingContext, sharedNames } from "../config/resource-names";
import type { PlatformConfig } from "../config/schema";
import { ContainerImage } from "../constructs/container-image";
import { ExistingContainerRegistry } from "../constructs/container-registry";
import { DockerProvider } from "../constructs/providers";
import { configureBackend } from "./backend";
import { addAzureProvider } from "./providers";
import { pathFromStack } from "./stack-paths";

export interface ImageStackProps {
  readonly config: PlatformConfig;
  /** Folder that relative project paths (state, build context) start from. */
  readonly projectRoot: string;
  readonly tag: string;
  /** Content hash of the build context (see build-context.ts). */
  readonly contextHash: string;
}

/**
 * Builds the API image and pushes it to the shared registry. Needs a Docker daemon, so it is
 * synthesized only when building locally or in CI (IMAGE_BUILD is not "false").
 *
 * Registry login never uses the ACR admin user and writes no credential into the JSON: the
 * provider's `registry_auth` names only the address, and the docker provider finds the
 * credentials itself, in the Docker credential store after `az acr login --name <registry>`, or
 * in DOCKER_REGISTRY_USER / DOCKER_REGISTRY_PASS (a service principal or an ACR token).
 */
export class ImageStack extends TerraformStack {
  readonly image: ContainerImage;

  constructor(scope: Construct, id: string, props: ImageStackProps) {
    super(scope, id);
    const shared = sharedNames(namingContext(props.config.app));
    addAzureProvider(this);
    // Found by name (not a cross-stack reference), so this stack never reads the shared stack's state.
    const registry = new ExistingContainerRegistry(this, "registry", {
      name: shared.registry,
      resourceGroupName: shared.resourceGroup,
    });
    new DockerProvider(this, "docker", { registryAuth: [{ address: registry.loginServer }] });
    configureBackend(this, props.config.backend, props.projectRoot);

    this.image = new ContainerImage(this, "api-image", {
      registry,
      repository: props.config.image.repository,
      tag: props.tag,
      contextPath: pathFromStack(this, props.projectRoot, props.config.image.context),
      contextHash: props.contextHash,
    });
    new TerraformOutput(this, "api_image", {
      value: this.image.registryImage.name,
      description: "The pushed API image (registry/repository:tag)",
    });
  }
}
