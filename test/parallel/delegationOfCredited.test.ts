import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import type { Authorization } from "../../src/chain/transaction.js";
import { delegationCode } from "../../src/evm/delegation.js";
import { Fork } from "../../src/evm/fork.js";
import type { WorkerPool } from "../../src/parallel/workerPool.js";
import { hexToBytes } from "../../src/primitives/hex.js";
import { KECCAK256_EMPTY, keccak256 } from "../../src/primitives/keccak.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { addressOf, signAuthorization } from "../chain/testSigner.js";
import { accountAfter, slotAfter } from "./diffLookup.js";
import { expectForcedRunsEqualSequential, startThreadPools } from "./forcedParallelRuns.js";
import { gasOf } from "./testValues.js";
import { TransactionList } from "./transactionList.js";

/*
 * EIP-7702 gives an externally owned account code. Block-STM credits plain transfers lazily to accounts
 * without code before the block, so an authorization that gives a credited account code (before or
 * after its credit) is a hazard the parallel path does not model: it stops at that transaction and the
 * sequential loop resumes there (executeTransactionsParallel.ts). An authorization that leaves the
 * account without code is no hazard, and the run stays parallel.
 */

const chain = singleForkChain(Fork.Prague);
const COINBASE = new Uint8Array(20).fill(0xc0);
/** slot 0 += 1: what delegated accounts run, in their own storage. */
const COUNTER = hexToBytes("0x5f546001015f5500");
const counter = new Uint8Array(20).fill(0xcc);
const senders = Array.from({ length: 12 }, (_, i) => new Uint8Array(20).fill(0xa0 + i));
const ZERO_ADDRESS = new Uint8Array(20);

/** Authorities: externally owned accounts that do not exist before the block. */
const keys = Array.from({ length: 5 }, (_, i) => new Uint8Array(32).fill(0x21 + i));
const authorities = keys.map(addressOf);

function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 20n });
  state.setAccount(counter, { code: COUNTER, nonce: 1n });
  // Prague's request contracts (EIP-7002, EIP-7251), here returning no requests.
  for (const predeploy of [
    "0x00000961ef480eb55e80d19ad83579a64c007002",
    "0x0000bbddc7ce488642fb579f8b00f3a590007251",
  ]) {
    state.setAccount(hexToBytes(predeploy), { code: Uint8Array.of(0x00) });
  }
  return state;
}

function authorize(authority: number, delegate: Uint8Array, nonce = 0n): Authorization {
  return signAuthorization({ chainId: 1n, address: delegate, nonce }, keys[authority]);
}

/** Independent plain transfers up to index `until`: parallel work around the cases. */
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

const fallbackAt = (tx: number) =>
  new RegExp(
    `^a lazily credited account received code in the block; transactions ${tx}\\.\\. ran sequentially$`,
  );

