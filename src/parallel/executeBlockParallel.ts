import type { Block } from "../chain/block.js";
import { blockContext } from "../chain/blockContext.js";
import type { BlockExecutionResult, BlockTimings } from "../chain/blockExecutionResult.js";
import type { ChainConfig } from "../chain/chainConfig.js";
import { finishBlock, resolveSenders } from "../chain/executeBlockSequential.js";
import { applyPostBlock } from "../chain/postBlock.js";
import { applyPreBlock } from "../chain/preBlock.js";
import { BlockState } from "../state/blockState.js";
import type { StateReader } from "../state/stateReader.js";
import { executeTransactionsParallel, type ParallelOptions } from "./executeTransactionsParallel.js";
import type { WorkerPool } from "./workerPool.js";

/**
 * executeBlockSequential with the transaction loop on Block-STM: the same pre-block steps, the
 * parallel loop (or the sequential one with the reason), the same post-block steps and result assembly.
 */
export function executeBlockParallel(
  pool: WorkerPool,
  chain: ChainConfig,
  state: StateReader,
  block: Block,
  options: ParallelOptions = {},
): BlockExecutionResult {
  const start = performance.now();
  const ctx = blockContext(chain, block.header);
  const senders = resolveSenders(ctx, block, options);
  const afterSenders = performance.now();

  const blockState = new BlockState(state);
  const preBlockWrites = applyPreBlock(ctx, blockState);
  for (const writes of preBlockWrites) blockState.apply(writes);
  const afterPre = performance.now();

  const txs = executeTransactionsParallel(
    pool,
    ctx,
    state,
    preBlockWrites,
    blockState,
    block,
    senders,
    options,
  );
  const afterTxs = performance.now();

  const post = applyPostBlock(ctx, blockState, block, txs.receipts);
  for (const writes of post.writeSets) blockState.apply(writes);
  const afterPost = performance.now();

  const timings: BlockTimings = {
    senders: afterSenders - start,
    preBlock: afterPre - afterSenders,
    transactions: afterTxs - afterPre,
    postBlock: afterPost - afterTxs,
    finalize: 0,
    total: 0,
  };
  const result = finishBlock(ctx, blockState, senders, txs, post, timings);
  const { metrics, fallbackReason, commitMs } = txs.parallel;
  result.parallel = {
    workers: pool.size,
    ...(fallbackReason !== undefined ? { fallbackReason } : {}),
    ...(metrics !== undefined
      ? {
          executions: metrics.executions,
          validationAborts: metrics.validationAborts,
          suspensions: metrics.suspensions,
          executeMs: metrics.executeMs,
        }
      : {}),
    commitMs,
  };
  const end = performance.now();
  timings.finalize = end - afterPost;
  timings.total = end - start;
  return result;
}
