import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/chain/block.js";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { Fork } from "../../src/evm/fork.js";
import type { WorkerPool } from "../../src/parallel/workerPool.js";
import { hexToBytes } from "../../src/primitives/hex.js";
import { KECCAK256_EMPTY } from "../../src/primitives/keccak.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { accountAfter, slotAfter } from "./diffLookup.js";
import { expectForcedRunsEqualSequential, startThreadPools } from "./forcedParallelRuns.js";
import { address, gasOf, word } from "./testValues.js";
import { type TransactionFields, TransactionList } from "./transactionList.js";

/*
 * Before Spurious Dragon there is no EIP-161: a touch (a zero-value transfer, a zero fee paid to the
 * coinbase) brings a missing account into existence as an empty one, empty accounts stay, and a CALL
 * to a missing account costs new-account gas whatever its value. Block-STM runs these forks without
 * lazy credits (those start at Spurious Dragon) but with the deferred coinbase fee, whose existence
 * rules differ (versionedState.ts).
 */

/**
 * Reads the account named by the calldata word: slot 0 := BALANCE, slot 2 := EXTCODESIZE, then CALLs
 * it (gas 0, the call's value), slot 3 := success and slot 4 := the gas the CALL cost (25,000 more when
 * the account did not exist).
 */
const PROBER = hexToBytes(
  "0x600035" + // PUSH1 0 CALLDATALOAD: the address
    "8031600055" + // DUP1 BALANCE PUSH1 0 SSTORE
    "803b600255" + // DUP1 EXTCODESIZE PUSH1 2 SSTORE
    "5a" + // GAS (before)
    "6000808080" + // retSize retOffset argsSize argsOffset = 0
    "34866000f1" + // CALLVALUE DUP7 (the address) PUSH1 0 (gas) CALL
    "5a90600355" + // GAS (after), SWAP1, slot 3 := success
    "9003600455" + // SWAP1 SUB: before - after into slot 4
    "00",
);
/** SELFDESTRUCT to the calldata address: deletes the contract (and its storage) for good. */
const BOMB = hexToBytes("0x600035ff");

const COINBASE = new Uint8Array(20).fill(0xc0);
const NEW_ACCOUNT_GAS = 25_000n;

const senders = Array.from({ length: 8 }, (_, i) => address(0xaa, i));
const probers = Array.from({ length: 4 }, (_, i) => address(0xcc, i));
const bombs = Array.from({ length: 3 }, (_, i) => address(0xbb, i));
/** Accounts that do not exist before the block. */
const fresh = (i: number) => address(0xf0, i);

function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 20n });
  for (const prober of probers) state.setAccount(prober, { code: PROBER, nonce: 1n });
  for (const bomb of bombs) {
    state.setAccount(bomb, { code: BOMB, nonce: 1n, balance: 1_000n, storage: new Map([[0n, 1n]]) });
  }
  return state;
}

/** Legacy, pre-EIP-155 transactions at 1 wei a gas (0 for a free one). */
function legacyList(): TransactionList {
  return new TransactionList({
    type: 0,
    chainId: undefined,
    gasPrice: 1n,
    maxFeePerGas: 1n,
    maxPriorityFeePerGas: 1n,
    gasLimit: 200_000n,
  });
}

const FREE = { gasPrice: 0n, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n };

/** A pre-London block: no base fee, no beacon root; the coinbase does not exist before it. */
function preLondonBlock(list: TransactionList): Block {
  const block = list.block(COINBASE);
  return {
    ...block,
    header: { ...block.header, baseFeePerGas: undefined, parentBeaconBlockRoot: undefined },
  };
}

/** Everything a generated transaction may name: new accounts, senders, the coinbase, the contracts. */
const targets = [
  ...Array.from({ length: 6 }, (_, i) => fresh(i)),
  senders[0],
  senders[1],
  COINBASE,
  ...bombs,
  probers[0],
];

/** One generated transaction: a plain transfer, a probe of a target, or a bomb's SELFDESTRUCT to a target. */
interface TxSpec {
  sender: number;
  kind: "transfer" | "probe" | "bomb";
  target: number;
  contract: number;
  value: number;
  free: boolean;
}

const txSpec = fc.record({
  sender: fc.nat(senders.length - 1),
  kind: fc.constantFrom("transfer", "probe", "bomb"),
  target: fc.nat(targets.length - 1),
  contract: fc.nat(2),
  value: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })),
  free: fc.boolean(),
}) as fc.Arbitrary<TxSpec>;

