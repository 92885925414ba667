import type { Fork } from "../fork.js";
import { decodeG2, encodeG2, G2_LENGTH } from "./bls12381Points.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const G2ADD_GAS = 600;

/**
 * 0x0d BLS12_G2ADD (Prague, EIP-2537): input exactly two 256-byte G2 points, output their sum. Points must
 * be on the twist but need not be in the subgroup.
 */
export function bls12G2Add(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  if (input.length !== 2 * G2_LENGTH || G2ADD_GAS > gasLimit) return precompileFailure();
  const a = decodeG2(input, 0, false);
  const b = decodeG2(input, G2_LENGTH, false);
  if (a === undefined || b === undefined) return precompileFailure();
  return { ok: true, gasUsed: G2ADD_GAS, output: encodeG2(a.add(b)) };
}
