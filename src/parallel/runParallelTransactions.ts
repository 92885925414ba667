import type { Transaction } from "../chain/transaction.js";
import { BlockExecutor, StepOutcome } from "./blockExecutor.js";
import type { BlockJob, TxResult } from "./blockJob.js";
import { ParallelTimeoutError } from "./parallelErrors.js";
import type { ParallelTestHooks } from "./parallelTestHooks.js";
import { randomPauses } from "./pausePoints.js";
import { RollingCommit } from "./rollingCommit.js";
import { Scheduler } from "./scheduler.js";
import {
  AbortReason,
  CACHE_LINE_WORDS,
  type Capacities,
  Control,
  capacitiesFor,
  controlLoad,
  controlStore,
  createSharedBlockMemory,
  type SharedBlockMemory,
} from "./sharedLayout.js";
import { encodeTransactions } from "./sharedTransactions.js";
import type { WorkerPool } from "./workerPool.js";

/** Per-block Block-STM counters. */
export interface ParallelMetrics {
  workers: number;
  /** Transaction executions started (incarnations, counting re-executions). */
  executions: number;
  validationAborts: number;
  suspensions: number;
  /** Wall time of the parallel section (dispatch to the last worker finishing), ms. */
  executeMs: number;
  /** Folding the results that were final only once the workers finished, ms. */
  collectMs: number;
  /** Transactions folded by the rolling commit while the workers still ran. */
  committedDuringExecution: number;
  /** Time in execution tasks and in validation tasks, summed over the workers, ms. */
  executeTasksMs: number;
  validateTasksMs: number;
}

/**
 * Folds transaction `tx`'s final result (called in order, each exactly once). Returns undefined to go
 * on, or why this result must not be folded: the run stops and the caller resumes sequentially at `tx`.
 */
export type FoldResult = (tx: number, result: TxResult) => string | undefined;

/** How a parallel run ended: every transaction folded, or folded up to `committed` and why it stopped. */
export type ParallelRun =
  | { ok: true; metrics: ParallelMetrics }
  | { ok: false; committed: number; fallbackReason: string; metrics: ParallelMetrics };

/** Inputs of the transaction section of a block: the block job's payload plus the run's options. */
export type ParallelTransactionsInput = Omit<
  BlockJob,
  | "type"
  | "jobId"
  | "capacities"
  | "buffers"
  | "maxDelayMicros"
  | "pausePoints"
  | "seed"
  | "transactions"
  | "testHooks"
> & {
  transactions: readonly Transaction[];
  senders: readonly Uint8Array[];
  /** Watchdog: a block still running after this long is a hang (default 60 s). */
  timeoutMs?: number;
  /** Keep going when the run looks like a dependency chain (tests that must exercise Block-STM). */
  ignoreDependencyChains?: boolean;
  maxDelayMicros?: number;
  pausePoints?: number;
  seed?: number;
  testHooks?: ParallelTestHooks;
};

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

/**
 * Shared memory for a block: the pool's previous one reset in place when big enough, else a new one
 * (always a new one when a test shrinks the arenas: a bigger cached one would not run out).
 */
function blockMemory(
  pool: WorkerPool,
  txs: number,
  shrunk: Partial<Capacities> | undefined,
): SharedBlockMemory {
  const need = { ...capacitiesFor(txs), ...shrunk };
  const cached = memoryByPool.get(pool);
  if (cached === undefined || !fits(cached.capacities, need) || shrunk !== undefined) {
    const memory = createSharedBlockMemory(need);
    memoryByPool.set(pool, memory);
    return memory;
  }
  const used = Math.min(controlLoad(cached, Control.NextLocationId), cached.capacities.locations);
  cached.control.fill(0);
  cached.txStatus.fill(0);
  cached.txLock.fill(0);
  cached.txDependents.fill(0);
  cached.readSetStart.fill(0);
  cached.writeSetLength.fill(0);
  cached.locationBuckets.fill(0);
  cached.locationHead.fill(0, 0, used);
  cached.locationLock.fill(0, 0, used);
  cached.codeBuckets.fill(0);
  cached.resultStart.fill(0);
  return cached;
}

const ABORT_REASONS: Record<number, string> = {
  [AbortReason.ArenaExhausted]: "a shared arena ran out of room",
  [AbortReason.WorkerError]: "a worker failed",
};

