import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, concatBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bls12G1Msm } from "./bls12G1Msm.js";
import { g1MsmGas } from "./bls12MsmGas.js";
import { encodeG1 } from "./bls12381Points.js";

const G = bls12_381.G1.Point.BASE;
const R = bls12_381.fields.Fr.ORDER;
const pair = (point: Uint8Array, scalar: bigint) => concatBytes(point, bigIntToBytes(scalar, 32));

describe("bls12G1Msm (0x0c)", () => {
  it("computes a single scalar multiplication for 12000 gas", () => {
    expect(bls12G1Msm(pair(encodeG1(G), 5n), 12000, Fork.Prague)).toEqual({
      ok: true,
      gasUsed: 12000,
      output: encodeG1(G.multiply(5n)),
    });
  });

  it("sums several products, with scalars ≥ r and zero scalars and infinity allowed", () => {
    const P = G.multiply(7n);
    const input = concatBytes(
      pair(encodeG1(G), 3n),
      pair(encodeG1(P), R + 2n),
      pair(new Uint8Array(128), 99n),
      pair(encodeG1(G), 0n),
      pair(encodeG1(G), (1n << 256n) - 1n),
    );
    const expected = G.multiply(3n)
      .add(P.multiply(2n))
      .add(G.multiply(((1n << 256n) - 1n) % R));
    const result = bls12G1Msm(input, g1MsmGas(5), Fork.Prague);
    expect(result.ok).toBe(true);
    expect(result.output).toEqual(encodeG1(expected));
  });

  it("prices k pairs with the EIP-2537 discount table", () => {
    expect(g1MsmGas(1)).toBe(12000);
    expect(g1MsmGas(2)).toBe(Math.floor((2 * 12000 * 949) / 1000));
    expect(g1MsmGas(128)).toBe(Math.floor((128 * 12000 * 519) / 1000));
    expect(g1MsmGas(200)).toBe(Math.floor((200 * 12000 * 519) / 1000));
  });

  it("fails on empty input, a partial pair, or short gas", () => {
    expect(bls12G1Msm(new Uint8Array(0), 100000, Fork.Prague).ok).toBe(false);
    expect(bls12G1Msm(new Uint8Array(161), 100000, Fork.Prague).ok).toBe(false);
    expect(bls12G1Msm(pair(encodeG1(G), 5n), 11999, Fork.Prague).ok).toBe(false);
  });
});
