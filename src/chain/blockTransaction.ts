import { GAS_PER_BLOB } from "../evm/blobGas.js";
import { Fork } from "../evm/fork.js";
import type { StateReader } from "../state/stateReader.js";
import type { TransactionOutcome } from "./applyTransaction.js";
import type { BlockContext } from "./blockContext.js";
import { InvalidBlockError } from "./blockErrors.js";
import { type ExecutedTransaction, type ExecuteOptions, executeTransaction } from "./executeTransaction.js";
import { InvalidTransactionError } from "./invalidTransactionError.js";
import { logsBloom } from "./logsBloom.js";
import type { Receipt } from "./receipt.js";
import type { Transaction } from "./transaction.js";

/** A sender, or why it could not be recovered (raised when the transaction's turn comes). */
export type RecoveredSender = Uint8Array | InvalidTransactionError;

/** Blob gas a transaction consumes (EIP-4844): 2^17 per blob. */
export function transactionBlobGas(tx: Transaction): bigint {
  return tx.type === 3 ? GAS_PER_BLOB * BigInt(tx.blobVersionedHashes.length) : 0n;
}

/**
 * The block-level admission checks for transaction `index`, in the execution specs' order: its gas
 * limit fits what the block has left, and its blob gas fits the block's blob allowance. Throws
 * InvalidBlockError. The parallel executor runs this at commit time, when `gasUsed` is known.
 */
export function checkTransactionFits(
  ctx: BlockContext,
  tx: Transaction,
  index: number,
  gasUsed: bigint,
  blobGasUsed: bigint,
): void {
  const blockNumber = ctx.header.number;
  const available = ctx.header.gasLimit - gasUsed;
  if (tx.gasLimit > available) {
    throw new InvalidBlockError(
      "GAS_ALLOWANCE_EXCEEDED",
      { blockNumber, txIndex: index, field: "gasLimit" },
      `transaction gas limit ${tx.gasLimit} exceeds the ${available} gas left in the block (limit ${ctx.header.gasLimit})`,
    );
  }
  if (tx.type === 3 && ctx.fork >= Fork.Cancun) {
    const maxBlobGas = GAS_PER_BLOB * BigInt(ctx.blobParams.max);
    const blobGas = transactionBlobGas(tx);
    if (blobGas > maxBlobGas - blobGasUsed) {
      throw new InvalidBlockError(
        "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED",
        { blockNumber, txIndex: index, field: "blobVersionedHashes" },
        `blob gas ${blobGas} exceeds the ${maxBlobGas - blobGasUsed} blob gas left in the block`,
      );
    }
  }
}

/**
 * Executes transaction `index` of the block against `reader` (the state after every earlier
 * transaction): raises the sender's recovery error if it had one, then validates and runs it. Throws
 * InvalidBlockError naming the block and transaction, with the InvalidTransactionError as cause.
 * Side-effect free: the caller folds the returned writes.
 */
export function executeBlockTransaction(
  ctx: BlockContext,
  reader: StateReader,
  tx: Transaction,
  sender: RecoveredSender,
  index: number,
  options: ExecuteOptions = {},
): ExecutedTransaction {
  try {
    if (sender instanceof InvalidTransactionError) throw sender;
    return executeTransaction(reader, ctx.env, tx, sender, ctx.fork, options);
  } catch (error) {
    if (error instanceof InvalidTransactionError) {
      throw new InvalidBlockError(
        error.reason,
        { blockNumber: ctx.header.number, txIndex: index },
        error.shortMessage,
        {
          details: error.details,
          cause: error,
        },
      );
    }
    throw error;
  }
}

/**
 * The receipt of an executed transaction: status from Byzantium (EIP-658), before that the
 * intermediate state root when the caller can compute it (`postState`), else none.
 */
export function buildReceipt(
  fork: Fork,
  tx: Transaction,
  outcome: TransactionOutcome,
  cumulativeGasUsed: bigint,
  postState?: Uint8Array,
  bloom?: Uint8Array,
): Receipt {
  return {
    type: tx.type,
    status: fork >= Fork.Byzantium ? outcome.status : undefined,
    postState: fork >= Fork.Byzantium ? undefined : postState,
    cumulativeGasUsed,
    logs: outcome.logs,
    // The parallel executor computes blooms on its workers and passes them in.
    logsBloom: bloom ?? logsBloom(outcome.logs),
  };
}
