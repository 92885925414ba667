import type { Block } from "../chain/block.js";
import type { BlockExecutionResult } from "../chain/blockExecutionResult.js";
import type { ChainConfig } from "../chain/chainConfig.js";
import { type ExecuteBlockOptions, executeBlockSequential } from "../chain/executeBlockSequential.js";
import { PevmError } from "../primitives/errors.js";
import type { StateReader } from "../state/stateReader.js";

/** Options of the public block executor. */
export interface ExecuteBlockRequest extends ExecuteBlockOptions {
  /** Worker threads; 1 runs the sequential oracle. Default 1. */
  workers?: number;
}

/**
 * Executes `block` on `chain` against the synchronous `state` (left unmodified) and returns receipts,
 * gas, bloom, receipts root, state diff and timings. The result is the same for every worker count.
 * For now only `workers: 1` exists: the Block-STM executor arrives with its issue.
 */
export function executeBlock(
  chain: ChainConfig,
  state: StateReader,
  block: Block,
  options: ExecuteBlockRequest = {},
): BlockExecutionResult {
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new PevmError("INVALID_WORKERS", `workers must be a positive integer, got ${workers}`);
  }
  if (workers !== 1) {
    throw new PevmError(
      "PARALLEL_UNAVAILABLE",
      `parallel execution not available yet (workers: ${workers}); use workers: 1`,
    );
  }
  return executeBlockSequential(chain, state, block, options);
}
