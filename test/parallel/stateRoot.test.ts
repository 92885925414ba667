import { afterAll, describe, expect, it } from "vitest";
import { BenchKeyring } from "../../src/bench/benchKeyring.js";
import { generateWorkload } from "../../src/bench/generateWorkload.js";
import { memoryStateFrom } from "../../src/bench/workload.js";
import { workloadBlock } from "../../src/bench/workloadBlock.js";
import { MAINNET } from "../../src/chain/mainnetChain.js";
import { closeDefaultPools, executeBlock } from "../../src/parallel/executeBlock.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { applyStateDiff } from "../../src/state/applyStateDiff.js";
import { stateRoot } from "../../src/state/stateRoot.js";

/**
 * The post-state root comes from the block's state diff after the transaction loop, so Block-STM and
 * the sequential oracle must give the same one, and it must be the root of the state the diff makes.
 */
describe("executeBlock state root", () => {
  afterAll(async () => {
    await closeDefaultPools();
  });

  const workload = generateWorkload("mixed", {
    gas: 30_000_000n,
    seed: 5,
    keyring: new BenchKeyring("mixed-state-root", undefined),
  });
  // Withdrawals: one to a sender (an existing account), one to a fresh address, and a zero-amount one
  // to another fresh address, which touches an empty account that EIP-161 leaves absent.
  const fresh = (n: number) => Uint8Array.from({ length: 20 }, (_, i) => (i === 0 ? 0xee : n));
  const block = {
    ...workloadBlock(workload),
    withdrawals: [
      { index: 0n, validatorIndex: 1n, address: workload.txs[0].sender, amount: 5n },
      { index: 1n, validatorIndex: 2n, address: fresh(1), amount: 7n },
      { index: 2n, validatorIndex: 3n, address: fresh(2), amount: 0n },
    ],
  };

  it("is the same for workers 1 and 2 (Block-STM forced) and equals the from-scratch root of the post-state", () => {
    const state = memoryStateFrom(workload.preState, workload.blockHashes, { complete: true });
    const sequential = executeBlock(MAINNET, state, block, { workers: 1, trustSenders: true });
    const parallel = executeBlock(MAINNET, state, block, { workers: 2, trustSenders: true, force: true });
    expect(parallel.parallel?.fallbackReason).toBeUndefined();
    expect(sequential.stateRoot).toBeDefined();
    expect(bytesToHex(parallel.stateRoot!)).toBe(bytesToHex(sequential.stateRoot!));
    expect(sequential.timings.stateRoot).toBeGreaterThan(0);

    const post = state.clone();
    applyStateDiff(post, sequential.stateDiff, sequential.postStateTrie);
    expect(post.builtWorldStateTrie).toBe(sequential.postStateTrie);
    expect(post.getAccount(fresh(1))?.balance).toBe(7_000_000_000n);
    expect(post.getAccount(fresh(2))).toBeUndefined();
    expect(bytesToHex(stateRoot(post))).toBe(bytesToHex(sequential.stateRoot!));
    // The pre-state's trie is still the pre-state's.
    expect(bytesToHex(state.worldStateTrie()!.rootHash())).toBe(bytesToHex(stateRoot(state)));
  });

  it("is not computed over a partial state (a block fixture's pre-state), with the reason", () => {
    const partial = memoryStateFrom(workload.preState, workload.blockHashes);
    const result = executeBlock(MAINNET, partial, block, { workers: 1, trustSenders: true });
    expect(result.stateRoot).toBeUndefined();
    expect(result.stateRootUnavailable).toMatch(/full state/);
  });
});
