import type { TransactionOutcome } from "../chain/applyTransaction.js";
import type { LazyCredit } from "../chain/executeTransaction.js";
import type { Transaction } from "../chain/transaction.js";
import { ByteReader } from "../primitives/byteCodec.js";
import type { AccountWrite } from "../state/accountWrite.js";
import type { BlockJob } from "./blockJob.js";
import { Scheduler } from "./scheduler.js";
import {
  AbortReason,
  CACHE_LINE_WORDS,
  type Capacities,
  Control,
  capacitiesFor,
  controlLoad,
  createSharedBlockMemory,
  type SharedBlockMemory,
} from "./sharedLayout.js";
import { encodeTransactions } from "./sharedTransactions.js";
import { decodeTxResult } from "./txResultCodec.js";
import type { WorkerPool } from "./workerPool.js";

/** Per-block Block-STM counters. */
export interface ParallelMetrics {
  workers: number;
  /** Transaction executions started (incarnations, counting re-executions). */
  executions: number;
  validationAborts: number;
  suspensions: number;
  /** Wall time of the parallel section (dispatch to last report), ms. */
  executeMs: number;
  /** Draining and matching the workers' reports, ms. */
  collectMs: number;
}

/** One transaction's final result from the parallel run. */
export type ParallelTxResult =
  | {
      outcome: TransactionOutcome;
      writes: AccountWrite[];
      coinbaseFee: bigint;
      credit: LazyCredit | undefined;
      logsBloom: Uint8Array;
      invalid?: undefined;
    }
  | { invalid: { reason: string; message: string } };

export type ParallelRun =
  | { ok: true; results: ParallelTxResult[]; metrics: ParallelMetrics }
  | { ok: false; fallbackReason: string; metrics: ParallelMetrics };

/** Inputs of the transaction section of a block: the block job's payload plus the run's options. */
export type ParallelTransactionsInput = Omit<
  BlockJob,
  "type" | "jobId" | "capacities" | "buffers" | "maxDelayMicros" | "seed" | "transactions"
> & {
  transactions: readonly Transaction[];
  senders: readonly Uint8Array[];
  /** Watchdog: a block still running after this long is a hang (default 60 s). */
  timeoutMs?: number;
  maxDelayMicros?: number;
  seed?: number;
};

/** The watchdog fired: the scheduler's state at that moment is in the message. Close the pool. */
export class ParallelTimeoutError extends Error {
  override name = "ParallelTimeoutError";
}

const memoryByPool = new WeakMap<WorkerPool, SharedBlockMemory>();
let nextJobId = 1;

function fits(have: Capacities, need: Capacities): boolean {
  return (
    have.txs >= need.txs &&
    have.locations >= need.locations &&
    have.entries >= need.entries &&
    have.readWords >= need.readWords &&
    have.writeWords >= need.writeWords &&
    have.dependencies >= need.dependencies &&
    have.codeBytes >= need.codeBytes &&
    have.resultBytes >= need.resultBytes
  );
}

/** Shared memory for a block: the pool's previous one reset in place when big enough, else a new one. */
function blockMemory(pool: WorkerPool, txs: number): SharedBlockMemory {
  const need = capacitiesFor(txs);
  const cached = memoryByPool.get(pool);
  if (cached === undefined || !fits(cached.capacities, need)) {
    const memory = createSharedBlockMemory(need);
    memoryByPool.set(pool, memory);
    return memory;
  }
  const used = Math.min(controlLoad(cached, Control.NextLocationId), cached.capacities.locations);
  cached.control.fill(0);
  cached.txStatus.fill(0);
  cached.txLock.fill(0);
  cached.txDependents.fill(0);
  cached.readSetLength.fill(0);
  cached.writeSetLength.fill(0);
  cached.locationBuckets.fill(0);
  cached.locationHead.fill(0, 0, used);
  cached.locationLock.fill(0, 0, used);
  cached.codeBuckets.fill(0);
  cached.resultLength.fill(0);
  return cached;
}

const ABORT_REASONS: Record<number, string> = {
  [AbortReason.SelfDestructHazard]: "an existing contract's storage was wiped (pre-Cancun SELFDESTRUCT)",
  [AbortReason.ArenaExhausted]: "a shared arena ran out of room",
  [AbortReason.WorkerError]: "a worker failed",
};

/**
 * Runs a block's transactions with Block-STM on `pool` and returns each transaction's final result
 * (coinbase fees deferred: the caller folds them in order), or why the block must run sequentially.
 * Synchronous: the calling thread blocks in Atomics.wait until the workers finish.
 */
