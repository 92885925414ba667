import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/chain/block.js";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { createAddress } from "../../src/evm/contractAddress.js";
import { Fork } from "../../src/evm/fork.js";
import type { WorkerPool } from "../../src/parallel/workerPool.js";
import { hexToBytes } from "../../src/primitives/hex.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { addressOf, signAuthorization } from "../chain/testSigner.js";
import { accountAfter, slotAfter } from "./diffLookup.js";
import { expectForcedRunsEqualSequential, startThreadPools } from "./forcedParallelRuns.js";
import { gasOf, word } from "./testValues.js";
import { TransactionList } from "./transactionList.js";

/*
 * Block-STM defers every transaction's coinbase fee (versionedState.ts): a reader of the coinbase adds
 * the fees of the transactions before it, and must also see the account exist or not exist as the
 * sequential executor left it, where each fee payment touched it. Two ways that differs from "the
 * version read plus the fees": EIP-161 deletes an empty coinbase at its first zero-fee touch, even one
 * that existed before the block; and a transaction that destroys the coinbase burns its own fee with it.
 */

/**
 * CALLs the account named by the calldata word with the call's value (gas 0): slot 0 := its BALANCE,
 * slot 4 := the gas the CALL cost (25,000 more when it had to create the account). Pre-Constantinople
 * opcodes only, so every fork runs it.
 */
const PROBER = hexToBytes("0x6000358031600055" + "5a6000808080" + "34866000f1" + "505a9003600455" + "00");
/** SELFDESTRUCT to the caller. */
const DESTROYER = hexToBytes("0x33ff");
/** CREATE of init code `ADDRESS SELFDESTRUCT`: created and destroyed (EIP-6780) in one transaction. */
const DESTROYING_FACTORY = hexToBytes("0x6130ff5f526002601e5ff05000");
const NEW_ACCOUNT_GAS = 25_000n;

const senders = Array.from({ length: 12 }, (_, i) => new Uint8Array(20).fill(0xa0 + i));
const prober = new Uint8Array(20).fill(0xcc);
const destroyingFactory = new Uint8Array(20).fill(0xfa);

function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 20n });
  state.setAccount(prober, { code: PROBER, nonce: 1n });
  state.setAccount(destroyingFactory, { code: DESTROYING_FACTORY, nonce: 1n });
  return state;
}

/** Transactions the fork accepts: legacy ones at 1 wei a gas before London, else 2 wei tips over base fee 7. */
function listFor(fork: Fork): TransactionList {
  return fork >= Fork.London
    ? new TransactionList()
    : new TransactionList({
        type: 0,
        chainId: undefined,
        gasPrice: 1n,
        maxFeePerGas: 1n,
        maxPriorityFeePerGas: 1n,
      });
}

/** The block with only the header fields its fork knows. */
function blockFor(fork: Fork, list: TransactionList, coinbase: Uint8Array): Block {
  const block = list.block(coinbase);
  const header = { ...block.header };
  if (fork < Fork.Cancun) header.parentBeaconBlockRoot = undefined;
  if (fork < Fork.London) header.baseFeePerGas = undefined;
  return { ...block, header };
}

/** Independent plain transfers up to index `until`, each paying the coinbase a fee. */
function fillTo(list: TransactionList, until: number): void {
  while (list.length < until) {
    const i = list.length;
    list.add(senders[i % senders.length], {
      to: new Uint8Array(20).fill(0x80 + i),
      value: 1n,
      gasLimit: 21_000n,
    });
  }
}

