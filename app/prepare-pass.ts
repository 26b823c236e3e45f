import { type App, TerraformStack } from "cdktf";

/**
 * Skips cdktf's preparing pass. `App.synth()` converts and resolves every element of every
 * stack twice: first a "preparing" pass, whose only effect is to set up cross-stack references
 * (an output in one stack, a `terraform_remote_state` in the other), then the pass that writes
 * the JSON. The platform has no cross-stack reference (no stack reads another's state, see
 * DESIGN.md), so the first pass is a third of each environment's synth for nothing; the backend
 * it also ensures is kept. Were a cross-stack reference added, it would resolve to the other
 * stack's address, which policy APS040 fails at synth (the stack does not define it).
 * Call it after adding the stacks, before `app.synth()`.
 */
export function withoutPreparePass(app: App): void {
  for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
    stack.prepareStack = () => {
      stack.ensureBackendExists();
    };
  }
}
