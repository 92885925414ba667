import type { BlockEnv } from "../evm/blockEnv.js";
import type { Fork } from "../evm/fork.js";
import type { Log } from "../evm/log.js";
import { commitWrites } from "../state/commitWrites.js";
import type { MemoryState } from "../state/memoryState.js";
import { type ExecuteOptions, executeTransaction } from "./executeTransaction.js";
import type { Transaction } from "./transaction.js";

/** What one executed transaction produced. */
export interface TransactionOutcome {
  /** 1 success, 0 reverted / exceptional halt. */
  status: 0 | 1;
  /** Gas charged to the sender after refunds (and the EIP-7623 floor). */
  gasUsed: bigint;
  logs: Log[];
  /** Address of the contract a creation deployed. */
  createdAddress: Uint8Array | undefined;
  /** Return or revert data of the top-level call. */
  output: Uint8Array;
}

/**
 * Validates and executes `tx` from `sender` against `state`, committing the result into `state`.
 * Throws InvalidTransactionError (state untouched) when the transaction cannot be included.
 */
export function applyTransaction(
  state: MemoryState,
  env: BlockEnv,
  tx: Transaction,
  sender: Uint8Array,
  fork: Fork,
  options: ExecuteOptions = {},
): TransactionOutcome {
  const { outcome, writes } = executeTransaction(state, env, tx, sender, fork, options);
  commitWrites(state, writes);
  return outcome;
}