/** How long the main thread sleeps between rolling-commit attempts when nothing new is final (ms). */
const COMMIT_POLL_MS = 0.2;
/** Times the calling thread looks for a task again before it sleeps (others hold the remaining work). */
const IDLE_SPINS = 256;

/**
 * A run whose wasted work (re-executions plus suspensions mid-execution, on an ESTIMATE) exceeds this
 * multiple of the transactions started is a dependency chain: it stops and the rest of the block runs
 * sequentially. Waits on the same sender's previous transaction are taken before executing and waste
 * nothing (mainnet block 8889776, 82 of 330 transactions behind an earlier one of their sender, stopped
 * on 39 such waits in one run and ran at 1.6x when forced). Measured on 2 workers: swaps on one AMM pair
 * waste ~6x and ran at 0.57x of sequential; ERC20 transfers to one recipient waste ~0.7x and still gain
 * (1.1x).
 */
const MAX_WASTE = 1.5;
/** Transactions started before the waste check applies (early incarnations race on cold state). */
const WASTE_CHECK_AFTER = 24;

/** Why the run looks like a dependency chain, or undefined while it does not. */
function dependencyChain(memory: SharedBlockMemory, txCount: number): string | undefined {
  const started = Math.min(controlLoad(memory, Control.ExecutionIndex), txCount);
  if (started < WASTE_CHECK_AFTER) return undefined;
  const reexecutions = controlLoad(memory, Control.Executions) - started;
  const suspensions = controlLoad(memory, Control.Suspensions) - controlLoad(memory, Control.SenderWaits);
  if (reexecutions + suspensions <= MAX_WASTE * started) return undefined;
  return `dependent block: ${reexecutions} re-executions and ${suspensions} suspensions on estimates over the first ${started} transactions`;
}

/**
 * The job every thread of a run receives, over `memory` (fresh or reset): ids below the transaction
 * count are the transactions' fee locations (see LocationKind).
 */
export function createBlockJob(
  memory: SharedBlockMemory,
  jobId: number,
  input: ParallelTransactionsInput,
): BlockJob {
  controlStore(memory, Control.NextLocationId, input.transactions.length);
  // Readers of result and read-set records take only this block's (see Control.JobId).
  controlStore(memory, Control.JobId, jobId);
  return {
    type: "block",
    jobId,
    capacities: memory.capacities,
    buffers: memory.buffers,
    base: input.base,
    blockHashes: input.blockHashes,
    preBlockWrites: input.preBlockWrites,
    env: input.env,
    fork: input.fork,
    transactions: encodeTransactions(input.transactions, input.senders),
    senderPredecessors: input.senderPredecessors,
    maxDelayMicros: input.maxDelayMicros ?? 0,
    pausePoints: input.pausePoints ?? 0,
    seed: input.seed ?? 1,
    testHooks: input.testHooks,
  };
}

/**
 * Runs a block's transactions with Block-STM on `pool` and the calling thread (pool.size + 1 executors),
 * handing each final result to `fold` in transaction order: as soon as it is final (rolling commit), the
 * calling thread taking a task whenever nothing is ready to fold, then the rest once the workers finish.
 * Synchronous: when it has nothing to do, the calling thread sleeps in Atomics.wait.
 */
