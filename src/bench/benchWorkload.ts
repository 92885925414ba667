import { speedupBound } from "../chain/analysis/dependencyDag.js";
import type { BlockExecutionResult } from "../chain/blockExecutionResult.js";
import { PevmError } from "../primitives/errors.js";
import { analyzeWorkload } from "./analyzeWorkload.js";
import type { BenchResult, ParallelResult } from "./benchReport.js";
import { type ComparableReceipt, firstReceiptMismatch } from "./compareReceipts.js";
import { loadEthereumjsPeer } from "./loadEthereumjsPeer.js";
import { collectGarbage, type RssSampler } from "./rssSampler.js";
import { runOurs, type SenderMode } from "./runOurs.js";
import { median, round } from "./stats.js";
import { memoryStateFrom, type Workload } from "./workload.js";
import { workloadBlock } from "./workloadBlock.js";

/** How `pevm bench` runs each workload. */
export interface BenchRunOptions {
  /** Worker counts for the parallel columns (1 is our sequential run, always measured). */
  workers: number[];
  peer: "ethereumjs" | "none";
  repeat: number;
  senders: SenderMode;
  sampler: RssSampler;
  /** Called after each step (analysis, each run), for a progress bar. */
  onStep?: (label: string) => void;
  /**
   * Repeat our runs beyond `repeat` (at most 50 rounds) until the sequential runs total this many ms:
   * a 1 ms mainnet block timed 5 times read anywhere from 0.45x to 1.4x on the same code path.
   */
  minTimedMs?: number;
}

/** The benchmark of one workload, plus what a dump and the table need. */
export interface WorkloadBenchmark {
  result: BenchResult;
  analysisMs: number;
  /** Our sequential result (header fields for `--dump`). */
  sequential: BlockExecutionResult;
}

/**
 * Untimed runs of each parallel worker count before its timed ones: every pool worker warms its own JIT.
 * Measured here: erc20 blocks on 2 threads ran at 1.03x, 1.10x, 1.20x and 1.36x of sequential over
 * their first four groups of 7 runs.
 */
const PARALLEL_WARMUPS = 3;
/** Most timed rounds a small block gets under `minTimedMs`. */
const MAX_ROUNDS = 50;

/** Steps benchWorkload reports through onStep: analysis, then (warm-ups + repeats) × runs. */
export function benchSteps(options: Pick<BenchRunOptions, "workers" | "peer" | "repeat">): number {
  const parallel = options.workers.filter((w) => w > 1).length;
  const peer = options.peer === "none" ? 0 : 1;
  return 1 + (options.repeat + 1) * (1 + peer) + (options.repeat + PARALLEL_WARMUPS) * parallel;
}

/**
 * One untimed run of our executor per worker count. The mainnet benchmark warms up on every block before
 * timing any: a fresh process timed block by block measured the JIT compiling each block's new code paths
 * (the first fixture block read 11.3 ms sequentially, 0.8 ms once warm), which swamped small blocks.
 */
export function warmUpOurs(workload: Workload, workers: readonly number[], senders: SenderMode): void {
  const state = memoryStateFrom(workload.preState, workload.blockHashes);
  const block = workloadBlock(workload);
  for (const count of workers) runOurs(state, block, count, senders);
}

/** A run whose receipts differ from our sequential oracle: the benchmark is void. */
export class BenchMismatchError extends PevmError {
  override name = "BenchMismatchError";
  constructor(workload: string, who: string, mismatch: string) {
    super("BENCH_MISMATCH", `${who} disagrees with our sequential run on ${workload}: ${mismatch}`);
  }
}

/**
 * Benchmarks one workload in this process on one block and pre-state: the analyzer's recorded run
 * (dagBound), then our sequential run and each parallel worker count, then the peer, each with
 * warm-up runs and `repeat` timed runs. Every run's receipts must equal the first sequential run's
 * (BenchMismatchError otherwise). Ours run before the peer so the peer's garbage does not count in
 * our peak RSS.
 */
