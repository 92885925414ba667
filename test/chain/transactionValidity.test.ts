import { describe, expect, it } from "vitest";
import { InvalidTransactionError } from "../../src/chain/invalidTransactionError.js";
import type { Transaction } from "../../src/chain/transaction.js";
import { validateTransaction } from "../../src/chain/transactionValidity.js";
import { Fork } from "../../src/evm/fork.js";
import { makeTransaction } from "./testSigner.js";

function reason(tx: Transaction, fork: Fork, chainId = 1n): string {
  try {
    validateTransaction(tx, fork, chainId);
  } catch (error) {
    if (error instanceof InvalidTransactionError) return error.reason;
    throw error;
  }
  return "valid";
}

const AUTH = { chainId: 1n, address: new Uint8Array(20), nonce: 0n, yParity: 0n, r: 1n, s: 1n };

describe("validateTransaction", () => {
  it("returns the intrinsic and floor gas of a valid transaction", () => {
    const tx = makeTransaction(2, { data: Uint8Array.of(1) });
    expect(validateTransaction(tx, Fork.Prague, 1n)).toEqual({ intrinsicGas: 21016n, floorDataGas: 21040n });
  });

  it("enables each type at its fork", () => {
    const cases: Array<[Transaction["type"], Fork]> = [
      [1, Fork.Berlin],
      [2, Fork.London],
      [3, Fork.Cancun],
      [4, Fork.Prague],
    ];
    for (const [type, fork] of cases) {
      const tx = makeTransaction(type, { authorizationList: type === 4 ? [AUTH] : [] });
      expect(reason(tx, fork - 1), `type ${type} before`).toBe("TYPE_NOT_SUPPORTED");
      expect(reason(tx, fork), `type ${type} at`).toBe("valid");
    }
  });

  it("checks the chain id when the transaction has one", () => {
    expect(reason(makeTransaction(2, { chainId: 5n }), Fork.Cancun)).toBe("INVALID_CHAINID");
    expect(reason(makeTransaction(0, { chainId: undefined }), Fork.Cancun, 5n)).toBe("valid");
  });

  it("rejects nonce 2^64 - 1 (EIP-2681)", () => {
    expect(reason(makeTransaction(0, { nonce: 2n ** 64n - 1n }), Fork.Frontier)).toBe("NONCE_IS_MAX");
    expect(reason(makeTransaction(0, { nonce: 2n ** 64n - 2n }), Fork.Frontier)).toBe("valid");
  });

  it("rejects gasLimit * maxFeePerGas beyond 256 bits", () => {
    const tx = makeTransaction(0, {
      gasLimit: 2n ** 20n,
      gasPrice: 2n ** 236n,
      maxFeePerGas: 2n ** 236n,
      maxPriorityFeePerGas: 2n ** 236n,
    });
    expect(reason(tx, Fork.Cancun)).toBe("GASLIMIT_PRICE_PRODUCT_OVERFLOW");
  });

  it("rejects a priority fee above the max fee", () => {
    expect(reason(makeTransaction(2, { maxPriorityFeePerGas: 11n }), Fork.London)).toBe(
      "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS",
    );
  });

  it("enforces blob transaction shape", () => {
    expect(reason(makeTransaction(3, { to: undefined }), Fork.Cancun)).toBe("TYPE_3_TX_CONTRACT_CREATION");
    expect(reason(makeTransaction(3, { blobVersionedHashes: [] }), Fork.Cancun)).toBe("TYPE_3_TX_ZERO_BLOBS");
    expect(reason(makeTransaction(3, { blobVersionedHashes: [new Uint8Array(32)] }), Fork.Cancun)).toBe(
      "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH",
    );
    const seven = Array.from({ length: 7 }, () => Uint8Array.of(1, ...new Uint8Array(31)));
    expect(reason(makeTransaction(3, { blobVersionedHashes: seven }), Fork.Prague)).toBe("valid");
    expect(reason(makeTransaction(3, { blobVersionedHashes: seven }), Fork.Osaka)).toBe(
      "TYPE_3_TX_BLOB_COUNT_EXCEEDED",
    );
  });

  it("enforces set-code transaction shape", () => {
    expect(reason(makeTransaction(4, { to: undefined, authorizationList: [AUTH] }), Fork.Prague)).toBe(
      "TYPE_4_TX_CONTRACT_CREATION",
    );
    expect(reason(makeTransaction(4), Fork.Prague)).toBe("TYPE_4_EMPTY_AUTHORIZATION_LIST");
  });

  it("caps initcode at 49152 bytes from Shanghai (EIP-3860)", () => {
    const big = makeTransaction(0, { to: undefined, data: new Uint8Array(49153), gasLimit: 10_000_000n });
    expect(reason(big, Fork.Paris)).toBe("valid");
    expect(reason(big, Fork.Shanghai)).toBe("INITCODE_SIZE_EXCEEDED");
    expect(reason({ ...big, data: new Uint8Array(49152) }, Fork.Shanghai)).toBe("valid");
  });

  it("requires the gas limit to cover intrinsic gas and, from Prague, the calldata floor", () => {
    expect(reason(makeTransaction(0, { gasLimit: 20999n }), Fork.Frontier)).toBe("INTRINSIC_GAS_TOO_LOW");
    expect(reason(makeTransaction(0, { gasLimit: 21000n }), Fork.Frontier)).toBe("valid");
    const heavy = makeTransaction(2, { data: new Uint8Array(100).fill(1), gasLimit: 21000n + 1600n });
    expect(reason(heavy, Fork.Cancun)).toBe("valid");
    expect(reason(heavy, Fork.Prague)).toBe("INTRINSIC_GAS_BELOW_FLOOR_GAS_COST");
  });

  it("caps the gas limit at 2^24 from Osaka (EIP-7825)", () => {
    const tx = makeTransaction(2, { gasLimit: 2n ** 24n + 1n });
    expect(reason(tx, Fork.Prague)).toBe("valid");
    expect(reason(tx, Fork.Osaka)).toBe("GAS_LIMIT_EXCEEDS_MAXIMUM");
  });
});
