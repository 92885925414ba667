import type { BlockExecutionResult } from "../../src/chain/blockExecutionResult.js";
import { equalBytes } from "../../src/primitives/hex.js";
import type { AccountSnapshot } from "../../src/state/stateDiff.js";

/**
 * `address` after the block as its state diff tells it: undefined when absent afterwards, `before`
 * when the block did not change it (`unchanged`: not in the diff).
 */
export function accountAfter(
  result: BlockExecutionResult,
  address: Uint8Array,
): AccountSnapshot | undefined | "unchanged" {
  const diff = result.stateDiff.find((entry) => equalBytes(entry.address, address));
  return diff === undefined ? "unchanged" : diff.after;
}

/** Slot `slot` of `address` after the block, when the block wrote it (undefined otherwise). */
export function slotAfter(
  result: BlockExecutionResult,
  address: Uint8Array,
  slot: bigint,
): bigint | undefined {
  const diff = result.stateDiff.find((entry) => equalBytes(entry.address, address));
  return diff?.storage.find((change) => change.slot === slot)?.after;
}
