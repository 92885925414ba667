import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidBlockError } from "../../src/chain/blockErrors.js";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { createAddress } from "../../src/evm/contractAddress.js";
import { Fork } from "../../src/evm/fork.js";
import type { WorkerPool } from "../../src/parallel/workerPool.js";
import { bytesToBigInt, hexToBytes } from "../../src/primitives/hex.js";
import { KECCAK256_EMPTY } from "../../src/primitives/keccak.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { accountAfter, slotAfter } from "./diffLookup.js";
import {
  expectForcedRunsEqualSequential,
  expectForcedRunsFailLikeSequential,
  startThreadPools,
} from "./forcedParallelRuns.js";
import { address, gasOf, word } from "./testValues.js";
import { TransactionList } from "./transactionList.js";

/*
 * A plain transfer to an account without code is a lazy credit on Block-STM: the transaction never
 * reads the recipient, and readers of the account add every credit made to it by earlier transactions
 * (versionedState.ts). These blocks read such accounts every way the EVM can, right after the credit
 * and far from it.
 */

/**
 * Reads the account named by the calldata word whole: slot 0 := BALANCE, slot 1 := EXTCODEHASH,
 * slot 2 := EXTCODESIZE, then CALLs it with the call's value, slot 3 := success and slot 4 := the gas
 * the CALL cost (25,000 more when a valued call must create the account: it was empty).
 */
const PROBER = hexToBytes(
  "0x5f35" + // PUSH0 CALLDATALOAD: the address
    "80315f55" + // DUP1 BALANCE PUSH0 SSTORE
    "803f600155" + // DUP1 EXTCODEHASH PUSH1 1 SSTORE
    "803b600255" + // DUP1 EXTCODESIZE PUSH1 2 SSTORE
    "5a" + // GAS (before)
    "5f5f5f5f3486" + // retSize retOffset argsSize argsOffset = 0, CALLVALUE, DUP7 (the address)
    "5af1" + // GAS CALL
    "5a90600355" + // GAS (after), SWAP1, slot 3 := success
    "9003600455" + // SWAP1 SUB: before - after into slot 4
    "00",
);
/** SELFDESTRUCT to the calldata address (Cancun: sends the balance, the contract stays). */
const BOMB = hexToBytes("0x5f35ff");
/** CREATE of empty code: a code-less account at createAddress(factory, nonce). */
const EMPTY_FACTORY = hexToBytes("0x6000600060006000f05000");
/** CREATE of init code `ADDRESS SELFDESTRUCT`: created and destroyed (EIP-6780) in one transaction. */
const DESTROYING_FACTORY = hexToBytes("0x6130ff5f526002601e5ff05000");
/** CREATE of a contract whose code is one STOP byte. */
const CODE_FACTORY = hexToBytes("0x69600060005360016000f35f52600a60165ff05000");

const chain = singleForkChain(Fork.Cancun);
const COINBASE = new Uint8Array(20).fill(0xc0);
const NEW_ACCOUNT_GAS = 25_000n;

const senders = Array.from({ length: 12 }, (_, i) => address(0xaa, i));
const probers = Array.from({ length: 4 }, (_, i) => address(0xcc, i));
const bomb = address(0xbb, 0);
const emptyFactory = address(0xfa, 0);
const destroyingFactory = address(0xfa, 1);
const codeFactory = address(0xfa, 2);
/** Accounts that do not exist before the block. */
const fresh = (i: number) => address(0xf0, i);

function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 20n });
  for (const prober of probers) state.setAccount(prober, { code: PROBER, nonce: 1n });
  state.setAccount(bomb, { code: BOMB, nonce: 1n });
  state.setAccount(emptyFactory, { code: EMPTY_FACTORY, nonce: 1n });
  state.setAccount(destroyingFactory, { code: DESTROYING_FACTORY, nonce: 1n });
  state.setAccount(codeFactory, { code: CODE_FACTORY, nonce: 1n });
  return state;
}

/** Independent plain transfers (lazy credits to fresh accounts) up to index `until`: parallel work between the cases. */
function fillTo(list: TransactionList, until: number): void {
  while (list.length < until) {
    const i = list.length;
    list.add(senders[i % senders.length], { to: fresh(0x80 + i), value: 1n, gasLimit: 21_000n });
  }
}

/** Calldata naming `target` as a 32-byte word. */
/** A plain transfer's balance check (gas limit 21,000 at the 10 wei fee cap) and what it spends at 9 wei. */
const upfront = (value: bigint) => 21_000n * 10n + value;
const spent = (value: bigint) => 21_000n * 9n + value;

