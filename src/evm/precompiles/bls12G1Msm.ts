import { pippenger } from "@noble/curves/abstract/curve.js";
import { bytesToBigInt } from "../../primitives/hex.js";
import type { Fork } from "../fork.js";
import { g1MsmGas } from "./bls12MsmGas.js";
import { type Bls12G1, decodeG1, encodeG1, G1_LENGTH, G1Point, SCALAR_LENGTH } from "./bls12381Points.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const PAIR_LENGTH = G1_LENGTH + SCALAR_LENGTH;
const GROUP_ORDER = G1Point.Fn.ORDER;

/**
 * 0x0c BLS12_G1MSM (Prague, EIP-2537): input k ≥ 1 pairs of a 128-byte G1 point (subgroup-checked) and a
 * 32-byte scalar; output Σ scalarᵢ·pointᵢ. Priced with the EIP's per-k discount table.
 */
export function bls12G1Msm(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  const pairs = input.length / PAIR_LENGTH;
  if (pairs === 0 || !Number.isInteger(pairs)) return precompileFailure();
  const gasUsed = g1MsmGas(pairs);
  if (gasUsed > gasLimit) return precompileFailure();
  const points: Bls12G1[] = [];
  const scalars: bigint[] = [];
  for (let i = 0; i < pairs; i++) {
    const offset = i * PAIR_LENGTH;
    const point = decodeG1(input, offset, true);
    if (point === undefined) return precompileFailure();
    points.push(point);
    // Subgroup points have order r, so the scalar may be reduced.
    scalars.push(bytesToBigInt(input.subarray(offset + G1_LENGTH, offset + PAIR_LENGTH)) % GROUP_ORDER);
  }
  const sum = pairs === 1 ? points[0].multiplyUnsafe(scalars[0]) : pippenger(G1Point, points, scalars);
  return { ok: true, gasUsed, output: encodeG1(sum) };
}
