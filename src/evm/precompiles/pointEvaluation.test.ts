import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, bytesToHex, concatBytes, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { BLS_MODULUS, kzgBackend, verifyKzgProof, verifyKzgProofNoble } from "./kzgProof.js";
import { kzgToVersionedHash, pointEvaluation } from "./pointEvaluation.js";

const G1_INFINITY = hexToBytes(`0xc0${"00".repeat(47)}`);
/** [τ]G1 = g1_monomial[1] of the mainnet ceremony: the commitment to the polynomial f(X) = X. */
const TAU_G1 = hexToBytes(
  "0xad3eb50121139aa34db1d545093ac9374ab7bca2c0f3bf28e27c8dcd8fc7cb42d25926fc0c97b336e9f0fb35e5a04c81",
);
const G1_GENERATOR = bls12_381.G1.Point.BASE.toBytes(true);
const SUCCESS_OUTPUT = concatBytes(bigIntToBytes(4096n, 32), bigIntToBytes(BLS_MODULUS, 32));

function input(commitment: Uint8Array, z: bigint, y: bigint, proof: Uint8Array): Uint8Array {
  return concatBytes(
    kzgToVersionedHash(commitment),
    bigIntToBytes(z, 32),
    bigIntToBytes(y, 32),
    commitment,
    proof,
  );
}

describe("pointEvaluation (0x0a)", () => {
  it("accepts the zero polynomial: commitment and proof at infinity, y = 0 at any z", () => {
    const result = pointEvaluation(input(G1_INFINITY, 12345n, 0n, G1_INFINITY), 50000, Fork.Cancun);
    expect(result).toEqual({ ok: true, gasUsed: 50000, output: SUCCESS_OUTPUT });
  });

  it("accepts f(X) = X opened at z: commitment [τ]G1, y = z, proof G1 (the quotient is 1)", () => {
    const z = 0x1234567890abcdefn;
    expect(pointEvaluation(input(TAU_G1, z, z, G1_GENERATOR), 50000, Fork.Cancun).ok).toBe(true);
    expect(pointEvaluation(input(TAU_G1, z, z + 1n, G1_GENERATOR), 50000, Fork.Cancun).ok).toBe(false);
  });

  it("fails when the versioned hash does not match the commitment or has the wrong version byte", () => {
    const data = input(G1_INFINITY, 1n, 0n, G1_INFINITY);
    data[31] ^= 1;
    expect(pointEvaluation(data, 50000, Fork.Cancun).ok).toBe(false);
    const wrongVersion = input(G1_INFINITY, 1n, 0n, G1_INFINITY);
    wrongVersion[0] = 0x02;
    expect(pointEvaluation(wrongVersion, 50000, Fork.Cancun).ok).toBe(false);
  });

  it("fails on z or y ≥ the BLS modulus, on wrong length and on too little gas", () => {
    expect(pointEvaluation(input(G1_INFINITY, BLS_MODULUS, 0n, G1_INFINITY), 50000, Fork.Cancun).ok).toBe(
      false,
    );
    expect(pointEvaluation(input(G1_INFINITY, 0n, BLS_MODULUS, G1_INFINITY), 50000, Fork.Cancun).ok).toBe(
      false,
    );
    const good = input(G1_INFINITY, 1n, 0n, G1_INFINITY);
    expect(pointEvaluation(good.subarray(0, 191), 50000, Fork.Cancun).ok).toBe(false);
    expect(pointEvaluation(concatBytes(good, Uint8Array.of(0)), 50000, Fork.Cancun).ok).toBe(false);
    expect(pointEvaluation(good, 49999, Fork.Cancun).ok).toBe(false);
  });

  it("versioned hash is sha256 with the first byte set to 0x01", () => {
    expect(bytesToHex(kzgToVersionedHash(G1_INFINITY))).toMatch(/^0x01/);
  });
});

describe("verifyKzgProof backends", () => {
  const cases: [string, Uint8Array, bigint, bigint, Uint8Array, boolean][] = [
    ["zero polynomial", G1_INFINITY, 7n, 0n, G1_INFINITY, true],
    ["zero polynomial, wrong y", G1_INFINITY, 7n, 1n, G1_INFINITY, false],
    ["f(X) = X", TAU_G1, 99n, 99n, G1_GENERATOR, true],
    ["f(X) = X, wrong proof", TAU_G1, 99n, 99n, G1_INFINITY, false],
    ["infinity with the sort flag set", hexToBytes(`0xe0${"00".repeat(47)}`), 7n, 0n, G1_INFINITY, false],
    ["uncompressed flag missing", new Uint8Array(48), 7n, 0n, G1_INFINITY, false],
  ];
  const run = (verify: typeof verifyKzgProof) => {
    for (const [name, commitment, z, y, proof, expected] of cases) {
      expect(verify(commitment, bigIntToBytes(z, 32), bigIntToBytes(y, 32), proof), name).toBe(expected);
    }
  };

  it(`agree on valid and invalid openings (active backend: ${kzgBackend()})`, () => {
    run(verifyKzgProof);
    run(verifyKzgProofNoble);
  });
});
