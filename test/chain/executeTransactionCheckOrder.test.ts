import { describe, expect, it } from "vitest";
import { executeTransaction } from "../../src/chain/executeTransaction.js";
import { InvalidTransactionError } from "../../src/chain/invalidTransactionError.js";
import type { Transaction } from "../../src/chain/transaction.js";
import type { BlockEnv } from "../../src/evm/blockEnv.js";
import { Fork } from "../../src/evm/fork.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { makeTransaction } from "./testSigner.js";

// When a transaction breaks several rules, the reason reported is the first failing check in geth's
// order (core/state_transition.go: preCheck checks the nonce, EIP-3607 sender code, maxFeePerGas
// against the base fee, the blob fee, then buyGas checks the balance; only then does execute check
// the intrinsic gas and the EIP-7623 floor). The ethereum/tests InvalidBlocks fixtures were filled
// by geth: bcStateTests/EmptyTransaction, UserTransactionGasLimitIsTooLowWhenZeroCost and
// txCost-sec73 each carry a transaction under its intrinsic gas that also cannot pay, and expect
// INSUFFICIENT_MAX_FEE_PER_GAS|INSUFFICIENT_ACCOUNT_FUNDS.

const SENDER = new Uint8Array(20).fill(0xaa);
const BASE_FEE = 7n;

function blockEnv(): BlockEnv {
  return {
    number: 1n,
    coinbase: new Uint8Array(20).fill(0xcb),
    timestamp: 1000n,
    gasLimit: 30_000_000n,
    baseFee: BASE_FEE,
    difficulty: 0n,
    prevRandao: new Uint8Array(32),
    excessBlobGas: 0n,
    chainId: 1n,
  };
}

function rejection(tx: Transaction, fork: Fork, senderBalance: bigint): string {
  const state = new MemoryState();
  state.setAccount(SENDER, { balance: senderBalance });
  try {
    executeTransaction(state, blockEnv(), tx, SENDER, fork);
  } catch (error) {
    if (error instanceof InvalidTransactionError) return error.reason;
    throw error;
  }
  return "included";
}

describe("executeTransaction check order", () => {
  it("reports an unaffordable transaction under its intrinsic gas as INSUFFICIENT_ACCOUNT_FUNDS", () => {
    // 12 gas is below the 21,000 intrinsic gas; 12 * 10 wei is more than the empty balance.
    const tx = makeTransaction(2, { gasLimit: 12n, maxFeePerGas: 10n, maxPriorityFeePerGas: 1n });
    expect(rejection(tx, Fork.Cancun, 0n)).toBe("INSUFFICIENT_ACCOUNT_FUNDS");
  });

  it("reports a max fee below the base fee before the intrinsic gas", () => {
    const tx = makeTransaction(2, { gasLimit: 0n, maxFeePerGas: BASE_FEE - 1n, maxPriorityFeePerGas: 0n });
    expect(rejection(tx, Fork.Cancun, 10n ** 18n)).toBe("INSUFFICIENT_MAX_FEE_PER_GAS");
  });

  it("reports an unaffordable transaction under its EIP-7623 floor as INSUFFICIENT_ACCOUNT_FUNDS", () => {
    // 100 non-zero bytes: intrinsic 21,000 + 1,600 = 22,600, floor 21,000 + 400 * 10 = 25,000.
    const tx = makeTransaction(2, { gasLimit: 23_000n, data: new Uint8Array(100).fill(1) });
    expect(rejection(tx, Fork.Prague, 0n)).toBe("INSUFFICIENT_ACCOUNT_FUNDS");
    expect(rejection(tx, Fork.Prague, 10n ** 18n)).toBe("INTRINSIC_GAS_BELOW_FLOOR_GAS_COST");
  });

  it("still rejects a transaction under its intrinsic gas that can pay", () => {
    const tx = makeTransaction(2, { gasLimit: 12n });
    expect(rejection(tx, Fork.Cancun, 10n ** 18n)).toBe("INTRINSIC_GAS_TOO_LOW");
  });

  it("checks stateless rules before the sender's state", () => {
    const tx = makeTransaction(2, { chainId: 5n, gasLimit: 12n });
    expect(rejection(tx, Fork.Cancun, 0n)).toBe("INVALID_CHAINID");
  });
});