export function runParallelTransactions(pool: WorkerPool, input: ParallelTransactionsInput): ParallelRun {
  const txCount = input.transactions.length;
  const memory = blockMemory(pool, txCount);
  const transactions = encodeTransactions(input.transactions, input.senders);
  const jobId = nextJobId++;
  const job: BlockJob = {
    type: "block",
    jobId,
    capacities: memory.capacities,
    buffers: memory.buffers,
    snapshotId: input.snapshotId,
    snapshot: input.snapshot,
    blockHashes: input.blockHashes,
    preBlockWrites: input.preBlockWrites,
    env: input.env,
    fork: input.fork,
    transactions,
    senderPredecessors: input.senderPredecessors,
    maxDelayMicros: input.maxDelayMicros ?? 0,
    seed: input.seed ?? 1,
  };
  const started = performance.now();
  pool.dispatch(job);
  const deadline = started + (input.timeoutMs ?? 60_000);
  const finishedIndex = Control.WorkersFinished * CACHE_LINE_WORDS;
  for (;;) {
    const finished = Atomics.load(memory.control, finishedIndex);
    if (finished >= pool.size) break;
    const left = deadline - performance.now();
    if (left <= 0)
      throw new ParallelTimeoutError(
        `Block-STM watchdog: no completion after ${input.timeoutMs ?? 60_000} ms\n${dumpScheduler(memory, txCount)}`,
      );
    Atomics.wait(memory.control, finishedIndex, finished, Math.min(left, 1000));
  }
  const executeMs = performance.now() - started;
  const reports = pool.collect(jobId);
  const metrics: ParallelMetrics = {
    workers: pool.size,
    executions: controlLoad(memory, Control.Executions),
    validationAborts: controlLoad(memory, Control.ValidationAborts),
    suspensions: controlLoad(memory, Control.Suspensions),
    executeMs,
    collectMs: 0,
  };
  const abort = controlLoad(memory, Control.Abort);
  if (abort !== 0) {
    const detail = reports.find((r) => r.failure)?.failure;
    return {
      ok: false,
      fallbackReason: `${ABORT_REASONS[abort] ?? "aborted"}${detail ? ` (${detail})` : ""}`,
      metrics,
    };
  }
  const scheduler = new Scheduler(memory, txCount);
  // One copy out of shared memory (the arena is reused by the next block); results view into it.
  const arena = memory.resultBytes.slice(0, controlLoad(memory, Control.NextResultByte));
  const results: ParallelTxResult[] = [];
  for (let tx = 0; tx < txCount; tx++) {
    const result =
      memory.resultLength[tx] === 0
        ? undefined
        : decodeTxResult(new ByteReader(arena, memory.resultStart[tx]));
    if (result === undefined || result.tx !== tx || result.incarnation !== scheduler.finalIncarnation(tx))
      throw new Error(`Block-STM lost the result of transaction ${tx}\n${dumpScheduler(memory, txCount)}`);
    if (result.invalid) results.push({ invalid: result.invalid });
    else {
      results.push({
        outcome: result.outcome!,
        writes: result.writes!,
        coinbaseFee: result.coinbaseFee!,
        credit: result.credit,
        logsBloom: result.logsBloom!,
      });
    }
  }
  metrics.collectMs = performance.now() - started - executeMs;
  return { ok: true, results, metrics };
}

/** Scheduler counters and the first unfinished transactions, for watchdog reports. */
export function dumpScheduler(memory: SharedBlockMemory, txCount: number): string {
  const names = ["ready", "executing", "executed", "aborting"];
  const lines = [
    `executionIndex=${controlLoad(memory, Control.ExecutionIndex)} validationIndex=${controlLoad(memory, Control.ValidationIndex)}`,
    `activeTasks=${controlLoad(memory, Control.ActiveTasks)} done=${controlLoad(memory, Control.Done)} abort=${controlLoad(memory, Control.Abort)} workersFinished=${controlLoad(memory, Control.WorkersFinished)}`,
  ];
  let shown = 0;
  for (let tx = 0; tx < txCount && shown < 20; tx++) {
    const word = Atomics.load(memory.txStatus, tx);
    if ((word & 3) !== 2) {
      lines.push(`tx ${tx}: ${names[word & 3]} incarnation ${word >>> 2}`);
      shown++;
    }
  }
  return lines.join("\n");
}
