/** Which app and slot to swap with production. */
export interface SwapTarget {
  readonly resourceGroup: string;
  readonly appName: string;
  readonly slot: string;
}

/**
 * Exchanges a slot with production. A swap is its own inverse, so the rollback is the same call.
 * Kept behind an interface so the release logic is tested without Azure.
 */
export interface SlotSwapper {
  swap(target: SwapTarget): Promise<void>;
}