describe("Block-STM and EIP-7702 authorizations of lazily credited accounts", () => {
  let pools: WorkerPool[] = [];
  const state = preState();
  beforeAll(() => {
    pools = startThreadPools();
  });
  afterAll(() => Promise.all(pools.map((pool) => pool.close())));

  it("resumes sequentially at a delegation of an account credited earlier in the block", () => {
    const X = authorities[0];
    const list = new TransactionList();
    fillTo(list, 4);
    list.add(senders[0], { to: X, value: 1_000n, gasLimit: 21_000n });
    fillTo(list, 10);
    const delegation = list.add(senders[1], {
      type: 4,
      to: X,
      authorizationList: [authorize(0, counter)],
      gasLimit: 200_000n,
    });
    fillTo(list, 16);
    list.add(senders[2], { to: X, value: 5n }); // now a call into the counter code
    fillTo(list, 24);
    const sequential = expectForcedRunsEqualSequential(chain, state, list.block(COINBASE), pools, {
      fallback: fallbackAt(delegation),
    });
    expect(sequential.receipts.every((receipt) => receipt.status === 1)).toBe(true);
    expect(accountAfter(sequential, X)).toMatchObject({ nonce: 1n, balance: 1_005n });
    expect(slotAfter(sequential, X, 0n)).toBe(2n);
  }, 60_000);

  it("resumes sequentially at a credit to an account delegated earlier in the block", () => {
    const Y = authorities[1];
    const list = new TransactionList();
    fillTo(list, 4);
    list.add(senders[1], {
      type: 4,
      to: senders[1],
      authorizationList: [authorize(1, counter)],
      gasLimit: 200_000n,
    });
    fillTo(list, 10);
    // A plain transfer by its shape; workers credit it lazily (Y had no code before the block), but
    // sequentially it runs Y's delegated code.
    const credit = list.add(senders[0], { to: Y, value: 1_000n });
    fillTo(list, 24);
    const sequential = expectForcedRunsEqualSequential(chain, state, list.block(COINBASE), pools, {
      fallback: fallbackAt(credit),
    });
    expect(sequential.receipts.every((receipt) => receipt.status === 1)).toBe(true);
    expect(slotAfter(sequential, Y, 0n)).toBe(1n);
  }, 60_000);

  it("resumes sequentially at a credited account's own transaction delegating itself, paid from its credit", () => {
    const Z = authorities[2];
    const list = new TransactionList();
    fillTo(list, 4);
    list.add(senders[0], { to: Z, value: 10n ** 16n, gasLimit: 21_000n });
    fillTo(list, 10);
    // The sender's nonce is bumped before authorizations apply: its own authorization names nonce 1.
    const own = list.add(Z, {
      type: 4,
      to: Z,
      authorizationList: [authorize(2, counter, 1n)],
      gasLimit: 200_000n,
    });
    fillTo(list, 24);
    const sequential = expectForcedRunsEqualSequential(chain, state, list.block(COINBASE), pools, {
      fallback: fallbackAt(own),
    });
    expect(accountAfter(sequential, Z)).toMatchObject({
      nonce: 2n,
      codeHash: keccak256(delegationCode(counter)),
    });
  }, 60_000);

  it("stays parallel when authorizations of credited accounts leave them without code", () => {
    const [W, V, U] = [authorities[3], authorities[4], authorities[0]];
    const list = new TransactionList();
    fillTo(list, 4);
    list.add(senders[0], { to: W, value: 1_000n, gasLimit: 21_000n });
    list.add(senders[1], { to: U, value: 2_000n, gasLimit: 21_000n });
    fillTo(list, 10);
    // Delegating to the zero address sets no code but bumps the nonce; an existing authority (W, by its
    // credit) gets the EIP-7702 refund that a missing one (V) does not.
    const credited = list.add(senders[2], {
      type: 4,
      to: senders[2],
      authorizationList: [authorize(3, ZERO_ADDRESS)],
      gasLimit: 200_000n,
    });
    const missing = list.add(senders[3], {
      type: 4,
      to: senders[3],
      authorizationList: [authorize(4, ZERO_ADDRESS)],
      gasLimit: 200_000n,
    });
    // A wrong nonce: the authorization is skipped.
    list.add(senders[4], {
      type: 4,
      to: senders[4],
      authorizationList: [authorize(0, counter, 5n)],
      gasLimit: 200_000n,
    });
    fillTo(list, 14);
    list.add(senders[5], { to: W, value: 30n, gasLimit: 21_000n });
    list.add(senders[6], { to: U, value: 40n, gasLimit: 21_000n });
    fillTo(list, 24);
    const sequential = expectForcedRunsEqualSequential(chain, state, list.block(COINBASE), pools);
    expect(gasOf(sequential, credited)).toBeLessThan(gasOf(sequential, missing));
    const account = { codeHash: KECCAK256_EMPTY };
    expect(accountAfter(sequential, W)).toMatchObject({ ...account, nonce: 1n, balance: 1_030n });
    expect(accountAfter(sequential, V)).toMatchObject({ ...account, nonce: 1n, balance: 0n });
    expect(accountAfter(sequential, U)).toMatchObject({ ...account, nonce: 0n, balance: 2_040n });
  }, 60_000);
});