export function runParallelTransactions(
  pool: WorkerPool,
  input: ParallelTransactionsInput,
  fold: FoldResult,
): ParallelRun {
  // Before the pool's memory is reset: a pool that refuses blocks may have workers still inside it.
  pool.checkUsable();
  const txCount = input.transactions.length;
  const memory = blockMemory(pool, txCount, input.testHooks?.capacities);
  const job = createBlockJob(memory, nextJobId++, input);
  const jobId = job.jobId;
  const started = performance.now();
  // The calling thread is one of the run's executors: it takes tasks between folds. Built before the
  // workers start, so nothing can throw between their start and the loop that stops them.
  const executor = new BlockExecutor(job, input);
  pool.dispatch(job);
  let executorDone = input.testHooks?.tasksOn === "workers";
  const timeoutMs = input.timeoutMs ?? 60_000;
  const deadline = started + timeoutMs;
  const finishedIndex = Control.WorkersFinished * CACHE_LINE_WORDS;
  const rolling = new RollingCommit(
    memory,
    (tx, incarnation) => executor.localResult(tx, incarnation),
    randomPauses(job.pausePoints, job.maxDelayMicros, { seed: job.seed ^ 0x5bd1e995 }),
  );
  let committed = 0;
  let stopReason: string | undefined;
  const stop = (reason: string) => {
    stopReason = reason;
    Atomics.compareExchange(memory.control, Control.Abort * CACHE_LINE_WORDS, 0, AbortReason.CommitStopped);
  };
  // On a timeout the workers are told to stop, but they may be stuck inside the block: the pool refuses
  // later blocks, and its memory, which they may still write, is never handed to another block.
  const checkDeadline = (): number => {
    const left = deadline - performance.now();
    if (left <= 0) {
      const dump = dumpScheduler(memory, txCount);
      stop("watchdog");
      memoryByPool.delete(pool);
      pool.markUnusable(`a block timed out after ${timeoutMs} ms and its workers may still be running it`);
      throw new ParallelTimeoutError(
        `Block-STM watchdog: no completion after ${timeoutMs} ms (${committed} committed)`,
        dump,
      );
    }
    return left;
  };
  const waitForWorkers = (): void => {
    for (;;) {
      const finished = Atomics.load(memory.control, finishedIndex);
      if (finished >= pool.size) return;
      Atomics.wait(memory.control, finishedIndex, finished, Math.min(checkDeadline(), 1000));
    }
  };
  try {
    for (;;) {
      const finished = Atomics.load(memory.control, finishedIndex);
      if ((executorDone && finished >= pool.size) || stopReason !== undefined) break;
      const before = committed;
      while (stopReason === undefined && committed < txCount) {
        const result = rolling.tryFinal(committed);
        if (result === undefined) break;
        const refused = fold(committed, result);
        if (refused !== undefined) stop(refused);
        else committed++;
      }
      if (committed > before) continue;
      const chain = input.ignoreDependencyChains ? undefined : dependencyChain(memory, txCount);
      if (chain !== undefined) {
        stop(chain);
        break;
      }
      const left = checkDeadline();
      if (!executorDone) {
        const outcome = executor.step();
        if (outcome === StepOutcome.Worked) continue;
        if (outcome === StepOutcome.Done) executorDone = true;
        else if (executor.idleRounds <= IDLE_SPINS) continue;
      }
      Atomics.wait(memory.control, finishedIndex, finished, Math.min(left, COMMIT_POLL_MS));
    }
  } catch (error) {
    executor.release();
    // The fold threw (an invalid transaction): stop the workers before the block's memory is reused.
    if (!(error instanceof ParallelTimeoutError)) {
      stop("the fold failed");
      waitForWorkers();
      pool.collect(jobId);
    }
    throw error;
  }
  executor.reportTimes();
  // The calling thread reads no more state: its remaining results are objects it already holds.
  executor.release();
  waitForWorkers();
  const executeMs = performance.now() - started;
  const committedDuringExecution = committed;
  const reports = pool.collect(jobId);
  const metrics: ParallelMetrics = {
    workers: pool.size + 1,
    executions: controlLoad(memory, Control.Executions),
    validationAborts: controlLoad(memory, Control.ValidationAborts),
    suspensions: controlLoad(memory, Control.Suspensions),
    executeMs,
    collectMs: 0,
    committedDuringExecution,
    executeTasksMs: controlLoad(memory, Control.ExecuteMicros) / 1000,
    validateTasksMs: controlLoad(memory, Control.ValidateMicros) / 1000,
  };
  if (stopReason !== undefined) return { ok: false, committed, fallbackReason: stopReason, metrics };
  const abort = controlLoad(memory, Control.Abort);
  if (abort !== 0) {
    const detail =
      executor.failure !== undefined
        ? `calling thread: ${executor.failure}`
        : reports.find((r) => r.failure)?.failure;
    return {
      ok: false,
      committed,
      fallbackReason: `${ABORT_REASONS[abort] ?? "aborted"}${detail ? ` (${detail})` : ""}`,
      metrics,
    };
  }
  const scheduler = new Scheduler(memory, txCount);
  for (; committed < txCount; committed++) {
    const result = rolling.afterDone(committed, scheduler.finalIncarnation(committed));
    if (result === undefined)
      throw new Error(
        `Block-STM lost the result of transaction ${committed}\n${dumpScheduler(memory, txCount)}`,
      );
    const refused = fold(committed, result);
    if (refused !== undefined) {
      metrics.collectMs = performance.now() - started - executeMs;
      return { ok: false, committed, fallbackReason: refused, metrics };
    }
  }
  metrics.collectMs = performance.now() - started - executeMs;
  return { ok: true, metrics };
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
