import { type BlobParams, fakeExponential, GAS_PER_BLOB } from "../evm/blobGas.js";
import { Fork } from "../evm/fork.js";
import type { BlockHeader } from "./blockHeader.js";

/** EIP-7918 (Osaka): blob gas is priced at least at this many units of execution base fee. */
const BLOB_BASE_COST = 8192n;

/**
 * The excess blob gas a block must carry given its parent (EIP-4844), with the block's own blob
 * parameters; a parent from before Cancun counts as zero. From Osaka (EIP-7918), when execution gas is
 * dear relative to blob gas, excess grows by the parent's usage scaled by (max - target) / max instead.
 */
export function expectedExcessBlobGas(parent: BlockHeader, fork: Fork, params: BlobParams): bigint {
  const excess = parent.excessBlobGas ?? 0n;
  const used = parent.blobGasUsed ?? 0n;
  const target = BigInt(params.target) * GAS_PER_BLOB;
  if (excess + used < target) return 0n;
  if (fork >= Fork.Osaka) {
    const blobPrice = GAS_PER_BLOB * fakeExponential(1n, excess, params.updateFraction);
    if (BLOB_BASE_COST * (parent.baseFeePerGas ?? 0n) > blobPrice) {
      return excess + (used * BigInt(params.max - params.target)) / BigInt(params.max);
    }
  }
  return excess + used - target;
}
