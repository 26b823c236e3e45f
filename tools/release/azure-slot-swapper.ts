import type { SlotSwapper, SwapTarget } from "./slot-swapper";

/**
 * Swaps through the App Service management API with DefaultAzureCredential (az login, ARM_* /
 * AZURE_* variables, workload or managed identity). The SDK is imported on first use, so
 * --dry-run and the tests never load it.
 */
export class AzureSlotSwapper implements SlotSwapper {
  constructor(private readonly subscriptionId: string) {}

  async swap({ resourceGroup, appName, slot }: SwapTarget): Promise<void> {
    const [{ WebSiteManagementClient }, { DefaultAzureCredential }] = await Promise.all([
      import("@azure/arm-appservice"),
      import("@azure/identity"),
    ]);
    const client = new WebSiteManagementClient(new DefaultAzureCredential(), this.subscriptionId);
    // swapSlot replaces the deprecated beginSwapSlotAndWait; its poller resolves once the swap,
    // including App Service's warm-up of the target, has completed.
    await client.webApps.swapSlot(resourceGroup, appName, slot, {
      targetSlot: "production",
      preserveVnet: true,
    });
  }
}
