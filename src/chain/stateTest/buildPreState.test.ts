import { keccak_256 } from "@noble/hashes/sha3.js";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../../primitives/hex.js";
import { buildPreState, stateTestBlockHashes } from "./buildPreState.js";
import type { PreAccount } from "./stateTestModel.js";

describe("stateTestBlockHashes", () => {
  it("hashes the decimal block number (go-ethereum's vmTestBlockHash)", () => {
    const hashes = stateTestBlockHashes(2n);
    expect(hashes.map(([n]) => n)).toEqual([0n, 1n]);
    // keccak256("1") from an independent implementation (@noble/hashes), not the one under test.
    expect(bytesToHex(hashes[1][1])).toBe(bytesToHex(keccak_256(new TextEncoder().encode("1"))));
    expect(bytesToHex(hashes[1][1])).toBe(
      "0xc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6",
    );
  });

  it("covers only the 256 blocks before the current one", () => {
    const hashes = stateTestBlockHashes(300n);
    expect(hashes.length).toBe(256);
    expect(hashes[0][0]).toBe(44n);
    expect(hashes[255][0]).toBe(299n);
  });

  it("is empty for block 0", () => {
    expect(stateTestBlockHashes(0n)).toEqual([]);
  });
});

describe("buildPreState", () => {
  const address = new Uint8Array(20).fill(0x11);
  const pre: PreAccount[] = [
    { address, nonce: 1n, balance: 100n, code: Uint8Array.of(0x60, 0x00), storage: new Map([[1n, 2n]]) },
  ];

  it("holds the accounts and block hashes", () => {
    const state = buildPreState(pre, stateTestBlockHashes(3n));
    const account = state.getAccount(address)!;
    expect([account.nonce, account.balance, account.storage.get(1n)]).toEqual([1n, 100n, 2n]);
    expect(bytesToHex(state.code(account.codeHash))).toBe("0x6000");
    expect(bytesToHex(state.blockHash(1n))).toBe(
      "0xc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6",
    );
  });

  it("gives each case its own storage so one case's writes do not leak into the next", () => {
    buildPreState(pre, []).getAccount(address)!.storage.set(1n, 99n);
    expect(buildPreState(pre, []).getAccount(address)!.storage.get(1n)).toBe(2n);
  });
});
