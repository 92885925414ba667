import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, concatBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bls12G2Msm } from "./bls12G2Msm.js";
import { g2MsmGas } from "./bls12MsmGas.js";
import { encodeG2 } from "./bls12381Points.js";

const G = bls12_381.G2.Point.BASE;
const pair = (point: Uint8Array, scalar: bigint) => concatBytes(point, bigIntToBytes(scalar, 32));

describe("bls12G2Msm (0x0e)", () => {
  it("computes a single scalar multiplication for 22500 gas", () => {
    expect(bls12G2Msm(pair(encodeG2(G), 5n), 22500, Fork.Prague)).toEqual({
      ok: true,
      gasUsed: 22500,
      output: encodeG2(G.multiply(5n)),
    });
  });

  it("sums several products", () => {
    const input = concatBytes(
      pair(encodeG2(G), 3n),
      pair(encodeG2(G.double()), 4n),
      pair(new Uint8Array(256), 1n),
    );
    const result = bls12G2Msm(input, g2MsmGas(3), Fork.Prague);
    expect(result.output).toEqual(encodeG2(G.multiply(11n)));
  });

  it("prices k pairs with the EIP-2537 G2 discount table", () => {
    expect(g2MsmGas(2)).toBe(45000);
    expect(g2MsmGas(3)).toBe(Math.floor((3 * 22500 * 923) / 1000));
    expect(g2MsmGas(129)).toBe(Math.floor((129 * 22500 * 524) / 1000));
  });

  it("fails on empty input, a partial pair, or short gas", () => {
    expect(bls12G2Msm(new Uint8Array(0), 100000, Fork.Prague).ok).toBe(false);
    expect(bls12G2Msm(new Uint8Array(289), 100000, Fork.Prague).ok).toBe(false);
    expect(bls12G2Msm(pair(encodeG2(G), 5n), 22499, Fork.Prague).ok).toBe(false);
  });
});
