import type { Block } from "../chain/block.js";
import type { BlockExecutionResult } from "../chain/blockExecutionResult.js";
import type { ChainConfig } from "../chain/chainConfig.js";
import { executeBlockSequential } from "../chain/executeBlockSequential.js";
import { PevmError } from "../primitives/errors.js";
import type { StateReader } from "../state/stateReader.js";
import { executeBlockParallel } from "./executeBlockParallel.js";
import type { ParallelOptions } from "./executeTransactionsParallel.js";
import { ParallelTimeoutError } from "./parallelErrors.js";
import { WorkerPool } from "./workerPool.js";

/** Options of the public block executor. */
export interface ExecuteBlockRequest extends ParallelOptions {
  /**
   * Threads executing transactions, the calling thread included (it runs beside `workers - 1` pool
   * workers); 1 runs the sequential oracle. Default 1.
   */
  workers?: number;
  /**
   * A pool to run on: `pool.size + 1` threads, winning over `workers`; default: a shared pool per count.
   * After a block times out on it (ParallelTimeoutError) or one of its workers dies, it refuses blocks
   * (PoolUnusableError, code POOL_UNUSABLE): close it and start a new one.
   */
  pool?: WorkerPool;
}

const defaultPools = new Map<number, WorkerPool>();

/**
 * The shared pool of `size` worker threads, started on first use and reused for every later block
 * (replaced once it refuses blocks: a worker of it died).
 */
export function defaultPool(size: number): WorkerPool {
  let pool = defaultPools.get(size);
  if (pool !== undefined && !pool.usable) {
    discardDefaultPool(size);
    pool = undefined;
  }
  if (pool === undefined) {
    pool = WorkerPool.start(size);
    defaultPools.set(size, pool);
  }
  return pool;
}

function discardDefaultPool(size: number): void {
  const pool = defaultPools.get(size);
  defaultPools.delete(size);
  void pool?.abandon();
}

/** Terminates the shared pools (their idle workers never keep the process alive, but tests tidy up). */
export async function closeDefaultPools(): Promise<void> {
  const pools = [...defaultPools.values()];
  defaultPools.clear();
  await Promise.all(pools.map((pool) => pool.close()));
}

/**
 * Executes `block` on `chain` against the synchronous `state` (left unmodified) and returns receipts,
 * gas, bloom, receipts root, state diff and timings. The result is the same for every worker count:
 * `workers: 1` is the sequential oracle, more runs the transactions on Block-STM.
 */
export function executeBlock(
  chain: ChainConfig,
  state: StateReader,
  block: Block,
  options: ExecuteBlockRequest = {},
): BlockExecutionResult {
  const workers = options.pool === undefined ? (options.workers ?? 1) : options.pool.size + 1;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new PevmError("INVALID_WORKERS", `workers must be a positive integer, got ${workers}`);
  }
  if (workers === 1 && options.pool === undefined)
    return executeBlockSequential(chain, state, block, options);
  if (options.pool !== undefined) return executeBlockParallel(options.pool, chain, state, block, options);
  try {
    return executeBlockParallel(defaultPool(workers - 1), chain, state, block, options);
  } catch (error) {
    // A shared pool whose workers may be stuck in a block is never handed out again.
    if (error instanceof ParallelTimeoutError) discardDefaultPool(workers - 1);
    throw error;
  }
}
