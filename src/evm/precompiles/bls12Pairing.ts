import { bls12_381 } from "@noble/curves/bls12-381.js";
import type { Fork } from "../fork.js";
import { type Bls12G1, type Bls12G2, decodeG1, decodeG2, G1_LENGTH, G2_LENGTH } from "./bls12381Points.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const PAIR_LENGTH = G1_LENGTH + G2_LENGTH;
const PAIRING_BASE_GAS = 37700;
const PAIRING_PER_PAIR_GAS = 32600;
const { Fp12 } = bls12_381.fields;

/**
 * 0x0f BLS12_PAIRING_CHECK (Prague, EIP-2537): input k ≥ 1 pairs of G1 (128 bytes) ‖ G2 (256 bytes), both
 * subgroup-checked; output 32-byte 1 if the product of the pairings is one, else 0.
 */
export function bls12Pairing(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  const pairs = input.length / PAIR_LENGTH;
  if (pairs === 0 || !Number.isInteger(pairs)) return precompileFailure();
  const gasUsed = PAIRING_BASE_GAS + PAIRING_PER_PAIR_GAS * pairs;
  if (gasUsed > gasLimit) return precompileFailure();
  const terms: { g1: Bls12G1; g2: Bls12G2 }[] = [];
  for (let i = 0; i < pairs; i++) {
    const g1 = decodeG1(input, i * PAIR_LENGTH, true);
    const g2 = decodeG2(input, i * PAIR_LENGTH + G1_LENGTH, true);
    if (g1 === undefined || g2 === undefined) return precompileFailure();
    // A pair with infinity contributes the identity; noble refuses such pairs, so drop them after validation.
    if (!g1.is0() && !g2.is0()) terms.push({ g1, g2 });
  }
  const isOne = terms.length === 0 || Fp12.eql(bls12_381.pairingBatch(terms), Fp12.ONE);
  const output = new Uint8Array(32);
  output[31] = isOne ? 1 : 0;
  return { ok: true, gasUsed, output };
}
