import type { StateDiff } from "../state/stateDiff.js";
import type { Receipt } from "./receipt.js";

/** Wall-clock milliseconds spent in each phase of a block (performance.now differences). */
export interface BlockTimings {
  /** Signature recovery (0 when senders were trusted or given). */
  senders: number;
  preBlock: number;
  transactions: number;
  postBlock: number;
  /** Receipts root, bloom and state diff. */
  finalize: number;
  /** Computing the post-state root, for executors that compute it (see BlockExecutionResult.stateRoot). */
  stateRoot?: number;
  total: number;
}

/**
 * What executing a block produced. Every executor (sequential, parallel with any worker count) must
 * produce the same result for the same block and state, timings aside.
 */
export interface BlockExecutionResult {
  receipts: Receipt[];
  /** Sum of the transactions' gas used (the header's gasUsed). */
  gasUsed: bigint;
  /** EIP-4844 blob gas used (the header's blobGasUsed from Cancun). */
  blobGasUsed: bigint;
  logsBloom: Uint8Array;
  /**
   * Root of the receipts trie; undefined before Byzantium when the receipts' intermediate state roots
   * are unknown (see `receiptsRootUnavailable`).
   */
  receiptsRoot: Uint8Array | undefined;
  /** Why `receiptsRoot` is undefined. */
  receiptsRootUnavailable?: string;
  /** EIP-7685 requests and their commitment (Prague on). */
  requests: Uint8Array[] | undefined;
  requestsHash: Uint8Array | undefined;
  /**
   * The post-state root, from executors that compute it (an incremental Merkle-Patricia root over the
   * state's trie nodes); undefined while none does, and header checks then report it unchecked.
   */
  stateRoot?: Uint8Array;
  /** The block's net effect on state against the state it ran on, ascending by address. */
  stateDiff: StateDiff;
  /** Block-STM report (workers > 1): metrics, or why the block ran sequentially. */
  parallel?: {
    fallbackReason?: string;
    workers: number;
    executions?: number;
    validationAborts?: number;
    suspensions?: number;
    /** Dispatch to the last worker finishing (execution and validation interleave on the workers). */
    executeMs?: number;
    /** Folding the results still unfolded when the workers finished. */
    collectMs?: number;
    /** Transactions folded while the workers still ran (rolling commit). */
    committedDuringExecution?: number;
    /** Time in execution tasks and in validation tasks, summed over the workers. */
    executeTasksMs?: number;
    validateTasksMs?: number;
    /** Folding results in order: receipts, writes, deferred fees. */
    commitMs: number;
  };
  /** Per-transaction diffs against the state just before each transaction, when asked for. */
  transactionDiffs?: StateDiff[];
  /** The senders used, index-aligned with the transactions. */
  senders: Uint8Array[];
  timings: BlockTimings;
}
