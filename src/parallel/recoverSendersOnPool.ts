import type { Block } from "../chain/block.js";
import type { RecoveredSender } from "../chain/blockTransaction.js";
import { recoverSenders } from "../chain/recoverSenders.js";
import type { Fork } from "../evm/fork.js";
import type { RecoverJob } from "./blockJob.js";
import { ParallelTimeoutError } from "./parallelErrors.js";
import { recoverClaimedSenders } from "./recoverClaimedSenders.js";
import { encodeTransactions } from "./sharedTransactions.js";
import type { WorkerPool } from "./workerPool.js";

/** Below this many transactions per thread, recovering on the calling thread alone is as fast. */
const MIN_TXS_PER_WORKER = 8;

/**
 * Every transaction's sender, recovered across the pool's workers and the calling thread (ECDSA recovery is ~0.1 ms with the
 * native addon and ~1.5 ms with @noble/curves per transaction, independent of the others). Same result
 * as recoverSenders: a signature that does not recover yields its error in that slot, produced by the
 * calling thread so the error object is the sequential one.
 */
export function recoverSendersOnPool(
  pool: WorkerPool,
  block: Block,
  fork: Fork,
  timeoutMs = 60_000,
): RecoveredSender[] {
  const count = block.transactions.length;
  if (count < (pool.size + 1) * MIN_TXS_PER_WORKER) return recoverSenders(block, fork);
  const transactions = encodeTransactions(block.transactions, undefined, true);
  const progress = new Int32Array(new SharedArrayBuffer(4 * (2 + count)));
  const job: RecoverJob = {
    type: "recover",
    transactions,
    fork,
    progress: progress.buffer as SharedArrayBuffer,
  };
  pool.dispatch(job);
  recoverClaimedSenders(job);
  const deadline = performance.now() + timeoutMs;
  for (let finished = Atomics.load(progress, 1); finished < pool.size; finished = Atomics.load(progress, 1)) {
    const left = deadline - performance.now();
    if (left <= 0) {
      const message = `sender recovery: no completion after ${timeoutMs} ms`;
      pool.markUnusable(`${message} (its workers may still be recovering)`);
      throw new ParallelTimeoutError(message);
    }
    Atomics.wait(progress, 1, finished, Math.min(left, 1000));
  }
  const recovered = transactions.senders;
  const senders: RecoveredSender[] = new Array(count);
  for (let i = 0; i < count; i++) {
    senders[i] =
      progress[2 + i] === 1 ? recovered.slice(20 * i, 20 * i + 20) : recoverSenders(block, fork, i, i + 1)[0];
  }
  return senders;
}
