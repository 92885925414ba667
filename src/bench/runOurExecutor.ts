import { applyTransaction, type TransactionOutcome } from "../chain/applyTransaction.js";
import type { MemoryState } from "../state/memoryState.js";
import { memoryStateFrom, type Workload } from "./workload.js";

/** The result of one timed run of a workload. */
export interface OurRun {
  outcomes: TransactionOutcome[];
  /** Wall time of executing and committing all transactions; building the pre-state is excluded. */
  ms: number;
  state: MemoryState;
}

/**
 * Runs `workload` through our sequential executor: a fresh MemoryState from the pre-state, then
 * applyTransaction for each transaction in order with its pre-recovered sender.
 */
export function runOurExecutor(workload: Workload): OurRun {
  const state = memoryStateFrom(workload.preState);
  const { env, fork, txs } = workload;
  const outcomes: TransactionOutcome[] = new Array(txs.length);
  const start = performance.now();
  for (let i = 0; i < txs.length; i++)
    outcomes[i] = applyTransaction(state, env, txs[i].tx, txs[i].sender, fork);
  const ms = performance.now() - start;
  return { outcomes, ms, state };
}