export async function benchWorkload(
  workload: Workload,
  options: BenchRunOptions,
): Promise<WorkloadBenchmark> {
  const report = options.onStep ?? (() => {});
  let step = report;
  const analysisStart = performance.now();
  const dagBound = speedupBound(analyzeWorkload(workload).dag);
  const analysisMs = performance.now() - analysisStart;
  step("analyze");

  const state = memoryStateFrom(workload.preState, workload.blockHashes);
  const block = workloadBlock(workload);
  collectGarbage();
  options.sampler.reset();

  const first = runOurs(state, block, 1, options.senders);
  if (!first.ok) throw new Error(`our sequential executor is unavailable: ${first.unavailable}`);
  const oracle = first.result;
  step("sequential");
  const sequentialTimes: number[] = [];
  const parallelTimes = new Map<number, number[]>();
  const fallbackReasons = new Map<number, string>();
  const unavailable = new Map<number, string>();
  const parallelCounts = options.workers.filter((w) => w > 1);
  const runParallel = (workers: number, timed: boolean) => {
    if (unavailable.has(workers)) return step(`${workers} workers`);
    let run: ReturnType<typeof runOurs>;
    try {
      run = runOurs(state, block, workers, options.senders);
    } catch (error) {
      run = { ok: false, unavailable: error instanceof Error ? error.message : String(error) };
    }
    if (!run.ok) unavailable.set(workers, run.unavailable);
    else {
      check(workload, `our executor with ${workers} workers`, oracle.receipts, run.result.receipts);
      if (timed) parallelTimes.set(workers, [...(parallelTimes.get(workers) ?? []), run.ms]);
      const reason = run.result.parallel?.fallbackReason;
      if (reason !== undefined) fallbackReasons.set(workers, reason);
    }
    step(`${workers} workers`);
  };
  for (let w = 0; w < PARALLEL_WARMUPS; w++)
    for (const workers of parallelCounts) runParallel(workers, false);
  const runSequential = () => {
    const run = runOurs(state, block, 1, options.senders);
    if (!run.ok) throw new Error(run.unavailable);
    check(workload, "a repeated sequential run", oracle.receipts, run.result.receipts);
    sequentialTimes.push(run.ms);
    step("sequential");
  };
  const rounds = Math.max(
    options.repeat,
    Math.min(MAX_ROUNDS, Math.ceil((options.minTimedMs ?? 0) / Math.max(first.ms, 0.001))),
  );
  for (let r = 0; r < rounds; r++) {
    // Rounds past `repeat` are not progress-bar steps (the bar's total is fixed up front).
    if (r === options.repeat) step = () => {};
    // Alternate which executor goes first: the one after inherits the other's garbage to collect.
    if (r % 2 === 0) runSequential();
    for (const workers of parallelCounts) runParallel(workers, true);
    if (r % 2 === 1) runSequential();
  }
  step = report;
  const rssPeakMB = round(options.sampler.peakMB(), 1);
  const sequentialMs = median(sequentialTimes);

  let peer: BenchResult["peer"] = null;
  if (options.peer === "ethereumjs") {
    const { prepareEthereumjs, runEthereumjs } = await loadEthereumjsPeer();
    const prepared = prepareEthereumjs(workload, "journal", options.senders);
    const peerTimes: number[] = [];
    for (let r = 0; r <= options.repeat; r++) {
      const run = await runEthereumjs(prepared);
      check(workload, "ethereumjs", oracle.receipts, cumulativeReceipts(run.outcomes));
      if (r > 0) peerTimes.push(run.ms);
      step("ethereumjs");
    }
    peer = { name: "ethereumjs", ms: round(median(peerTimes), 2) };
  }

  const parallel: ParallelResult[] = parallelCounts.map((workers) => {
    const reason = unavailable.get(workers);
    if (reason !== undefined) return { workers, ms: null, speedup: null, unavailable: reason };
    const ms = median(parallelTimes.get(workers) ?? []);
    const fallbackReason = fallbackReasons.get(workers);
    return {
      workers,
      ms: round(ms, 2),
      speedup: round(sequentialMs / ms, 2),
      ...(fallbackReason !== undefined ? { fallbackReason } : {}),
    };
  });
  return {
    result: {
      workload: workload.name,
      txs: workload.txs.length,
      gas: Number(oracle.gasUsed),
      sequentialMs: round(sequentialMs, 2),
      parallel,
      peer,
      seqVsPeer: peer === null ? null : round(peer.ms / sequentialMs, 2),
      dagBound: round(dagBound, 2),
      rssPeakMB,
    },
    analysisMs,
    sequential: oracle,
  };
}

function check(
  workload: Workload,
  who: string,
  expected: readonly ComparableReceipt[],
  actual: readonly ComparableReceipt[],
): void {
  const mismatch = firstReceiptMismatch(expected, actual);
  if (mismatch !== undefined) throw new BenchMismatchError(workload.name, who, mismatch);
}

/** Per-transaction outcomes as receipts with cumulative gas. */
function cumulativeReceipts(
  outcomes: readonly { status: 0 | 1; gasUsed: bigint; logs: ComparableReceipt["logs"] }[],
): ComparableReceipt[] {
  let cumulative = 0n;
  return outcomes.map((o) => {
    cumulative += o.gasUsed;
    return { status: o.status, cumulativeGasUsed: cumulative, logs: o.logs };
  });
}
