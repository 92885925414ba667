import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../primitives/errors.js";
import { bytesToHex, hexToBytes } from "../primitives/hex.js";
import { KECCAK256_EMPTY, keccak256 } from "../primitives/keccak.js";
import { memoryStateFromGenesis } from "./memoryStateFromGenesis.js";

const ALICE = "a94f5374fce5edbc8e2a8697c15331677e6ebf0b";
const TOKEN = "0x1000000000000000000000000000000000000001";

describe("memoryStateFromGenesis", () => {
  it("reads a geth genesis.json: unprefixed addresses, decimal or hex numbers, short storage words", () => {
    const state = memoryStateFromGenesis({
      config: { chainId: 1337 },
      gasLimit: "0x1c9c380",
      alloc: {
        [ALICE]: { balance: "1000000000000000000000", secretKey: "0x45a9" },
        [TOKEN]: {
          balance: "0x10",
          nonce: "0x01",
          code: "0x600160005500",
          storage: {
            "0x00": "0x2a",
            "0x01": "0x00",
            "0000000000000000000000000000000000000000000000000000000000000002": "07",
          },
        },
      },
    });
    const alice = state.account(hexToBytes(ALICE))!;
    expect(alice.balance).toBe(10n ** 21n);
    expect(alice.nonce).toBe(0n);
    expect(alice.codeHash).toEqual(KECCAK256_EMPTY);
    const token = state.account(hexToBytes(TOKEN))!;
    expect([token.balance, token.nonce]).toEqual([16n, 1n]);
    expect(bytesToHex(state.code(token.codeHash))).toBe("0x600160005500");
    expect(token.codeHash).toEqual(keccak256(hexToBytes("0x600160005500")));
    expect(state.storage(hexToBytes(TOKEN), 0n)).toBe(42n);
    expect(state.storage(hexToBytes(TOKEN), 2n)).toBe(7n);
    // A zero slot is the same as an absent one: only two slots stored.
    expect(state.getAccount(hexToBytes(TOKEN))!.storage.size).toBe(2);
  });

  it("takes the alloc object alone too", () => {
    const state = memoryStateFromGenesis({ [`0x${ALICE}`]: { balance: "0x01" } });
    expect(state.account(hexToBytes(ALICE))?.balance).toBe(1n);
  });

  it("names the account and field of a malformed value", () => {
    expect(() => memoryStateFromGenesis({ alloc: { [ALICE]: { balance: "lots" } } })).toThrow(
      new RegExp(`Invalid genesis alloc\\[${ALICE}\\]\\.balance`),
    );
    expect(() => memoryStateFromGenesis({ alloc: { "0x1234": { balance: "1" } } })).toThrow(
      InvalidInputError,
    );
    expect(() =>
      memoryStateFromGenesis({ alloc: { [ALICE]: { storage: { "0x00": `0x${"11".repeat(33)}` } } } }),
    ).toThrow(/33 bytes, at most 32/);
    expect(() => memoryStateFromGenesis([])).toThrow(/expected an object, got an array/);
  });
});
