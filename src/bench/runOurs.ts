import type { Block } from "../chain/block.js";
import type { BlockExecutionResult } from "../chain/blockExecutionResult.js";
import { MAINNET } from "../chain/mainnetChain.js";
import { type ExecuteBlockRequest, executeBlock } from "../parallel/executeBlock.js";
import type { StateReader } from "../state/stateReader.js";

/**
 * How senders reach the executor. `known`: the generator's (or fixture's) senders are trusted, so no
 * run times ECDSA recovery; `recover`: every run recovers them from the signatures (about 2 ms each
 * with @noble/curves on the dev box, which then dominates an ERC20 block).
 */
export type SenderMode = "known" | "recover";

/** One timed run of our executor on a block. */
export type OurBlockRun =
  | { ok: true; ms: number; result: BlockExecutionResult }
  | { ok: false; unavailable: string };

/**
 * Runs `block` on `state` (left unmodified) with our executor: the sequential oracle for
 * `workers` = 1, Block-STM for more (executeBlock). Every benchmark run of ours goes through here.
 * When executeBlock throws for `workers` > 1 the column is reported unavailable with its message. The time is the whole block call: pre-block system
 * calls, (recovery,) transactions, post-block requests, receipts root, bloom and state diff.
 */
export function runOurs(state: StateReader, block: Block, workers: number, senders: SenderMode): OurBlockRun {
  // No state root: the peer computes none, and the benchmark compares execution (the root's cost is
  // measured by scripts/bench-state-root.mjs).
  const options: ExecuteBlockRequest = {
    workers,
    stateRoot: false,
    ...(senders === "known" ? { trustSenders: true } : {}),
  };
  const start = performance.now();
  let result: BlockExecutionResult;
  try {
    result = executeBlock(MAINNET, state, block, options);
  } catch (error) {
    // The sequential oracle failing is the benchmark's failure; a parallel column is just unavailable.
    if (workers === 1) throw error;
    return { ok: false, unavailable: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, ms: performance.now() - start, result };
}
