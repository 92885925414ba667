import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, concatBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bls12Pairing } from "./bls12Pairing.js";
import { encodeG1, encodeG2 } from "./bls12381Points.js";

const G1 = bls12_381.G1.Point.BASE;
const G2 = bls12_381.G2.Point.BASE;
const TRUE = bigIntToBytes(1n, 32);
const FALSE = new Uint8Array(32);

describe("bls12Pairing (0x0f)", () => {
  it("returns 1 for e(aG1, bG2)·e(−abG1, G2) and 0 for a single non-degenerate pair", () => {
    const input = concatBytes(
      encodeG1(G1.multiply(3n)),
      encodeG2(G2.multiply(5n)),
      encodeG1(G1.multiply(15n).negate()),
      encodeG2(G2),
    );
    expect(bls12Pairing(input, 37700 + 2 * 32600, Fork.Prague)).toEqual({
      ok: true,
      gasUsed: 102900,
      output: TRUE,
    });
    expect(bls12Pairing(input.subarray(0, 384), 70300, Fork.Prague).output).toEqual(FALSE);
  });

  it("treats pairs with infinity as the identity", () => {
    const input = concatBytes(new Uint8Array(128), encodeG2(G2), encodeG1(G1), new Uint8Array(256));
    expect(bls12Pairing(input, 102900, Fork.Prague).output).toEqual(TRUE);
  });

  it("fails on empty or partial input, or short gas", () => {
    expect(bls12Pairing(new Uint8Array(0), 100000, Fork.Prague).ok).toBe(false);
    expect(bls12Pairing(new Uint8Array(383), 100000, Fork.Prague).ok).toBe(false);
    expect(bls12Pairing(concatBytes(encodeG1(G1), encodeG2(G2)), 70299, Fork.Prague).ok).toBe(false);
  });
});
