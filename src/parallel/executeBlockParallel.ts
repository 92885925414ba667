import type { Block } from "../chain/block.js";
import type { BlockExecutionResult } from "../chain/blockExecutionResult.js";
import type { ChainConfig } from "../chain/chainConfig.js";
import { executeBlockWith } from "../chain/executeBlockSequential.js";
import type { StateReader } from "../state/stateReader.js";
import { executeTransactionsParallel, type ParallelOptions } from "./executeTransactionsParallel.js";
import { recoverSendersOnPool } from "./recoverSendersOnPool.js";
import type { WorkerPool } from "./workerPool.js";

/**
 * The block executor with its transaction loop on Block-STM (or the sequential loop, with the reason,
 * when parallelism cannot pay): everything else is the sequential executor's own code.
 */
export function executeBlockParallel(
  pool: WorkerPool,
  chain: ChainConfig,
  state: StateReader,
  block: Block,
  options: ParallelOptions = {},
): BlockExecutionResult {
  // Even a block that would run sequentially: a pool that refuses blocks says so on the first one.
  pool.checkUsable();
  const { result, transactions } = executeBlockWith(
    chain,
    state,
    block,
    {
      ...options,
      // Recovery is independent per transaction: spread over the pool (when senders are neither given nor trusted).
      recoverSenders: (toRecover, fork) => recoverSendersOnPool(pool, toRecover, fork, options.timeoutMs),
    },
    (ctx, blockState, pre, senders) =>
      executeTransactionsParallel(pool, ctx, state, pre, blockState, block, senders, options),
  );
  const { metrics, fallbackReason, commitMs } = transactions.parallel;
  result.parallel = {
    workers: pool.size + 1,
    ...(fallbackReason !== undefined ? { fallbackReason } : {}),
    ...(metrics !== undefined
      ? {
          executions: metrics.executions,
          validationAborts: metrics.validationAborts,
          suspensions: metrics.suspensions,
          executeMs: metrics.executeMs,
          collectMs: metrics.collectMs,
          committedDuringExecution: metrics.committedDuringExecution,
          executeTasksMs: metrics.executeTasksMs,
          validateTasksMs: metrics.validateTasksMs,
        }
      : {}),
    commitMs,
  };
  return result;
}
