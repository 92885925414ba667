import { describe, expect, it } from "vitest";
import { dagToJson } from "../chain/analysis/dagJson.js";
import { encodeFunctionCall } from "./abiEncode.js";
import { analyzeWorkload } from "./analyzeWorkload.js";
import { benchAddress } from "./benchAccount.js";
import { BenchContracts, tokenBalanceSlot } from "./benchContracts.js";
import { BenchKeyring } from "./benchKeyring.js";
import { benchBlockEnv } from "./workload.js";
import { WorkloadBuilder } from "./workloadBuilder.js";

/** A handmade block: `fill` adds transactions to a builder with an in-memory keyring. */
function block(fill: (b: WorkloadBuilder, c: BenchContracts) => void) {
  const builder = new WorkloadBuilder("handmade", {
    gas: 1n,
    seed: 1,
    keyring: new BenchKeyring("t", undefined),
  });
  const contracts = new BenchContracts(builder);
  fill(builder, contracts);
  return analyzeWorkload(builder.build());
}

const pay = (b: WorkloadBuilder, to: Uint8Array) =>
  b.call(b.sender(), to, new Uint8Array(0), 21_000n, 21_000n, 5n);

function transfer(b: WorkloadBuilder, c: BenchContracts, to: Uint8Array) {
  const sender = b.sender();
  const token = c.token(0);
  c.credit(token, sender.address, 1_000_000n);
  b.call(sender, token, encodeFunctionCall("transfer(address,uint256)", [to, 10n]), 100_000n, 52_000n);
}

describe("analyzeWorkload on handmade blocks", () => {
  // Decision: plain ETH transfers are read-modify-write of the recipient's balance, so two payments
  // to one address are dependent. Only the coinbase fee is treated as a lazy update (as the parallel
  // executor folds it); lazy raw-transfer deltas would make these independent, and are not modelled.
  it("two ETH transfers from different senders to one recipient: the second depends on the first", () => {
    const { report, dag } = block((b) => {
      const shop = benchAddress("shop", 0);
      pay(b, shop);
      pay(b, shop);
    });
    expect(dag.dependencies).toEqual([[], [0]]);
    expect(report.speedupBound).toBe(1);
    expect(report.hotLocations[0]).toMatchObject({ dependentReads: 1, writers: 2 });
    expect(report.hotLocations[0].location).toMatch(/^0x[0-9a-f]{4}…[0-9a-f]{4} balance\/nonce$/);
  });

  it("two ERC20 transfers between disjoint accounts: independent, despite both paying the coinbase", () => {
    const { report, dag } = block((b, c) => {
      transfer(b, c, benchAddress("alice", 0));
      transfer(b, c, benchAddress("bob", 0));
    });
    expect(dag.dependencies).toEqual([[], []]);
    expect(report.speedupBound).toBe(2);
    expect(report.coinbase).toMatchObject({ feePayers: 2, readers: 0 });
    expect(dagToJson(dag).txs.map((t) => t.deps)).toEqual([[], []]);
  });

  it("two ERC20 transfers to one recipient: dependent through its named balance slot", () => {
    const { report, dag } = block((b, c) => {
      const carol = benchAddress("carol", 0);
      b.nameSlot(c.token(0), tokenBalanceSlot(carol), "balanceOf[carol]");
      transfer(b, c, carol);
      transfer(b, c, carol);
    });
    expect(dag.dependencies).toEqual([[], [0]]);
    expect(report.hotLocations).toEqual([
      { location: "erc20 token 0 balanceOf[carol]", dependentReads: 1, writers: 2 },
    ]);
  });

  it("a payment to the coinbase reads it, so it waits for every earlier fee", () => {
    const { report, dag } = block((b) => {
      pay(b, benchAddress("dave", 0));
      pay(b, benchAddress("erin", 0));
      pay(b, benchBlockEnv().coinbase);
    });
    expect(dag.dependsOnAllEarlier).toEqual([false, false, true]);
    expect(report.coinbase.readers).toBe(1);
    expect(report.criticalPathGas).toBe(42_000);
  });
});
