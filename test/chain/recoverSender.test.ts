import { describe, expect, it } from "vitest";
import { InvalidTransactionError } from "../../src/chain/invalidTransactionError.js";
import { recoverSender, SECP256K1_HALF_N, SECP256K1_N } from "../../src/chain/recoverSender.js";
import { Fork } from "../../src/evm/fork.js";
import { hexToBytes } from "../../src/primitives/hex.js";
import { addressOf, makeTransaction, signTransaction } from "./testSigner.js";

const KEY = hexToBytes("0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidTransactionError) return error.reason;
    throw error;
  }
  return undefined;
}

describe("recoverSender", () => {
  const legacy = signTransaction(makeTransaction(0), KEY);
  const typed = signTransaction(makeTransaction(2), KEY);

  it("recovers legacy and typed senders", () => {
    expect(recoverSender(legacy, Fork.Frontier)).toEqual(addressOf(KEY));
    expect(recoverSender(typed, Fork.London)).toEqual(addressOf(KEY));
  });

  it("accepts high s only in Frontier (EIP-2)", () => {
    const malleated = { ...legacy, s: SECP256K1_N - legacy.s, v: legacy.v === 27n ? 28n : 27n };
    expect(malleated.s > SECP256K1_HALF_N).toBe(true);
    expect(recoverSender(malleated, Fork.Frontier)).toEqual(addressOf(KEY));
    expect(reason(() => recoverSender(malleated, Fork.Homestead))).toBe("INVALID_SIGNATURE");
  });

  it("rejects r and s outside [1, n)", () => {
    expect(reason(() => recoverSender({ ...legacy, r: 0n }, Fork.Cancun))).toBe("INVALID_SIGNATURE");
    expect(reason(() => recoverSender({ ...legacy, r: SECP256K1_N }, Fork.Frontier))).toBe(
      "INVALID_SIGNATURE",
    );
    expect(reason(() => recoverSender({ ...legacy, s: 0n }, Fork.Frontier))).toBe("INVALID_SIGNATURE");
  });

  it("rejects v values that are neither 27/28 nor EIP-155, and typed yParity other than 0/1", () => {
    expect(reason(() => recoverSender({ ...legacy, v: 29n }, Fork.Cancun))).toBe("INVALID_SIGNATURE");
    expect(reason(() => recoverSender({ ...legacy, v: 0n }, Fork.Cancun))).toBe("INVALID_SIGNATURE");
    expect(reason(() => recoverSender({ ...typed, v: 27n }, Fork.Cancun))).toBe("INVALID_SIGNATURE");
  });

  it("rejects a legacy v that disagrees with the transaction's chainId", () => {
    expect(reason(() => recoverSender({ ...legacy, chainId: 1n }, Fork.Cancun))).toBe("INVALID_SIGNATURE");
  });

  it("recovers a different address, not the signer, when a signed field changes", () => {
    expect(recoverSender({ ...typed, nonce: 1n }, Fork.Cancun)).not.toEqual(addressOf(KEY));
  });
});
