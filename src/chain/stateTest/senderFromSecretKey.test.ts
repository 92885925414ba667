import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../../primitives/hex.js";
import { senderFromSecretKey } from "./senderFromSecretKey.js";

describe("senderFromSecretKey", () => {
  it("derives the well-known ethereum/tests sender 0xa94f…0b from its secret key", () => {
    // The pair appears in every retesteth-filled fixture (`secretKey` + `sender`).
    const key = hexToBytes("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
    expect(bytesToHex(senderFromSecretKey(key))).toBe("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
  });

  it("derives the EEST sender of test_account_warming from its secret key", () => {
    const key = hexToBytes("0x227dbf65f89a870e804221c4308d4fb82c3d5fc05022dad61266a0759ec4b73e");
    expect(bytesToHex(senderFromSecretKey(key))).toBe("0x0c4848f99786f3a750cfc6d0cb62e9edf64d31bb");
  });
});
