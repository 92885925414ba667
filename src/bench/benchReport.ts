/** One worker count's column: its median time and speedup over our sequential run. */
export interface ParallelResult {
  workers: number;
  /** null when the parallel executor could not run (then `unavailable` says why). */
  ms: number | null;
  speedup: number | null;
  unavailable?: string;
  /** Set when the block ran sequentially (or finished so) on this worker count: why. */
  fallbackReason?: string;
}

/**
 * One workload's line of `pevm bench --json` (a stable contract: checks parse it). Times are
 * medians over `--repeat` runs after warm-ups (three for parallel runs); `seqVsPeer` = peer ms / our sequential ms;
 * `dagBound` = total gas / critical-path gas from the analyzer; `rssPeakMB` the process's peak
 * RSS while our runs of this workload executed (block and pre-state resident).
 */
export interface BenchResult {
  workload: string;
  txs: number;
  gas: number;
  sequentialMs: number;
  parallel: ParallelResult[];
  peer: { name: string; ms: number } | null;
  seqVsPeer: number | null;
  dagBound: number;
  rssPeakMB: number;
}

/** The whole `--json` object. */
export interface BenchReport {
  machine: { cpus: number; node: string };
  results: BenchResult[];
  /** `--workload mainnet`: each block's own line (`results` holds their sum). */
  blocks?: BenchResult[];
}

/** What the human table shows besides the JSON fields. */
export interface BenchExtras {
  /** Generating (or loading) the block, signing included; not part of any timing. */
  generationMs: number;
  /** The analyzer's recorded sequential run. */
  analysisMs: number;
}
