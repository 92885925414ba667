import { describe, expect, it } from "vitest";
import {
  type EngineBlockResult,
  type MainnetBlockResult,
  summarizeMainnetBench,
} from "./mainnetBenchReport.js";

function engine(ms: number, gasUsedMatch = true): EngineBlockResult {
  return { ms, mgasPerSec: 0, firstMs: 2 * ms, gasUsedMatch, logsBloomMatch: true, receiptsRootMatch: null };
}

function block(
  number: number,
  gas: number,
  ours: MainnetBlockResult["ours"],
  ethereumjs: MainnetBlockResult["ethereumjs"],
) {
  return { number, hardfork: "london", txs: 1, gas, ours, ethereumjs };
}

describe("summarizeMainnetBench", () => {
  it("sums gas and time over the blocks both engines match, and gives each engine's Mgas/s and the ratio", () => {
    const totals = summarizeMainnetBench([
      block(1, 10_000_000, engine(100), engine(1000)),
      block(2, 30_000_000, engine(100), engine(1000)),
    ]);
    expect(totals.blocksBothMatch).toBe(2);
    expect(totals.gas).toBe(40_000_000);
    expect(totals.ours).toEqual({ ms: 200, mgasPerSec: 200 });
    expect(totals.ethereumjs).toEqual({ ms: 2000, mgasPerSec: 20 });
    expect(totals.ratio).toBe(10);
    expect(totals.firstRun).toEqual({
      ours: { ms: 400, mgasPerSec: 100 },
      ethereumjs: { ms: 4000, mgasPerSec: 10 },
      ratio: 10,
    });
    expect(totals.excluded).toEqual([]);
  });

  it("leaves out a block either engine got wrong or threw on, with the reason", () => {
    const totals = summarizeMainnetBench([
      block(1, 10_000_000, engine(100), engine(1000)),
      block(2, 10_000_000, engine(100), engine(1000, false)),
      block(3, 10_000_000, { error: "boom" }, engine(1000)),
    ]);
    expect(totals.blocks).toBe(3);
    expect(totals.blocksBothMatch).toBe(1);
    expect(totals.gas).toBe(10_000_000);
    expect(totals.excluded).toEqual([
      { number: 2, reason: "ethereumjs differs from the header in gasUsed" },
      { number: 3, reason: "ours threw: boom" },
    ]);
  });
});
