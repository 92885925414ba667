import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../primitives/errors.js";
import { bytesToHex, hexToBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { memoryStateFromPrestate } from "./memoryStateFromPrestate.js";

const SENDER = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b";
const TOKEN = "0x1000000000000000000000000000000000000001";
const CODE = "0x600160005500";
const word = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

describe("memoryStateFromPrestate", () => {
  it("reads one transaction's prestateTracer output: JSON-number nonces, 32-byte words, codeHash", () => {
    const state = memoryStateFromPrestate({
      [SENDER]: { balance: "0xde0b6b3a7640000", nonce: 7 },
      [TOKEN]: {
        balance: "0x0",
        nonce: 1,
        code: CODE,
        codeHash: bytesToHex(keccak256(hexToBytes(CODE))),
        storage: { [word(0)]: word(42), [word(1)]: word(0) },
      },
    });
    expect(state.account(hexToBytes(SENDER))).toMatchObject({ nonce: 7n, balance: 10n ** 18n });
    expect(state.storage(hexToBytes(TOKEN), 0n)).toBe(42n);
    expect(state.getAccount(hexToBytes(TOKEN))!.storage.size).toBe(1);
    expect(bytesToHex(state.code(state.account(hexToBytes(TOKEN))!.codeHash))).toBe(CODE);
  });

  it("merges a block trace keeping each account's and slot's first appearance, zero values included", () => {
    // tx 0 reads slot 1 as zero and writes it; tx 1 then sees the value tx 0 wrote, which is not the
    // block's pre-state. tx 1 also touches slot 2 first, and an account tx 0 left alone.
    const state = memoryStateFromPrestate([
      {
        txHash: word(100),
        result: {
          [SENDER]: { balance: "0x100", nonce: 1 },
          [TOKEN]: { balance: "0x0", storage: { [word(1)]: word(0) } },
        },
      },
      {
        txHash: word(101),
        result: {
          [SENDER]: { balance: "0x50", nonce: 2 },
          [TOKEN]: { balance: "0x0", storage: { [word(1)]: word(9), [word(2)]: word(5) } },
          "0x2000000000000000000000000000000000000002": { balance: "0x3" },
        },
      },
    ]);
    expect(state.account(hexToBytes(SENDER))).toMatchObject({ nonce: 1n, balance: 0x100n });
    expect(state.storage(hexToBytes(TOKEN), 1n)).toBe(0n);
    expect(state.storage(hexToBytes(TOKEN), 2n)).toBe(5n);
    expect(state.account(hexToBytes("0x2000000000000000000000000000000000000002"))?.balance).toBe(3n);
  });

  it("refuses traces that cannot give the pre-state, saying how to trace instead", () => {
    expect(() => memoryStateFromPrestate({ pre: {}, post: {} })).toThrow(/diffMode/);
    expect(() => memoryStateFromPrestate([{ txHash: word(1), result: { pre: {}, post: {} } }])).toThrow(
      /diffMode/,
    );
    expect(() => memoryStateFromPrestate({ [TOKEN]: { balance: "0x0", codeHash: word(1) } })).toThrow(
      /disableCode/,
    );
    expect(() => memoryStateFromPrestate({ [TOKEN]: { code: CODE, codeHash: word(1) } })).toThrow(
      /does not hash to its codeHash/,
    );
    expect(() => memoryStateFromPrestate([{ txHash: word(1), error: "execution timeout" }])).toThrow(
      /trace\[0\] failed: execution timeout/,
    );
    expect(() => memoryStateFromPrestate({ [SENDER]: { nonce: -1 } })).toThrow(InvalidInputError);
  });
});
