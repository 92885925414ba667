import { bn254 } from "@noble/curves/bn254.js";
import { Fork } from "../fork.js";
import { type Bn254G1, type Bn254G2, decodeBn254G1, decodeBn254G2 } from "./bn254Points.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const PAIR_LENGTH = 192;
const { Fp12 } = bn254.fields;

/** EIP-197 price, cut by EIP-1108 in Istanbul: base + per pair. */
export function bn254PairingGas(pairs: number, fork: Fork): number {
  return fork >= Fork.Istanbul ? 45000 + 34000 * pairs : 100000 + 80000 * pairs;
}

/**
 * 0x08 BN254 (alt_bn128) pairing check (Byzantium, EIP-197): input k pairs of G1 (64 bytes) ‖ G2 (128 bytes);
 * output 32-byte 1 if the product of the pairings is one (also for k = 0), else 0. Input whose length is not
 * a multiple of 192, or any invalid point, fails the call.
 */
export function bn254Pairing(input: Uint8Array, gasLimit: number, fork: Fork): PrecompileResult {
  const pairs = Math.floor(input.length / PAIR_LENGTH);
  const gasUsed = bn254PairingGas(pairs, fork);
  if (gasUsed > gasLimit || input.length % PAIR_LENGTH !== 0) return precompileFailure();
  const terms: { g1: Bn254G1; g2: Bn254G2 }[] = [];
  for (let i = 0; i < pairs; i++) {
    const g1 = decodeBn254G1(input, i * PAIR_LENGTH);
    const g2 = decodeBn254G2(input, i * PAIR_LENGTH + 64);
    if (g1 === undefined || g2 === undefined) return precompileFailure();
    // A pair with infinity contributes the identity; noble refuses such pairs, so drop them after validation.
    if (!g1.is0() && !g2.is0()) terms.push({ g1, g2 });
  }
  const isOne = terms.length === 0 || Fp12.eql(bn254.pairingBatch(terms), Fp12.ONE);
  const output = new Uint8Array(32);
  output[31] = isOne ? 1 : 0;
  return { ok: true, gasUsed, output };
}
