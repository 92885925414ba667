import { Fork } from "../fork.js";
import { decodeBn254G1, encodeBn254G1 } from "./bn254Points.js";
import { readPadded } from "./paddedInput.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

/** EIP-196 price, cut by EIP-1108 in Istanbul. */
function bn254AddGas(fork: Fork): number {
  return fork >= Fork.Istanbul ? 150 : 500;
}

/**
 * 0x06 BN254 (alt_bn128) G1 addition (Byzantium, EIP-196): input two 64-byte points (zero-padded to 128
 * bytes), output their sum. An invalid point fails the call.
 */
export function bn254Add(input: Uint8Array, gasLimit: number, fork: Fork): PrecompileResult {
  const gasUsed = bn254AddGas(fork);
  if (gasUsed > gasLimit) return precompileFailure();
  const data = readPadded(input, 0, 128);
  const a = decodeBn254G1(data, 0);
  const b = decodeBn254G1(data, 64);
  if (a === undefined || b === undefined) return precompileFailure();
  return { ok: true, gasUsed, output: encodeBn254G1(a.add(b)) };
}
