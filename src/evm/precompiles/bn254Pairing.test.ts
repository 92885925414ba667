import type { Fp2 as Fp2Element } from "@noble/curves/abstract/tower.js";
import type { WeierstrassPoint } from "@noble/curves/abstract/weierstrass.js";
import { bn254 } from "@noble/curves/bn254.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, concatBytes, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { bn254Pairing, bn254PairingGas } from "./bn254Pairing.js";

const TRUE = bigIntToBytes(1n, 32);
const FALSE = new Uint8Array(32);
const { Fp2 } = bn254.fields;

/** EIP-197 encoding of a G2 point from noble: imaginary parts first. */
function encodeG2(point: WeierstrassPoint<Fp2Element>): Uint8Array {
  const { x, y } = point.toAffine();
  return concatBytes(...[x.c1, x.c0, y.c1, y.c0].map((c) => bigIntToBytes(c, 32)));
}

function encodeG1(point: WeierstrassPoint<bigint>): Uint8Array {
  const { x, y } = point.toAffine();
  return concatBytes(bigIntToBytes(x, 32), bigIntToBytes(y, 32));
}

const G1 = bn254.G1.Point.BASE;
const G2 = bn254.G2.Point.BASE;

describe("bn254Pairing (0x08)", () => {
  it("checks the EIP-197 vector jeff1 (true) and its corrupted twin jeff6 (false)", () => {
    const g2Tail =
      "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed" +
      "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
    const head =
      "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41" +
      "209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a41678" +
      "2bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550" +
      "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c";
    const jeff1 = hexToBytes(
      `0x${head}2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411${g2Tail}`,
    );
    const jeff6 = hexToBytes(
      `0x${head}103188585e2364128fe25c70558f1560f4f9350baf3959e603cc91486e110936${g2Tail}`,
    );
    expect(bn254Pairing(jeff1, 113000, Fork.Istanbul)).toEqual({ ok: true, gasUsed: 113000, output: TRUE });
    expect(bn254Pairing(jeff6, 113000, Fork.Istanbul).output).toEqual(FALSE);
  });

  it("returns 1 for empty input and for e(G1, G2)·e(−G1, G2), 0 for e(G1, G2) alone", () => {
    expect(bn254Pairing(new Uint8Array(0), 45000, Fork.Istanbul)).toEqual({
      ok: true,
      gasUsed: 45000,
      output: TRUE,
    });
    const pair = concatBytes(encodeG1(G1), encodeG2(G2));
    expect(bn254Pairing(pair, 79000, Fork.Istanbul).output).toEqual(FALSE);
    const cancel = concatBytes(pair, encodeG1(G1.negate()), encodeG2(G2));
    expect(bn254Pairing(cancel, 113000, Fork.Istanbul).output).toEqual(TRUE);
  });

  it("treats pairs with an infinite point as the identity", () => {
    const withInfinity = concatBytes(new Uint8Array(64), encodeG2(G2), encodeG1(G1), new Uint8Array(128));
    expect(bn254Pairing(withInfinity, 113000, Fork.Istanbul).output).toEqual(TRUE);
  });

  it("fails on input whose length is not a multiple of 192", () => {
    expect(bn254Pairing(new Uint8Array(191), 1_000_000, Fork.Istanbul).ok).toBe(false);
    expect(bn254Pairing(new Uint8Array(193), 1_000_000, Fork.Istanbul).ok).toBe(false);
  });

  it("fails on a G2 point that is on the twist but outside the order-r subgroup", () => {
    // Find a twist point with x = (k, 0): y² = x³ + b' must have a square root in Fp2.
    const b2 = bn254.G2.Point.CURVE().b;
    let point: WeierstrassPoint<Fp2Element> | undefined;
    for (let k = 1n; point === undefined; k++) {
      const x = Fp2.create({ c0: k, c1: 0n });
      try {
        const y = Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.sqr(x), x), b2));
        point = bn254.G2.Point.fromAffine({ x, y });
      } catch {
        // not a square: try the next x
      }
    }
    expect(point.isTorsionFree()).toBe(false);
    expect(bn254Pairing(concatBytes(encodeG1(G1), encodeG2(point)), 1_000_000, Fork.Istanbul).ok).toBe(false);
  });

  it("fails on a G1 point off the curve", () => {
    const bad = concatBytes(bigIntToBytes(1n, 32), bigIntToBytes(3n, 32), encodeG2(G2));
    expect(bn254Pairing(bad, 1_000_000, Fork.Istanbul).ok).toBe(false);
  });

  it("prices 100000 + 80000k before Istanbul and 45000 + 34000k after (EIP-1108)", () => {
    expect(bn254PairingGas(2, Fork.Byzantium)).toBe(260000);
    expect(bn254PairingGas(2, Fork.Istanbul)).toBe(113000);
    expect(bn254Pairing(new Uint8Array(0), 99999, Fork.Byzantium).ok).toBe(false);
    const pair = concatBytes(encodeG1(G1), encodeG2(G2));
    expect(bn254Pairing(pair, 78999, Fork.Istanbul).ok).toBe(false);
  });
});
