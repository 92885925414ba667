import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, concatBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bls12G1Add } from "./bls12G1Add.js";
import { bls12G1Msm } from "./bls12G1Msm.js";
import { bls12G2Add } from "./bls12G2Add.js";
import { bls12G2Msm } from "./bls12G2Msm.js";
import { bls12Pairing } from "./bls12Pairing.js";
import { decodeG1, decodeG2, encodeG1, encodeG2 } from "./bls12381Points.js";

const { Fp, Fp2 } = bls12_381.fields;
const fp = (n: bigint) => bigIntToBytes(n, 64);
const one = bigIntToBytes(1n, 32);

/** The first point with x = 1, 2, … on y² = x³ + 4 that lies outside the order-r subgroup. */
function g1OutsideSubgroup(): Uint8Array {
  for (let x = 1n; ; x++) {
    let y: bigint;
    try {
      y = Fp.sqrt(Fp.add(Fp.mul(Fp.sqr(x), x), 4n));
    } catch {
      continue; // no point with this x
    }
    if (!bls12_381.G1.Point.fromAffine({ x, y }).isTorsionFree()) return concatBytes(fp(x), fp(y));
  }
}

/** The same on the twist y² = x³ + 4(1 + i), with x = (k, 0). */
function g2OutsideSubgroup(): Uint8Array {
  const b = bls12_381.G2.Point.CURVE().b;
  for (let k = 1n; ; k++) {
    const x = Fp2.create({ c0: k, c1: 0n });
    let y: ReturnType<typeof Fp2.sqrt>;
    try {
      y = Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.sqr(x), x), b));
    } catch {
      continue;
    }
    if (!bls12_381.G2.Point.fromAffine({ x, y }).isTorsionFree())
      return concatBytes(fp(k), fp(0n), fp(y.c0), fp(y.c1));
  }
}

describe("EIP-2537 subgroup checks: addition skips them, MSM and pairing enforce them", () => {
  const g1 = g1OutsideSubgroup();
  const g2 = g2OutsideSubgroup();

  it("decodes the test points as on-curve but outside the subgroup", () => {
    expect(decodeG1(g1, 0, false)).toBeDefined();
    expect(decodeG1(g1, 0, true)).toBeUndefined();
    expect(decodeG2(g2, 0, false)).toBeDefined();
    expect(decodeG2(g2, 0, true)).toBeUndefined();
  });

  it("G1ADD and G2ADD accept them", () => {
    expect(bls12G1Add(concatBytes(g1, new Uint8Array(128)), 375, Fork.Prague).output).toEqual(g1);
    expect(bls12G2Add(concatBytes(g2, new Uint8Array(256)), 600, Fork.Prague).output).toEqual(g2);
  });

  it("G1MSM and G2MSM reject them", () => {
    expect(bls12G1Msm(concatBytes(g1, one), 100000, Fork.Prague).ok).toBe(false);
    expect(bls12G2Msm(concatBytes(g2, one), 100000, Fork.Prague).ok).toBe(false);
  });

  it("PAIRING rejects them on either side", () => {
    const G1 = encodeG1(bls12_381.G1.Point.BASE);
    const G2 = encodeG2(bls12_381.G2.Point.BASE);
    expect(bls12Pairing(concatBytes(g1, G2), 100000, Fork.Prague).ok).toBe(false);
    expect(bls12Pairing(concatBytes(G1, g2), 100000, Fork.Prague).ok).toBe(false);
  });
});
