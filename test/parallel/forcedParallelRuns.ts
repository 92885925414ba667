import { expect } from "vitest";
import type { Block } from "../../src/chain/block.js";
import type { BlockExecutionResult } from "../../src/chain/blockExecutionResult.js";
import type { ChainConfig } from "../../src/chain/chainConfig.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import type { StateReader } from "../../src/state/stateReader.js";
import { comparableResult } from "./comparableResult.js";

/** Pools of 1, 2 and 7 workers: 2, 3 and 8 threads with the calling thread. */
export function startThreadPools(): WorkerPool[] {
  return [1, 2, 7].map((size) => WorkerPool.start(size));
}

/** How a block is forced onto Block-STM. */
export interface ForcedRunOptions {
  /** The fallback the design takes on this block (matched against fallbackReason); by default none. */
  fallback?: RegExp;
  /** Seeds per pool (default: 4 random ones); each run pauses up to `maxDelayMicros` before its tasks, drawn from its seed. */
  seeds?: readonly number[];
  /** Default: 0 to 59 µs, from the seed. */
  maxDelayMicros?: number;
}

/** Fresh random seeds: failures name the seed to reproduce. */
export function randomSeeds(count: number): number[] {
  return Array.from({ length: count }, () => Math.floor(Math.random() * 2 ** 31));
}

function forcedRuns(
  chain: ChainConfig,
  state: StateReader,
  block: Block,
  pools: readonly WorkerPool[],
  options: ForcedRunOptions,
  check: (run: () => BlockExecutionResult, label: string) => void,
): void {
  const seeds = options.seeds ?? randomSeeds(4);
  for (const pool of pools) {
    for (const seed of seeds) {
      const maxDelayMicros = options.maxDelayMicros ?? seed % 60;
      const label = `${pool.size + 1} threads, seed ${seed}, maxDelayMicros ${maxDelayMicros}`;
      check(
        () =>
          executeBlock(chain, state, block, {
            pool,
            trustSenders: true,
            force: true,
            timeoutMs: 20_000,
            maxDelayMicros,
            seed,
          }),
        label,
      );
    }
  }
}

/**
 * Runs `block` sequentially, then forced onto Block-STM on every pool with every seed, and expects each
 * run to equal the sequential one (receipts, gas, bloom, state diff) and to have stayed parallel (or
 * to have taken the expected fallback). Returns the sequential result.
 */
export function expectForcedRunsEqualSequential(
  chain: ChainConfig,
  state: StateReader,
  block: Block,
  pools: readonly WorkerPool[],
  options: ForcedRunOptions = {},
): BlockExecutionResult {
  const sequential = executeBlock(chain, state, block, { workers: 1, trustSenders: true });
  const expected = comparableResult(sequential);
  forcedRuns(chain, state, block, pools, options, (run, label) => {
    const parallel = run();
    const reason = parallel.parallel?.fallbackReason;
    if (options.fallback === undefined) {
      expect(reason, label).toBeUndefined();
      // Every transaction ran on Block-STM (at least once).
      expect(parallel.parallel?.executions, label).toBeGreaterThanOrEqual(block.transactions.length);
    } else {
      expect(reason, label).toMatch(options.fallback);
    }
    expect(comparableResult(parallel), label).toBe(expected);
  });
  return sequential;
}

/**
 * For an invalid block: expects every forced Block-STM run to reject it with the sequential error
 * (same class and message: same transaction, same reason). Returns that error.
 */
export function expectForcedRunsFailLikeSequential(
  chain: ChainConfig,
  state: StateReader,
  block: Block,
  pools: readonly WorkerPool[],
  options: ForcedRunOptions = {},
): Error {
  let expected: Error | undefined;
  try {
    executeBlock(chain, state, block, { workers: 1, trustSenders: true });
  } catch (error) {
    expected = error as Error;
  }
  if (expected === undefined) throw new Error("the sequential executor accepted the block");
  const failure = expected;
  forcedRuns(chain, state, block, pools, options, (run, label) => {
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown, label).toBeInstanceOf(failure.constructor);
    expect((thrown as Error).message, label).toBe(failure.message);
  });
  return failure;
}
