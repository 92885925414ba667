import { analyzeBlock } from "../chain/analysis/analyzeBlock.js";
import { type DependencyDag, speedupBound } from "../chain/analysis/dependencyDag.js";
import { describeLocation } from "./describeLocation.js";
import { round } from "./stats.js";
import { memoryStateFrom, type Workload } from "./workload.js";

/** Worker counts the report gives the bound min(workers, total / critical path) for. */
const BOUND_WORKERS = [2, 4, 8, 16, 32];

/** `pevm analyze`'s report (also its `--json` output). */
export interface AnalysisReport {
  block: string;
  txs: number;
  gas: number;
  criticalPathGas: number;
  /** Transactions on the heaviest chain. */
  criticalPathTxs: number;
  /** total gas / critical-path gas: the speedup no worker count can beat. */
  speedupBound: number;
  /** min(workers, speedupBound) per worker count. */
  boundByWorkers: Record<string, number>;
  /** Transactions that read nothing an earlier one wrote. */
  independentTxs: number;
  dependencyEdges: number;
  /** Fees are folded lazily (no dependency); only real reads of the coinbase wait for earlier fees. */
  coinbase: { feePayers: number; readers: number; totalFeesWei: string };
  /** The most contended locations, by dependency edges through them. */
  hotLocations: { location: string; dependentReads: number; writers: number }[];
}

/**
 * Analyzes a workload's block: one recorded sequential run over its pre-state (transactions only:
 * pre- and post-block system steps are not part of the DAG), then the report with named
 * locations. Returns the DAG too, for `--dag` and the bench's dagBound.
 */
export function analyzeWorkload(
  workload: Workload,
  top = 10,
): { report: AnalysisReport; dag: DependencyDag } {
  const state = memoryStateFrom(workload.preState, workload.blockHashes);
  const { dag, coinbase } = analyzeBlock(state, workload.env, workload.fork, workload.txs);
  const bound = speedupBound(dag);
  const report: AnalysisReport = {
    block: workload.name,
    txs: dag.gas.length,
    gas: dag.totalGas,
    criticalPathGas: dag.criticalPathGas,
    criticalPathTxs: dag.criticalPath.length,
    speedupBound: round(bound, 2),
    boundByWorkers: Object.fromEntries(BOUND_WORKERS.map((w) => [String(w), round(Math.min(w, bound), 2)])),
    independentTxs: dag.dependencies.filter((deps, i) => deps.length === 0 && !dag.dependsOnAllEarlier[i])
      .length,
    dependencyEdges: dag.dependencies.reduce((sum, deps) => sum + deps.length, 0),
    coinbase: {
      feePayers: coinbase.feePayers,
      readers: coinbase.readers,
      totalFeesWei: coinbase.totalFees.toString(),
    },
    hotLocations: dag.conflicts.slice(0, top).map((c) => ({
      location: describeLocation(c.location, workload.env.coinbase, workload.names),
      dependentReads: c.dependentReads,
      writers: c.writers,
    })),
  };
  return { report, dag };
}

/** The report as text for a terminal. */
export function formatAnalysis(report: AnalysisReport): string {
  const n = (value: number) => value.toLocaleString("en-US");
  const lines = [
    `block ${report.block}: ${n(report.txs)} txs, ${n(report.gas)} gas`,
    `critical path: ${n(report.criticalPathGas)} gas over ${n(report.criticalPathTxs)} txs`,
    `ideal speedup bound: ${report.speedupBound}x (total gas / critical-path gas); with N workers: ${Object.entries(
      report.boundByWorkers,
    )
      .map(([w, b]) => `${w} → ${b}x`)
      .join(", ")}`,
    `dependencies: ${n(report.dependencyEdges)} edges; ${n(report.independentTxs)} txs depend on no earlier tx`,
    `coinbase balance: fees from ${n(report.coinbase.feePayers)} txs (${report.coinbase.totalFeesWei} wei), folded lazily, not dependencies; ` +
      `${n(report.coinbase.readers)} txs read the coinbase and wait for all earlier fees`,
  ];
  if (report.hotLocations.length > 0) {
    lines.push("hottest conflicting locations (dependent reads / writers):");
    for (const [i, h] of report.hotLocations.entries()) {
      lines.push(`  ${String(i + 1).padStart(2)}. ${h.location}: ${n(h.dependentReads)} / ${n(h.writers)}`);
    }
  } else lines.push("no conflicting locations: every transaction is independent");
  return `${lines.join("\n")}\n`;
}