describe("Block-STM lazy credits", () => {
  let pools: WorkerPool[] = [];
  const state = preState();
  beforeAll(() => {
    pools = startThreadPools();
  });
  afterAll(() => Promise.all(pools.map((pool) => pool.close())));

  const A = fresh(1);
  const B = fresh(2);
  const firstSend = 50_000n;
  const backToA = 1_000n;
  const secondSend = 5_000n;

  /**
   * A (new) is credited twice and sends, the second credit right before the send and exactly enough;
   * its recipient B (new) is credited and sends back to A, which is credited once more and sends again,
   * again with exactly enough. `short` makes one of the funding credits a wei short; `lateCredit` puts
   * the second credit right after A's first send.
   */
  function debitsAfterCredits(short?: "first" | "second", lateCredit = false) {
    const list = new TransactionList();
    fillTo(list, 3);
    list.add(senders[0], { to: A, value: 100_000n, gasLimit: 21_000n });
    fillTo(list, 9);
    const secondCredit = upfront(firstSend) - 100_000n - (short === "first" ? 1n : 0n);
    const firstDebit = () => list.add(A, { to: B, value: firstSend, gasLimit: 21_000n });
    const credit = () => list.add(senders[1], { to: A, value: secondCredit, gasLimit: 21_000n });
    if (lateCredit) {
      firstDebit();
      credit();
    } else {
      credit();
      firstDebit();
    }
    fillTo(list, 16);
    list.add(senders[2], { to: B, value: upfront(backToA) - firstSend, gasLimit: 21_000n });
    list.add(B, { to: A, value: backToA, gasLimit: 21_000n });
    const leftToA = upfront(firstSend) - spent(firstSend) + backToA;
    const thirdCredit = upfront(secondSend) - leftToA - (short === "second" ? 1n : 0n);
    list.add(senders[3], { to: A, value: thirdCredit, gasLimit: 21_000n });
    fillTo(list, 20);
    list.add(A, { to: senders[4], value: secondSend, gasLimit: 21_000n });
    fillTo(list, 32);
    return list.block(COINBASE);
  }

  it("accepts debits that only earlier in-block credits make affordable, to the wei", () => {
    const sequential = expectForcedRunsEqualSequential(chain, state, debitsAfterCredits(), pools);
    expect(sequential.receipts.every((receipt) => receipt.status === 1)).toBe(true);
    // Each account kept exactly the fee cap's margin over the gas price it paid.
    const margin = upfront(0n) - spent(0n);
    expect(accountAfter(sequential, A)).toMatchObject({ nonce: 2n, balance: margin });
    expect(accountAfter(sequential, B)).toMatchObject({ nonce: 1n, balance: margin });
  }, 60_000);

  it("rejects a debit whose funding credit is a wei short, as sequential does", () => {
    for (const [short, txIndex] of [
      ["first", 10],
      ["second", 20],
    ] as const) {
      const error = expectForcedRunsFailLikeSequential(chain, state, debitsAfterCredits(short), pools);
      expect(error).toBeInstanceOf(InvalidBlockError);
      expect((error as InvalidBlockError).reason).toBe("INSUFFICIENT_ACCOUNT_FUNDS");
      expect((error as InvalidBlockError).txIndex).toBe(txIndex);
    }
  }, 60_000);

  it("rejects a debit whose funding credit comes right after it, as sequential does", () => {
    const error = expectForcedRunsFailLikeSequential(
      chain,
      state,
      debitsAfterCredits(undefined, true),
      pools,
    );
    expect((error as InvalidBlockError).reason).toBe("INSUFFICIENT_ACCOUNT_FUNDS");
    expect((error as InvalidBlockError).txIndex).toBe(9);
  }, 60_000);

  it("shows a credited new account whole to later contracts: BALANCE, EXTCODEHASH, EXTCODESIZE, CALL and SELFDESTRUCT new-account gas", () => {
    const [F0, F1, F2, F3] = [fresh(10), fresh(11), fresh(12), fresh(13)];
    const list = new TransactionList();
    const probe = (sender: number, prober: number, target: Uint8Array) =>
      list.add(senders[sender], { to: probers[prober], value: 1n, data: word(target), gasLimit: 300_000n });
    fillTo(list, 2);
    list.add(senders[0], { to: F0, value: 1_000n, gasLimit: 21_000n });
    probe(1, 0, F0); // right after the credit
    fillTo(list, 5);
    probe(2, 1, F1); // before F1's credit: creates it with the probe's 1 wei
    fillTo(list, 9);
    list.add(senders[3], { to: F1, value: 500n, gasLimit: 21_000n });
    list.add(senders[4], { to: F2, value: 700n, gasLimit: 21_000n });
    fillTo(list, 12);
    const bombCredited = list.add(senders[5], { to: bomb, value: 3n, data: word(F2) });
    const bombNew = list.add(senders[6], { to: bomb, value: 3n, data: word(F3) });
    list.add(senders[7], { to: F3, value: 200n, gasLimit: 21_000n }); // credit over the bomb's full write
    fillTo(list, 20);
    probe(8, 2, F1);
    fillTo(list, 22);
    probe(9, 3, F3);
    fillTo(list, 32);

    const sequential = expectForcedRunsEqualSequential(chain, state, list.block(COINBASE), pools);
    expect(sequential.receipts.every((receipt) => receipt.status === 1)).toBe(true);
    // What the probes saw sequentially, so the parallel equality above covers these reads.
    const emptyCodeHash = bytesToBigInt(KECCAK256_EMPTY);
    expect(slotAfter(sequential, probers[0], 0n)).toBe(1_000n);
    expect(slotAfter(sequential, probers[0], 1n)).toBe(emptyCodeHash);
    expect(slotAfter(sequential, probers[0], 4n)).toBeLessThan(NEW_ACCOUNT_GAS);
    expect(slotAfter(sequential, probers[1], 0n)).toBeUndefined(); // balance 0, no code hash:
    expect(slotAfter(sequential, probers[1], 1n)).toBeUndefined(); // F1 did not exist yet
    expect(slotAfter(sequential, probers[1], 4n)).toBeGreaterThan(NEW_ACCOUNT_GAS);
    expect(slotAfter(sequential, probers[2], 0n)).toBe(501n);
    expect(slotAfter(sequential, probers[3], 0n)).toBe(203n);
    expect(gasOf(sequential, bombNew) - gasOf(sequential, bombCredited)).toBe(NEW_ACCOUNT_GAS);
    expect(accountAfter(sequential, F3)).toMatchObject({ nonce: 0n, balance: 204n });
  }, 60_000);

  it("keeps credits across a contract created over them with no code, or created and destroyed", () => {
    const [E1, E2] = [createAddress(emptyFactory, 1n), createAddress(emptyFactory, 2n)];
    const D1 = createAddress(destroyingFactory, 1n);
    const list = new TransactionList();
    fillTo(list, 2);
    list.add(senders[0], { to: E1, value: 5_000n, gasLimit: 21_000n });
    list.add(senders[1], { to: emptyFactory, data: Uint8Array.of(1) }); // E1: nonce 1 over the credit
    list.add(senders[2], { to: D1, value: 7_000n, gasLimit: 21_000n });
    list.add(senders[3], { to: destroyingFactory, data: Uint8Array.of(1) }); // D1 and its credit gone
    list.add(senders[4], { to: emptyFactory, data: Uint8Array.of(1) }); // E2
    list.add(senders[5], { to: E2, value: 300n, gasLimit: 21_000n });
    list.add(senders[6], { to: E1, value: 40n, gasLimit: 21_000n });
    fillTo(list, 12);
    list.add(senders[7], { to: D1, value: 9n, gasLimit: 21_000n });
    list.add(senders[8], { to: probers[0], value: 1n, data: word(E1), gasLimit: 300_000n });
    fillTo(list, 32);

    const sequential = expectForcedRunsEqualSequential(chain, state, list.block(COINBASE), pools);
    expect(accountAfter(sequential, E1)).toMatchObject({ nonce: 1n, balance: 5_041n });
    expect(accountAfter(sequential, E2)).toMatchObject({ nonce: 1n, balance: 300n });
    expect(accountAfter(sequential, D1)).toMatchObject({ nonce: 0n, balance: 9n });
    expect(slotAfter(sequential, probers[0], 0n)).toBe(5_040n);
  }, 60_000);

  it("resumes sequentially where a credited account receives code, before or after its credit", () => {
    const C1 = createAddress(codeFactory, 1n);
    for (const creditFirst of [true, false]) {
      const list = new TransactionList();
      fillTo(list, 4);
      const credit = () => list.add(senders[0], { to: C1, value: 5_000n, gasLimit: 21_000n });
      const create = () => list.add(senders[1], { to: codeFactory, data: Uint8Array.of(1) });
      if (creditFirst) credit();
      else create();
      fillTo(list, 9);
      const second = creditFirst ? create() : credit();
      fillTo(list, 24);
      const sequential = expectForcedRunsEqualSequential(chain, state, list.block(COINBASE), pools, {
        fallback: new RegExp(
          `^a lazily credited account received code in the block; transactions ${second}\\.\\. ran sequentially$`,
        ),
      });
      expect(accountAfter(sequential, C1)).toMatchObject({ nonce: 1n, balance: 5_000n });
    }
  }, 60_000);
});
