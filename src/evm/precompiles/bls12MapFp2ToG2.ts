import type { Fp2 } from "@noble/curves/abstract/tower.js";
import { bls12_381 } from "@noble/curves/bls12-381.js";
import type { Fork } from "../fork.js";
import { type Bls12G2, decodeFp, encodeG2, FP_LENGTH, FP2_LENGTH, G2Point } from "./bls12381Points.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const MAP_FP2_TO_G2_GAS = 23800;

// noble 2.4 declares mapToCurve as returning an affine point, but at run time it returns the cofactor-cleared
// projective point. Normalise in case a later release matches the declaration (the tests' EIP vectors catch
// either drift).
const mapToCurve = bls12_381.G2.mapToCurve as unknown as (u: bigint[]) => Bls12G2 | { x: Fp2; y: Fp2 };

function mapFp2ToG2(c0: bigint, c1: bigint): Bls12G2 {
  const mapped = mapToCurve([c0, c1]);
  return mapped instanceof G2Point ? mapped : G2Point.fromAffine(mapped).clearCofactor();
}

/**
 * 0x11 BLS12_MAP_FP2_TO_G2 (Prague, EIP-2537): input one 128-byte Fp2 element c0 ‖ c1; output
 * clear_cofactor(map_to_curve(u)) per RFC 9380 (simplified SWU plus the 3-isogeny), a G2 subgroup point.
 */
export function bls12MapFp2ToG2(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  if (input.length !== FP2_LENGTH || MAP_FP2_TO_G2_GAS > gasLimit) return precompileFailure();
  const c0 = decodeFp(input, 0);
  const c1 = decodeFp(input, FP_LENGTH);
  if (c0 === undefined || c1 === undefined) return precompileFailure();
  return { ok: true, gasUsed: MAP_FP2_TO_G2_GAS, output: encodeG2(mapFp2ToG2(c0, c1)) };
}
