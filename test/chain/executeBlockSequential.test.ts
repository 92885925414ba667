import { describe, expect, it } from "vitest";
import { InvalidBlockError } from "../../src/chain/blockErrors.js";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { executeBlockSequential } from "../../src/chain/executeBlockSequential.js";
import { Fork } from "../../src/evm/fork.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import {
  ALICE,
  ALICE_KEY,
  BOB,
  BOB_KEY,
  COINBASE,
  ETHER,
  feeMarketBlock,
  fundedState,
  RECIPIENT,
  transfer,
} from "./syntheticBlock.js";

const PARIS = singleForkChain(Fork.Paris);
const LONDON = singleForkChain(Fork.London);

/** Runs `fn` and returns the InvalidBlockError it throws. */
function invalidBlock(fn: () => unknown): InvalidBlockError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidBlockError) return error;
    throw error;
  }
  throw new Error("expected an InvalidBlockError");
}

describe("executeBlockSequential on synthetic blocks", () => {
  it("executes transfers in order: gas, receipts, fees and a state diff against the pre-state", () => {
    const state = fundedState();
    const block = feeMarketBlock([
      transfer(ALICE_KEY, 0n, 5n),
      transfer(ALICE_KEY, 1n, 6n),
      transfer(BOB_KEY, 0n, 7n),
    ]);
    const result = executeBlockSequential(PARIS, state, block, { transactionDiffs: true });

    expect(result.gasUsed).toBe(63_000n);
    expect(result.receipts.map((r) => [r.status, r.cumulativeGasUsed])).toEqual([
      [1, 21_000n],
      [1, 42_000n],
      [1, 63_000n],
    ]);
    expect(result.receiptsRoot).toBeDefined();
    expect(result.senders.map(bytesToHex)).toEqual([ALICE, ALICE, BOB].map(bytesToHex));
    // Effective price min(10, 7 + 2) = 9: 7 burnt, 2 to the coinbase.
    const byAddress = new Map(result.stateDiff.map((d) => [bytesToHex(d.address), d]));
    expect(byAddress.get(bytesToHex(ALICE))?.after).toMatchObject({
      nonce: 2n,
      balance: ETHER - 11n - 2n * 21_000n * 9n,
    });
    expect(byAddress.get(bytesToHex(RECIPIENT))?.before).toBeUndefined();
    expect(byAddress.get(bytesToHex(RECIPIENT))?.after?.balance).toBe(18n);
    expect(byAddress.get(bytesToHex(COINBASE))?.after?.balance).toBe(3n * 21_000n * 2n);
    // The diff is sorted by address and the pre-state is untouched.
    const addresses = result.stateDiff.map((d) => bytesToHex(d.address));
    expect(addresses).toEqual([...addresses].sort());
    expect(state.getAccount(ALICE)?.nonce).toBe(0n);
    // Each transaction's own diff sees the state left by the one before.
    expect(
      result.transactionDiffs?.[1].find((d) => bytesToHex(d.address) === bytesToHex(ALICE))?.before?.nonce,
    ).toBe(1n);
  });

  it("pays the proof-of-work block reward before the Merge, not after", () => {
    const block = feeMarketBlock([transfer(ALICE_KEY, 0n, 5n)]);
    const coinbase = (chain: typeof PARIS) =>
      executeBlockSequential(chain, fundedState(), block).stateDiff.find(
        (d) => bytesToHex(d.address) === bytesToHex(COINBASE),
      )?.after?.balance;
    expect(coinbase(LONDON)).toBe(2n * ETHER + 21_000n * 2n);
    expect(coinbase(PARIS)).toBe(21_000n * 2n);
  });

  it("executeBlock with workers: 1 is the sequential executor", () => {
    const block = feeMarketBlock([transfer(ALICE_KEY, 0n, 5n)]);
    const a = executeBlock(PARIS, fundedState(), block, { workers: 1 });
    const b = executeBlockSequential(PARIS, fundedState(), block);
    expect(bytesToHex(a.receiptsRoot!)).toBe(bytesToHex(b.receiptsRoot!));
    expect(a.stateDiff).toEqual(b.stateDiff);
  });

  it("names the block and transaction of a nonce gap", () => {
    const block = feeMarketBlock([transfer(ALICE_KEY, 0n, 1n), transfer(ALICE_KEY, 2n, 1n)]);
    const error = invalidBlock(() => executeBlockSequential(PARIS, fundedState(), block));
    expect(error.reason).toBe("NONCE_MISMATCH_TOO_HIGH");
    expect(error.blockNumber).toBe(1n);
    expect(error.txIndex).toBe(1);
    expect(error.message).toContain("block 1 tx 1");
  });

  it("rejects a sender who cannot pay, naming the transaction", () => {
    const block = feeMarketBlock([transfer(BOB_KEY, 0n, 1n), transfer(ALICE_KEY, 0n, 2n * ETHER)]);
    const error = invalidBlock(() => executeBlockSequential(PARIS, fundedState(), block));
    expect([error.reason, error.txIndex]).toEqual(["INSUFFICIENT_ACCOUNT_FUNDS", 1]);
  });

  it("rejects a transaction whose gas limit exceeds what the block has left", () => {
    const block = feeMarketBlock([transfer(ALICE_KEY, 0n, 1n), transfer(BOB_KEY, 0n, 1n)], {
      gasLimit: 30_000n,
    });
    const error = invalidBlock(() => executeBlockSequential(PARIS, fundedState(), block));
    expect([error.reason, error.txIndex, error.field]).toEqual(["GAS_ALLOWANCE_EXCEEDED", 1, "gasLimit"]);
  });

  it("reports a signature that does not recover at its own transaction", () => {
    const bad = { ...transfer(BOB_KEY, 0n, 1n), r: 0n };
    const block = feeMarketBlock([transfer(ALICE_KEY, 0n, 1n), bad]);
    const error = invalidBlock(() => executeBlockSequential(PARIS, fundedState(), block));
    expect([error.reason, error.txIndex]).toEqual(["INVALID_SIGNATURE", 1]);
  });

  it("a tampered signature recovers someone else, who has no funds", () => {
    const tampered = { ...transfer(ALICE_KEY, 0n, 1n), s: 12345n };
    const error = invalidBlock(() =>
      executeBlockSequential(PARIS, fundedState(), feeMarketBlock([tampered])),
    );
    expect([error.reason, error.txIndex]).toEqual(["INSUFFICIENT_ACCOUNT_FUNDS", 0]);
  });

  it("uses declared senders only when told to trust them", () => {
    const block = { ...feeMarketBlock([transfer(ALICE_KEY, 0n, 1n)]), senders: [BOB] };
    expect(bytesToHex(executeBlockSequential(PARIS, fundedState(), block).senders[0])).toBe(
      bytesToHex(ALICE),
    );
    const trusted = executeBlockSequential(PARIS, fundedState(), block, { trustSenders: true });
    expect(bytesToHex(trusted.senders[0])).toBe(bytesToHex(BOB));
  });

  it("throws a clear error for worker counts that are not positive integers", () => {
    const block = feeMarketBlock([]);
    expect(() => executeBlock(PARIS, fundedState(), block, { workers: 0 })).toThrow(/positive integer/);
  });
});
