import { describe, expect, it } from "vitest";
import type { BlockEnv } from "../evm/blockEnv.js";
import { Fork } from "../evm/fork.js";
import { MemoryState } from "../state/memoryState.js";
import { executeTransaction } from "./executeTransaction.js";
import type { Transaction } from "./transaction.js";

// deferCoinbaseFee returns the fee the caller pays the coinbase later instead of paying it: the
// amount the coinbase would have kept, which is nothing when the transaction destroyed it.

const SENDER = new Uint8Array(20).fill(0xaa);
const COINBASE = new Uint8Array(20).fill(0xcb);
/** SELFDESTRUCT to the caller. */
const DESTROYER = Uint8Array.of(0x33, 0xff);

const env: BlockEnv = {
  number: 1n,
  coinbase: COINBASE,
  timestamp: 1n,
  gasLimit: 30_000_000n,
  baseFee: 0n,
  difficulty: 0n,
  prevRandao: new Uint8Array(32),
  excessBlobGas: 0n,
  chainId: 1n,
};

function call(to: Uint8Array): Transaction {
  return {
    type: 0,
    chainId: undefined,
    nonce: 0n,
    gasPrice: 3n,
    maxPriorityFeePerGas: 3n,
    maxFeePerGas: 3n,
    gasLimit: 100_000n,
    to,
    value: 0n,
    data: new Uint8Array(0),
    accessList: [],
    maxFeePerBlobGas: 0n,
    blobVersionedHashes: [],
    authorizationList: [],
    v: 0n,
    r: 0n,
    s: 0n,
  };
}

function state(): MemoryState {
  const memory = new MemoryState();
  memory.setAccount(SENDER, { balance: 10n ** 18n });
  memory.setAccount(COINBASE, { code: DESTROYER, nonce: 1n, balance: 5n });
  return memory;
}

describe("executeTransaction with deferCoinbaseFee", () => {
  it("owes the coinbase gasUsed x tip, and leaves it out of the writes", () => {
    const other = new Uint8Array(20).fill(0x11);
    const executed = executeTransaction(state(), env, call(other), SENDER, Fork.Shanghai, {
      deferCoinbaseFee: true,
    });
    expect(executed.coinbaseFee).toBe(executed.outcome.gasUsed * 3n);
    expect(executed.writes.some((write) => write.address[0] === 0xcb)).toBe(false);
  });

  it("owes nothing when the transaction destroyed the coinbase: paid now, the fee goes with it", () => {
    const paid = executeTransaction(state(), env, call(COINBASE), SENDER, Fork.Shanghai);
    expect(paid.writes.find((write) => write.address[0] === 0xcb)?.deleted).toBe(true);
    const deferred = executeTransaction(state(), env, call(COINBASE), SENDER, Fork.Shanghai, {
      deferCoinbaseFee: true,
    });
    expect(deferred.coinbaseFee).toBe(0n);
    expect(deferred.outcome).toEqual(paid.outcome);
  });
});
