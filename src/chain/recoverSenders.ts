import type { Fork } from "../evm/fork.js";
import type { Block } from "./block.js";
import type { RecoveredSender } from "./blockTransaction.js";
import { InvalidTransactionError } from "./invalidTransactionError.js";
import { recoverSender } from "./recoverSender.js";

/**
 * Recovers every transaction's sender: one independent pass over the block (the part the parallel
 * executor can spread across workers). A signature that does not recover yields its error in that
 * slot instead of throwing, so the block reports it at that transaction's turn, after any earlier
 * transaction's own error, as a client executing in order would.
 */
export function recoverSenders(
  block: Block,
  fork: Fork,
  from = 0,
  to = block.transactions.length,
): RecoveredSender[] {
  const senders: RecoveredSender[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    try {
      senders[i - from] = recoverSender(block.transactions[i], fork);
    } catch (error) {
      if (!(error instanceof InvalidTransactionError)) throw error;
      senders[i - from] = error;
    }
  }
  return senders;
}
