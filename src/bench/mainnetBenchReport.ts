import { round } from "./stats.js";

/**
 * One engine on one block: its times and each header field's match. `ms` is the median of the runs
 * after the first (the first alone when there is one run); `firstMs` is the first run, the one that
 * meets this block's contracts cold (see docs/BENCHMARKS.md: both JITs then still recompile).
 */
export interface EngineBlockResult {
  ms: number;
  mgasPerSec: number;
  firstMs: number;
  gasUsedMatch: boolean;
  logsBloomMatch: boolean;
  /** null before Byzantium: those receipts embed state roots that a partial pre-state cannot give. */
  receiptsRootMatch: boolean | null;
}

/** An engine that threw on the block instead of finishing it. */
export interface EngineBlockError {
  error: string;
}

/** One line of the report per fixture block. */
export interface MainnetBlockResult {
  number: number;
  hardfork: string;
  txs: number;
  /** The header's gasUsed. */
  gas: number;
  ours: EngineBlockResult | EngineBlockError;
  ethereumjs: EngineBlockResult | EngineBlockError;
}

/** A block left out of the totals, and why. */
export interface ExcludedBlock {
  number: number;
  reason: string;
}

/** Gas over summed time, for one engine across the blocks that count. */
export interface EngineTotal {
  ms: number;
  mgasPerSec: number;
}

/** Both engines' totals over the counted blocks for one statistic, and their ratio. */
export interface EngineComparison {
  ours: EngineTotal;
  ethereumjs: EngineTotal;
  /** ours Mgas/s divided by ethereumjs Mgas/s (= ethereumjs time / our time on the same gas). */
  ratio: number;
}

/** The report's totals: only blocks where both engines match the header count. */
export interface MainnetBenchTotals extends EngineComparison {
  blocks: number;
  blocksBothMatch: number;
  /** Sum of the counted blocks' gas. */
  gas: number;
  /** The same sums over each block's first run only. */
  firstRun: EngineComparison;
  excluded: ExcludedBlock[];
}

function isError(result: EngineBlockResult | EngineBlockError): result is EngineBlockError {
  return "error" in result;
}

/** Why an engine's result does not count: its error, or the header fields it got wrong; undefined when it matches. */
export function mismatchReason(
  engine: string,
  result: EngineBlockResult | EngineBlockError,
): string | undefined {
  if (isError(result)) return `${engine} threw: ${result.error}`;
  const wrong: string[] = [];
  if (!result.gasUsedMatch) wrong.push("gasUsed");
  if (!result.logsBloomMatch) wrong.push("logsBloom");
  if (result.receiptsRootMatch === false) wrong.push("receiptsRoot");
  return wrong.length === 0 ? undefined : `${engine} differs from the header in ${wrong.join(", ")}`;
}

function total(gas: number, ms: number): EngineTotal {
  return { ms: round(ms, 2), mgasPerSec: ms > 0 ? round(gas / ms / 1000, 2) : 0 };
}

/**
 * Sums the blocks both engines got right (gasUsed, logsBloom, and receiptsRoot where checkable):
 * each engine's Mgas/s is the counted gas over its summed time, so big blocks weigh by their gas.
 * Every other block is listed in `excluded` with the reason.
 */
export function summarizeMainnetBench(blocks: readonly MainnetBlockResult[]): MainnetBenchTotals {
  const counted: Array<{ gas: number; ours: EngineBlockResult; ethereumjs: EngineBlockResult }> = [];
  const excluded: ExcludedBlock[] = [];
  for (const block of blocks) {
    const { ours, ethereumjs } = block;
    const reasons = [mismatchReason("ours", ours), mismatchReason("ethereumjs", ethereumjs)];
    if (isError(ours) || isError(ethereumjs) || reasons.some((r) => r !== undefined)) {
      excluded.push({ number: block.number, reason: reasons.filter((r) => r !== undefined).join("; ") });
    } else {
      counted.push({ gas: block.gas, ours, ethereumjs });
    }
  }
  const gas = counted.reduce((sum, b) => sum + b.gas, 0);
  const compare = (time: (r: EngineBlockResult) => number): EngineComparison => {
    const ours = total(
      gas,
      counted.reduce((sum, b) => sum + time(b.ours), 0),
    );
    const ethereumjs = total(
      gas,
      counted.reduce((sum, b) => sum + time(b.ethereumjs), 0),
    );
    const ratio = ethereumjs.mgasPerSec > 0 ? round(ours.mgasPerSec / ethereumjs.mgasPerSec, 2) : 0;
    return { ours, ethereumjs, ratio };
  };
  return {
    blocks: blocks.length,
    blocksBothMatch: counted.length,
    gas,
    ...compare((r) => r.ms),
    firstRun: compare((r) => r.firstMs),
    excluded,
  };
}