describe("Block-STM and the coinbase's existence under deferred fees", () => {
  let pools: WorkerPool[] = [];
  beforeAll(() => {
    pools = startThreadPools();
  });
  afterAll(() => Promise.all(pools.map((pool) => pool.close())));

  it("deletes an empty pre-existing coinbase at the first zero tip: its later authorization gets no existing-account refund", () => {
    const chain = singleForkChain(Fork.Prague);
    const keys = [new Uint8Array(32).fill(0x31), new Uint8Array(32).fill(0x32)];
    const [coinbase, missing] = keys.map(addressOf);
    const state = preState();
    state.setAccount(coinbase, {});
    for (const predeploy of [
      "0x00000961ef480eb55e80d19ad83579a64c007002",
      "0x0000bbddc7ce488642fb579f8b00f3a590007251",
    ]) {
      state.setAccount(hexToBytes(predeploy), { code: Uint8Array.of(0x00) });
    }
    for (const tip of [0n, 2n]) {
      const list = new TransactionList({ maxPriorityFeePerGas: tip });
      fillTo(list, 6);
      const ofCoinbase = list.add(senders[0], {
        type: 4,
        to: senders[0],
        authorizationList: [signAuthorization({ chainId: 1n, address: prober, nonce: 0n }, keys[0])],
      });
      const ofMissing = list.add(senders[1], {
        type: 4,
        to: senders[1],
        authorizationList: [signAuthorization({ chainId: 1n, address: prober, nonce: 0n }, keys[1])],
      });
      fillTo(list, 20);
      const sequential = expectForcedRunsEqualSequential(chain, state, list.block(coinbase), pools);
      expect(gasOf(sequential, ofCoinbase) === gasOf(sequential, ofMissing), `tip ${tip}`).toBe(tip === 0n);
      expect(accountAfter(sequential, missing)).toMatchObject({ nonce: 1n });
    }
  }, 60_000);

  for (const fork of [Fork.Frontier, Fork.TangerineWhistle, Fork.SpuriousDragon, Fork.Shanghai]) {
    it(`${Fork[fork]}: a transaction that destroys the coinbase burns its fee; the next one finds no coinbase`, () => {
      const chain = singleForkChain(fork);
      const coinbase = new Uint8Array(20).fill(0xcb);
      const state = preState();
      state.setAccount(coinbase, { code: DESTROYER, nonce: 1n, balance: 5n });
      // With the probe right after the destruction, and without (no later write of the coinbase: only the
      // fees after the destruction reach it).
      for (const probeNext of [true, false]) {
        const list = listFor(fork);
        fillTo(list, 4);
        list.add(senders[0], { to: coinbase, data: Uint8Array.of(1) });
        const probe = probeNext
          ? list.add(senders[1], { to: prober, value: 1n, data: word(coinbase), gasLimit: 200_000n })
          : -1;
        fillTo(list, 20);
        const block = blockFor(fork, list, coinbase);
        const sequential = expectForcedRunsEqualSequential(chain, state, block, pools);
        expect(sequential.receipts.length).toBe(list.length);
        if (!probeNext) continue;
        expect(slotAfter(sequential, prober, 0n)).toBeUndefined(); // BALANCE 0: the fees before it burned
        expect(slotAfter(sequential, prober, 4n)).toBeGreaterThan(NEW_ACCOUNT_GAS);
        expect(gasOf(sequential, probe)).toBeGreaterThan(NEW_ACCOUNT_GAS);
      }
    }, 60_000);
  }

  it("Cancun: a coinbase created and destroyed in one transaction takes that transaction's fee with it", () => {
    const chain = singleForkChain(Fork.Cancun);
    const coinbase = createAddress(destroyingFactory, 1n);
    const state = preState();
    const list = new TransactionList();
    fillTo(list, 6);
    list.add(senders[0], { to: destroyingFactory, data: Uint8Array.of(1) });
    list.add(senders[1], { to: prober, value: 1n, data: word(coinbase), gasLimit: 200_000n });
    fillTo(list, 20);
    const sequential = expectForcedRunsEqualSequential(chain, state, list.block(coinbase), pools);
    expect(slotAfter(sequential, prober, 0n)).toBeUndefined();
    expect(slotAfter(sequential, prober, 4n)).toBeGreaterThan(NEW_ACCOUNT_GAS);
  }, 60_000);
});
