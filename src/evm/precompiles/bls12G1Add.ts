import type { Fork } from "../fork.js";
import { decodeG1, encodeG1, G1_LENGTH } from "./bls12381Points.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const G1ADD_GAS = 375;

/**
 * 0x0b BLS12_G1ADD (Prague, EIP-2537): input exactly two 128-byte G1 points, output their sum. Points must
 * be on the curve but need not be in the subgroup.
 */
export function bls12G1Add(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  if (input.length !== 2 * G1_LENGTH || G1ADD_GAS > gasLimit) return precompileFailure();
  const a = decodeG1(input, 0, false);
  const b = decodeG1(input, G1_LENGTH, false);
  if (a === undefined || b === undefined) return precompileFailure();
  return { ok: true, gasUsed: G1ADD_GAS, output: encodeG1(a.add(b)) };
}
