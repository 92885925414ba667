import type { TransactionOutcome } from "../chain/applyTransaction.js";
import type { LazyCredit } from "../chain/executeTransaction.js";
import type { BlockEnv } from "../evm/blockEnv.js";
import type { Fork } from "../evm/fork.js";
import type { AccountWrite } from "../state/accountWrite.js";
import type { ParallelTestHooks } from "./parallelTestHooks.js";
import type { Capacities } from "./sharedLayout.js";
import type { EncodedTransactions } from "./sharedTransactions.js";
import type { WorkerBaseState } from "./workerBaseState.js";

/** The one message a worker receives per block (everything else goes through shared memory). */
export interface BlockJob {
  type: "block";
  jobId: number;
  capacities: Capacities;
  buffers: SharedArrayBuffer[];
  /** The pre-block state: a shared-memory snapshot, or a persistent state read in place. */
  base: WorkerBaseState;
  blockHashes: [bigint, Uint8Array][];
  /** The block's system-call writes (beacon root, history), applied over the base state. */
  preBlockWrites: AccountWrite[][];
  env: BlockEnv;
  fork: Fork;
  /** The transactions and senders, encoded once in shared memory (sharedTransactions). */
  transactions: EncodedTransactions;
  /**
   * Per transaction, the previous transaction of the same sender (-1 if none): it must execute first
   * (its nonce), so the worker suspends on it instead of executing a doomed incarnation.
   */
  senderPredecessors: Int32Array;
  /** Upper bound of a random pause (µs) before each task: property tests use it to shake schedules. */
  maxDelayMicros: number;
  /** PausePoint bits where threads also pause inside tasks, up to maxDelayMicros (0: between tasks only). */
  pausePoints: number;
  seed: number;
  /** Tests only: which threads take tasks, a fault at start-up (see ParallelTestHooks). */
  testHooks?: Pick<ParallelTestHooks, "tasksOn" | "workerStartFault">;
}

/** Sender recovery for a block: workers claim transactions from a shared counter. */
export interface RecoverJob {
  type: "recover";
  /** Encoded with signatures; workers write each recovered sender into its senders buffer. */
  transactions: EncodedTransactions;
  fork: Fork;
  /** Int32 words: [next transaction, workers finished, then per transaction 1 recovered / 2 failed]. */
  progress: SharedArrayBuffer;
}

/** What a worker produced for one transaction incarnation (encoded into the result arena by txResultCodec). */
export interface TxResult {
  tx: number;
  incarnation: number;
  outcome?: TransactionOutcome;
  writes?: AccountWrite[];
  coinbaseFee?: bigint;
  credit?: LazyCredit;
  /** The receipt's logs bloom, computed on the worker. */
  logsBloom?: Uint8Array;
  /** Set when the incarnation found the transaction invalid. */
  invalid?: { reason: string; message: string };
}

/** A worker's report for a block, posted on its result port once it stops (results are in shared memory). */
export interface BlockJobReport {
  jobId: number;
  /** Set when the worker stopped the block (hazard, exhausted arena, unexpected error). */
  failure?: string;
}
