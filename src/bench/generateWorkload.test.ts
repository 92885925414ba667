import { describe, expect, it } from "vitest";
import { encodeTransaction } from "../chain/transactionEncode.js";
import { bytesToHex } from "../primitives/hex.js";
import { BenchKeyring } from "./benchKeyring.js";
import { firstReceiptMismatch } from "./compareReceipts.js";
import { generateWorkload, WORKLOAD_NAMES, type WorkloadName } from "./generateWorkload.js";
import { prepareEthereumjs, runEthereumjs } from "./runEthereumjs.js";
import { runOurs } from "./runOurs.js";
import { memoryStateFrom } from "./workload.js";
import { workloadBlock } from "./workloadBlock.js";

// In-memory keyring: tests neither read nor write the on-disk signature cache.
const generate = (name: WorkloadName, gas: bigint, seed = 1) =>
  generateWorkload(name, { gas, seed, keyring: new BenchKeyring(`${name}-${seed}`, undefined) });

const fingerprint = (name: WorkloadName, gas: bigint, seed: number) =>
  generate(name, gas, seed).txs.map(({ tx }) => bytesToHex(encodeTransaction(tx)));

describe("generateWorkload", () => {
  it("is deterministic by seed, and a different seed gives a different block", () => {
    const a = fingerprint("mixed", 1_000_000n, 7);
    expect(fingerprint("mixed", 1_000_000n, 7)).toEqual(a);
    expect(fingerprint("mixed", 1_000_000n, 8)).not.toEqual(a);
  });

  it("yields a smaller block's transactions as a prefix of a larger one for the same seed", () => {
    const small = fingerprint("erc20", 500_000n, 3);
    const large = fingerprint("erc20", 1_000_000n, 3);
    expect(large.slice(0, small.length)).toEqual(small);
    expect(large.length).toBeGreaterThan(small.length);
  });

  it("rejects nothing it generates: names list is the CLI's", () => {
    expect(WORKLOAD_NAMES).toEqual(["raw", "raw-hot", "erc20", "erc20-hot", "amm", "amm-hot", "mixed"]);
  });
});

describe.each(WORKLOAD_NAMES)("generated %s block", (name) => {
  const target = 1_500_000n;
  const workload = generate(name, target);
  const state = memoryStateFrom(workload.preState);
  const ours = runOurs(state, workloadBlock(workload), 1, "known");

  it("is sized by gas: within one transaction of the target, every transaction succeeding", () => {
    if (!ours.ok) throw new Error(ours.unavailable);
    const { receipts, gasUsed } = ours.result;
    expect(receipts.every((r) => r.status === 1)).toBe(true);
    expect(Number(gasUsed)).toBeGreaterThanOrEqual(Number(target) * 0.99);
    expect(Number(gasUsed)).toBeLessThan(Number(target) + 100_000);
  });

  it("gets the same receipts from @ethereumjs/vm, senders recovered by ethereumjs", async () => {
    if (!ours.ok) throw new Error(ours.unavailable);
    const theirs = await runEthereumjs(prepareEthereumjs(workload, "journal", "recover"));
    let cumulative = 0n;
    const receipts = theirs.outcomes.map((o) => {
      cumulative += o.gasUsed;
      return { status: o.status, cumulativeGasUsed: cumulative, logs: o.logs };
    });
    expect(firstReceiptMismatch(ours.result.receipts, receipts)).toBeUndefined();
  });
});
