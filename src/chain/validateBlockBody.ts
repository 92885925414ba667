import { Fork } from "../evm/fork.js";
import { bytesToHex, equalBytes } from "../primitives/hex.js";
import { orderedTrieRoot } from "../primitives/orderedTrie.js";
import type { BlockContext } from "./blockContext.js";
import { InvalidBlockError } from "./blockErrors.js";
import type { BlockExecutionResult } from "./blockExecutionResult.js";
import type { DecodedBlock } from "./decodeBlock.js";

/**
 * Body checks that come before execution: the ommers hash, no uncles from Paris, and withdrawals
 * present exactly from Shanghai. Throws InvalidBlockError.
 */
export function validateBlockShape(ctx: BlockContext, decoded: DecodedBlock): void {
  const { header } = decoded.block;
  const location = { blockNumber: header.number };
  if (!equalBytes(decoded.ommersHash, header.ommersHash)) {
    throw new InvalidBlockError(
      "INVALID_UNCLES_HASH",
      { ...location, field: "ommersHash" },
      "does not match the uncles",
    );
  }
  if (ctx.fork >= Fork.Paris && decoded.block.uncles.length > 0) {
    throw new InvalidBlockError(
      "IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS",
      location,
      "uncles are not allowed after the Merge",
    );
  }
  const hasWithdrawals = decoded.withdrawalBytes !== undefined;
  if (hasWithdrawals !== ctx.fork >= Fork.Shanghai) {
    throw new InvalidBlockError(
      hasWithdrawals ? "INCORRECT_BLOCK_FORMAT" : "RLP_WITHDRAWALS_NOT_READ",
      { ...location, field: "withdrawals" },
      `${hasWithdrawals ? "present in" : "missing from"} a ${Fork[ctx.fork]} block`,
    );
  }
}

/**
 * The header's commitments to the body, checked after execution as the execution specs order them
 * (so an invalid transaction reports itself, not the root that left it out): transactions root and
 * withdrawals root. Throws InvalidBlockError.
 */
export function validateBlockRoots(decoded: DecodedBlock): void {
  const { header } = decoded.block;
  const location = { blockNumber: header.number };
  if (!equalBytes(orderedTrieRoot(decoded.transactionBytes), header.transactionsRoot)) {
    throw new InvalidBlockError(
      "INVALID_TRANSACTIONS_ROOT",
      { ...location, field: "transactionsRoot" },
      "does not match the transactions",
    );
  }
  if (
    decoded.withdrawalBytes !== undefined &&
    !equalBytes(orderedTrieRoot(decoded.withdrawalBytes), header.withdrawalsRoot!)
  ) {
    throw new InvalidBlockError(
      "INVALID_WITHDRAWALS_ROOT",
      { ...location, field: "withdrawalsRoot" },
      "does not match the withdrawals",
    );
  }
}

/**
 * Checks an execution against the header's commitments to it: gas used, receipts root, logs bloom,
 * blob gas used (Cancun) and requests hash (Prague). The state root is the caller's (it needs the full
 * post-state). Throws InvalidBlockError.
 */
export function validateBlockResult(ctx: BlockContext, result: BlockExecutionResult): void {
  const { header } = ctx;
  const location = (field: string) => ({ blockNumber: header.number, field });
  if (result.gasUsed !== header.gasUsed) {
    throw new InvalidBlockError(
      "INVALID_GAS_USED",
      location("gasUsed"),
      `executed ${result.gasUsed}, header says ${header.gasUsed}`,
    );
  }
  if (ctx.fork >= Fork.Cancun && result.blobGasUsed !== header.blobGasUsed) {
    throw new InvalidBlockError(
      "INCORRECT_BLOB_GAS_USED",
      location("blobGasUsed"),
      `executed ${result.blobGasUsed}, header says ${header.blobGasUsed}`,
    );
  }
  if (result.receiptsRoot !== undefined && !equalBytes(result.receiptsRoot, header.receiptsRoot)) {
    throw new InvalidBlockError(
      "INVALID_RECEIPTS_ROOT",
      location("receiptsRoot"),
      `computed ${bytesToHex(result.receiptsRoot)}, header says ${bytesToHex(header.receiptsRoot)}`,
    );
  }
  if (!equalBytes(result.logsBloom, header.logsBloom)) {
    throw new InvalidBlockError(
      "INVALID_LOG_BLOOM",
      location("logsBloom"),
      "does not match the receipts' logs",
    );
  }
  if (result.requestsHash !== undefined && !equalBytes(result.requestsHash, header.requestsHash!)) {
    throw new InvalidBlockError(
      "INVALID_REQUESTS",
      location("requestsHash"),
      `computed ${bytesToHex(result.requestsHash)}, header says ${bytesToHex(header.requestsHash!)}`,
    );
  }
}
