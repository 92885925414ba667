import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { ripemd160 } from "./ripemd160.js";

const abc = new TextEncoder().encode("abc");

describe("ripemd160 (0x03)", () => {
  it("hashes 'abc' into a left-padded word for 600 + 120 gas", () => {
    const result = ripemd160(abc, 720, Fork.Frontier);
    expect(result).toMatchObject({ ok: true, gasUsed: 720 });
    expect(result.output).toEqual(hexToBytes(`0x${"00".repeat(12)}8eb208f7e05d987a9b044a8e98c6b087f15a0bfc`));
  });

  it("hashes empty input and fails one gas short", () => {
    expect(bytesToHex(ripemd160(new Uint8Array(0), 600, Fork.Frontier).output)).toBe(
      `0x${"00".repeat(12)}9c1185a5c5e9fc54612808977ee8f548b2258d31`,
    );
    expect(ripemd160(abc, 719, Fork.Frontier).ok).toBe(false);
  });
});
