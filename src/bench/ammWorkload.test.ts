import { describe, expect, it } from "vitest";
import { abiWord, eventTopic } from "./abiEncode.js";
import { ammAmountOut, buildAmmWorkload } from "./ammWorkload.js";
import { runOurExecutor } from "./runOurExecutor.js";
import { mappingSlot } from "./storageSlot.js";

const SWAP_TOPIC = eventTopic("Swap(address,uint256,uint256,uint256,uint256,address)");
const BALANCE_OF_SLOT = 0n;
const RESERVES_SLOT = 2n;
const UINT112_MASK = (1n << 112n) - 1n;

describe("amm workload through our executor", () => {
  const workload = buildAmmWorkload(5);
  const { outcomes, state } = runOurExecutor(workload);

  // Each swap moves the reserves the next one prices against.
  const expectedOut: bigint[] = [];
  let reserve0 = workload.reserve0;
  let reserve1 = workload.reserve1;
  for (const amountIn of workload.amountsIn) {
    const out = ammAmountOut(amountIn, reserve0, reserve1);
    expectedOut.push(out);
    reserve0 += amountIn;
    reserve1 -= out;
  }

  it("succeeds for every swap and returns the constant-product output", () => {
    expect(outcomes.map((o) => o.status)).toEqual([1, 1, 1, 1, 1]);
    outcomes.forEach((o, i) => {
      expect(o.output).toEqual(abiWord(expectedOut[i]));
    });
  });

  it("pays each swapper its token1 and leaves the pair's reserves equal to its balances", () => {
    workload.txs.forEach(({ sender }, i) => {
      expect(state.storage(workload.token1, mappingSlot(sender, BALANCE_OF_SLOT))).toBe(expectedOut[i]);
    });
    const packed = state.storage(workload.pair, RESERVES_SLOT);
    expect(packed & UINT112_MASK).toBe(reserve0);
    expect((packed >> 112n) & UINT112_MASK).toBe(reserve1);
    expect(state.storage(workload.token0, mappingSlot(workload.pair, BALANCE_OF_SLOT))).toBe(reserve0);
    expect(state.storage(workload.token1, mappingSlot(workload.pair, BALANCE_OF_SLOT))).toBe(reserve1);
  });

  it("logs Transfer in, Transfer out, Sync and Swap for each swap", () => {
    for (const o of outcomes) {
      expect(o.logs).toHaveLength(4);
      expect(o.logs[3].address).toEqual(workload.pair);
      expect(o.logs[3].topics[0]).toEqual(SWAP_TOPIC);
    }
  });
});
