import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { concatBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bls12G1Add } from "./bls12G1Add.js";
import { encodeG1 } from "./bls12381Points.js";

const G = bls12_381.G1.Point.BASE;

describe("bls12G1Add (0x0b)", () => {
  it("adds G + 2G = 3G for 375 gas", () => {
    const result = bls12G1Add(concatBytes(encodeG1(G), encodeG1(G.double())), 375, Fork.Prague);
    expect(result).toEqual({ ok: true, gasUsed: 375, output: encodeG1(G.multiply(3n)) });
  });

  it("handles infinity and P + (−P)", () => {
    expect(bls12G1Add(concatBytes(new Uint8Array(128), encodeG1(G)), 375, Fork.Prague).output).toEqual(
      encodeG1(G),
    );
    expect(bls12G1Add(concatBytes(encodeG1(G), encodeG1(G.negate())), 375, Fork.Prague).output).toEqual(
      new Uint8Array(128),
    );
  });

  it("fails on wrong length, invalid points, or gas below 375", () => {
    const input = concatBytes(encodeG1(G), encodeG1(G));
    expect(bls12G1Add(input.subarray(0, 255), 375, Fork.Prague).ok).toBe(false);
    expect(bls12G1Add(concatBytes(input, Uint8Array.of(0)), 375, Fork.Prague).ok).toBe(false);
    const offCurve = input.slice();
    offCurve[127] ^= 1;
    expect(bls12G1Add(offCurve, 375, Fork.Prague).ok).toBe(false);
    expect(bls12G1Add(input, 374, Fork.Prague).ok).toBe(false);
  });
});
