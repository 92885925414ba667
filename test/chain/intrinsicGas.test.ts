import { describe, expect, it } from "vitest";
import { floorDataGas, intrinsicGas } from "../../src/chain/intrinsicGas.js";
import { Fork } from "../../src/evm/fork.js";
import { makeTransaction } from "./testSigner.js";

// 2 zero bytes and 3 non-zero bytes.
const DATA = Uint8Array.of(0, 1, 0, 2, 3);

describe("intrinsicGas", () => {
  it("charges 21000 for a plain transfer", () => {
    expect(intrinsicGas(makeTransaction(0), Fork.Frontier)).toBe(21000n);
    expect(intrinsicGas(makeTransaction(2), Fork.Prague)).toBe(21000n);
  });

  it("charges 68 per non-zero calldata byte until Istanbul and 16 after (EIP-2028)", () => {
    const tx = makeTransaction(0, { data: DATA });
    expect(intrinsicGas(tx, Fork.Petersburg)).toBe(21000n + 2n * 4n + 3n * 68n);
    expect(intrinsicGas(tx, Fork.Istanbul)).toBe(21000n + 2n * 4n + 3n * 16n);
  });

  it("adds 32000 for creation from Homestead and 2 per initcode word from Shanghai", () => {
    const tx = makeTransaction(0, { to: undefined, data: new Uint8Array(33).fill(1) });
    const calldata = 33n * 16n;
    expect(intrinsicGas(tx, Fork.Frontier)).toBe(21000n + 33n * 68n);
    expect(intrinsicGas(tx, Fork.Homestead)).toBe(53000n + 33n * 68n);
    expect(intrinsicGas(tx, Fork.Paris)).toBe(53000n + calldata);
    expect(intrinsicGas(tx, Fork.Shanghai)).toBe(53000n + calldata + 2n * 2n);
  });

  it("charges 2400 per access-list address and 1900 per storage key", () => {
    const key = new Uint8Array(32);
    const tx = makeTransaction(1, {
      accessList: [
        { address: new Uint8Array(20), storageKeys: [key, key] },
        { address: new Uint8Array(20).fill(1), storageKeys: [] },
      ],
    });
    expect(intrinsicGas(tx, Fork.Berlin)).toBe(21000n + 2n * 2400n + 2n * 1900n);
  });

  it("charges 25000 per EIP-7702 authorization", () => {
    const auth = { chainId: 1n, address: new Uint8Array(20), nonce: 0n, yParity: 0n, r: 1n, s: 1n };
    const tx = makeTransaction(4, { authorizationList: [auth, auth, auth] });
    expect(intrinsicGas(tx, Fork.Prague)).toBe(21000n + 3n * 25000n);
  });
});

describe("floorDataGas (EIP-7623)", () => {
  it("is 0 before Prague", () => {
    expect(floorDataGas(makeTransaction(0, { data: DATA }), Fork.Cancun)).toBe(0n);
  });

  it("is 21000 + 10 per token, a zero byte 1 token and a non-zero byte 4", () => {
    expect(floorDataGas(makeTransaction(0, { data: DATA }), Fork.Prague)).toBe(21000n + 10n * (2n + 4n * 3n));
    expect(floorDataGas(makeTransaction(0), Fork.Prague)).toBe(21000n);
  });

  it("exceeds the intrinsic gas for calldata-heavy transactions", () => {
    const tx = makeTransaction(2, { data: new Uint8Array(1000).fill(0xff) });
    expect(intrinsicGas(tx, Fork.Prague)).toBe(21000n + 16000n);
    expect(floorDataGas(tx, Fork.Prague)).toBe(21000n + 40000n);
  });
});
