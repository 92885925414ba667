import { describe, expect, it } from "vitest";
import { abiWord, eventTopic } from "./abiEncode.js";
import { buildErc20Workload } from "./erc20Workload.js";
import { runOurExecutor } from "./runOurExecutor.js";
import { mappingSlot } from "./storageSlot.js";

const TRANSFER_TOPIC = eventTopic("Transfer(address,address,uint256)");
const BALANCE_OF_SLOT = 0n;

describe("erc20 workload through our executor", () => {
  const workload = buildErc20Workload(20);
  const { outcomes, state } = runOurExecutor(workload);

  it("succeeds for every transfer and returns true", () => {
    expect(outcomes.map((o) => o.status)).toEqual(new Array(20).fill(1));
    for (const o of outcomes) expect(o.output).toEqual(abiWord(1n));
  });

  it("credits each recipient exactly the amount sent and debits each sender", () => {
    for (const { from, to, amount } of workload.transfers) {
      expect(state.storage(workload.token, mappingSlot(to, BALANCE_OF_SLOT))).toBe(amount);
      expect(state.storage(workload.token, mappingSlot(from, BALANCE_OF_SLOT))).toBe(
        workload.initialBalance - amount,
      );
    }
  });

  it("emits one Transfer(from, to, amount) log per transaction, from the token", () => {
    outcomes.forEach((o, i) => {
      const { from, to, amount } = workload.transfers[i];
      expect(o.logs).toHaveLength(1);
      expect(o.logs[0].address).toEqual(workload.token);
      expect(o.logs[0].topics).toEqual([TRANSFER_TOPIC, abiWord(from), abiWord(to)]);
      expect(o.logs[0].data).toEqual(abiWord(amount));
    });
  });

  it("bumps every sender's nonce and charges it gas", () => {
    outcomes.forEach((o, i) => {
      const sender = state.getAccount(workload.txs[i].sender)!;
      expect(sender.nonce).toBe(1n);
      expect(o.gasUsed).toBeGreaterThan(21_000n);
    });
  });
});
