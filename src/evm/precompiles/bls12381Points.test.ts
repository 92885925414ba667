import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, concatBytes } from "../../primitives/hex.js";
import { decodeFp, decodeG1, decodeG2, encodeG1, encodeG2 } from "./bls12381Points.js";

const { Fp } = bls12_381.fields;
const fp = (n: bigint) => bigIntToBytes(n, 64);

describe("BLS12-381 EIP-2537 point encoding", () => {
  it("round-trips G1 and G2 generators and infinity", () => {
    const g1 = encodeG1(bls12_381.G1.Point.BASE);
    expect(decodeG1(g1, 0, true)?.equals(bls12_381.G1.Point.BASE)).toBe(true);
    const g2 = encodeG2(bls12_381.G2.Point.BASE);
    expect(decodeG2(g2, 0, true)?.equals(bls12_381.G2.Point.BASE)).toBe(true);
    expect(decodeG1(new Uint8Array(128), 0, true)?.is0()).toBe(true);
    expect(encodeG2(bls12_381.G2.Point.ZERO)).toEqual(new Uint8Array(256));
  });

  it("rejects field elements ≥ p and non-zero padding bytes", () => {
    expect(decodeFp(fp(Fp.ORDER - 1n), 0)).toBe(Fp.ORDER - 1n);
    expect(decodeFp(fp(Fp.ORDER), 0)).toBeUndefined();
    const padded = fp(1n);
    padded[0] = 1;
    expect(decodeFp(padded, 0)).toBeUndefined();
  });

  it("rejects points off the curve", () => {
    expect(decodeG1(concatBytes(fp(1n), fp(2n)), 0, false)).toBeUndefined();
    const g2 = encodeG2(bls12_381.G2.Point.BASE);
    g2[255] ^= 1;
    expect(decodeG2(g2, 0, false)).toBeUndefined();
  });
});
