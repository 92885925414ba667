import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { concatBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bls12G2Add } from "./bls12G2Add.js";
import { encodeG2 } from "./bls12381Points.js";

const G = bls12_381.G2.Point.BASE;

describe("bls12G2Add (0x0d)", () => {
  it("adds G + 2G = 3G for 600 gas", () => {
    const result = bls12G2Add(concatBytes(encodeG2(G), encodeG2(G.double())), 600, Fork.Prague);
    expect(result).toEqual({ ok: true, gasUsed: 600, output: encodeG2(G.multiply(3n)) });
  });

  it("returns infinity for P + (−P)", () => {
    expect(bls12G2Add(concatBytes(encodeG2(G), encodeG2(G.negate())), 600, Fork.Prague).output).toEqual(
      new Uint8Array(256),
    );
  });

  it("fails on wrong length, a point off the twist, or gas below 600", () => {
    const input = concatBytes(encodeG2(G), encodeG2(G));
    expect(bls12G2Add(input.subarray(0, 511), 600, Fork.Prague).ok).toBe(false);
    const offCurve = input.slice();
    offCurve[511] ^= 1;
    expect(bls12G2Add(offCurve, 600, Fork.Prague).ok).toBe(false);
    expect(bls12G2Add(input, 599, Fork.Prague).ok).toBe(false);
  });
});
