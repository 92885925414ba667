import { bn254 } from "@noble/curves/bn254.js";
import { bytesToBigInt } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { decodeBn254G1, encodeBn254G1 } from "./bn254Points.js";
import { readPadded } from "./paddedInput.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const GROUP_ORDER = bn254.fields.Fr.ORDER;

/** EIP-196 price, cut by EIP-1108 in Istanbul. */
function bn254MulGas(fork: Fork): number {
  return fork >= Fork.Istanbul ? 6000 : 40000;
}

/**
 * 0x07 BN254 (alt_bn128) G1 scalar multiplication (Byzantium, EIP-196): input a 64-byte point and a
 * 32-byte scalar (zero-padded to 96 bytes), output scalar·point. The scalar is any 256-bit value.
 */
export function bn254Mul(input: Uint8Array, gasLimit: number, fork: Fork): PrecompileResult {
  const gasUsed = bn254MulGas(fork);
  if (gasUsed > gasLimit) return precompileFailure();
  const data = readPadded(input, 0, 96);
  const point = decodeBn254G1(data, 0);
  if (point === undefined) return precompileFailure();
  // G1 has prime order r, so reducing the scalar mod r leaves the product unchanged.
  const scalar = bytesToBigInt(data.subarray(64, 96)) % GROUP_ORDER;
  return { ok: true, gasUsed, output: encodeBn254G1(point.multiplyUnsafe(scalar)) };
}