function generatedBlock(specs: TxSpec[]): Block {
  const list = legacyList();
  for (const spec of specs) {
    const target = targets[spec.target];
    const fields: TransactionFields =
      spec.kind === "transfer"
        ? { to: target }
        : { to: spec.kind === "probe" ? probers[spec.contract] : bombs[spec.contract], data: word(target) };
    list.add(senders[spec.sender], { ...fields, value: BigInt(spec.value), ...(spec.free ? FREE : {}) });
  }
  return preLondonBlock(list);
}

const FORKS = [Fork.Frontier, Fork.Homestead, Fork.TangerineWhistle];

describe("Block-STM before Spurious Dragon", () => {
  let pools: WorkerPool[] = [];
  const state = preState();
  beforeAll(() => {
    pools = startThreadPools();
  });
  afterAll(() => Promise.all(pools.map((pool) => pool.close())));

  for (const fork of FORKS) {
    const chain = singleForkChain(fork);

    it(`${Fork[fork]}: touches create accounts, destroyed contracts come back empty, the coinbase exists from the first fee, even a zero one`, () => {
      const list = legacyList();
      const at = {
        touchNew: list.add(senders[1], { to: fresh(3), ...FREE }),
        probeCoinbase: list.add(senders[0], { to: probers[0], data: word(COINBASE), ...FREE }),
        probeTouched: list.add(senders[2], { to: probers[1], data: word(fresh(3)) }),
        probeNew: list.add(senders[3], { to: probers[2], data: word(fresh(1)) }),
        bombToNew: list.add(senders[4], { to: bombs[0], data: word(fresh(2)) }),
        bombToExisting: list.add(senders[5], { to: bombs[1], data: word(fresh(3)) }),
        touchDestroyed: list.add(senders[6], { to: bombs[0], data: Uint8Array.of(1) }),
        probeDestroyed: list.add(senders[7], { to: probers[3], data: word(bombs[0]) }),
      };
      // Zero-value transfers that create their recipients, between and after the cases.
      for (let i = 0; i < 24; i++) list.add(senders[i % senders.length], { to: fresh(0x40 + i) });
      const sequential = expectForcedRunsEqualSequential(chain, state, preLondonBlock(list), pools);

      expect(sequential.receipts.length).toBe(list.length);
      // The first transaction's zero fee created the coinbase (a deferred fee of 0 still touches it).
      expect(slotAfter(sequential, probers[0], 4n)).toBeLessThan(NEW_ACCOUNT_GAS);
      expect(slotAfter(sequential, probers[1], 4n)).toBeLessThan(NEW_ACCOUNT_GAS);
      expect(slotAfter(sequential, probers[2], 4n)).toBeGreaterThan(NEW_ACCOUNT_GAS);
      expect(slotAfter(sequential, probers[3], 4n)).toBeLessThan(NEW_ACCOUNT_GAS);
      const empty = { nonce: 0n, balance: 0n, codeHash: KECCAK256_EMPTY };
      expect(accountAfter(sequential, fresh(3))).toEqual({ ...empty, balance: 1_000n });
      expect(accountAfter(sequential, fresh(1))).toEqual(empty);
      expect(accountAfter(sequential, fresh(0x40))).toEqual(empty);
      expect(accountAfter(sequential, bombs[0])).toEqual(empty);
      // Tangerine Whistle charges a SELFDESTRUCT that creates its beneficiary (refunds halve the gap;
      // the two beneficiaries' addresses cost the same calldata gas).
      const gap = gasOf(sequential, at.bombToNew) - gasOf(sequential, at.bombToExisting);
      if (fork === Fork.TangerineWhistle) expect(gap).toBeGreaterThan(0n);
      else expect(gap).toBe(0n);
    }, 60_000);

    it(`${Fork[fork]}: random blocks of transfers, probes and SELFDESTRUCTs, some fee-free, equal sequential`, () => {
      fc.assert(
        fc.property(
          fc.array(txSpec, { minLength: 1, maxLength: 40, size: "max" }),
          fc.integer(),
          (specs, seed) => {
            expectForcedRunsEqualSequential(chain, state, generatedBlock(specs), pools, {
              seeds: [seed >>> 0],
            });
          },
        ),
        { numRuns: Math.max(10, Math.floor(Number(process.env.PEVM_FUZZ_RUNS ?? 60) / 4)) },
      );
    }, 120_000);
  }
});
