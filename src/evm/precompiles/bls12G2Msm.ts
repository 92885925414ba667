import { pippenger } from "@noble/curves/abstract/curve.js";
import { bytesToBigInt } from "../../primitives/hex.js";
import type { Fork } from "../fork.js";
import { g2MsmGas } from "./bls12MsmGas.js";
import { type Bls12G2, decodeG2, encodeG2, G2_LENGTH, G2Point, SCALAR_LENGTH } from "./bls12381Points.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const PAIR_LENGTH = G2_LENGTH + SCALAR_LENGTH;
const GROUP_ORDER = G2Point.Fn.ORDER;

/**
 * 0x0e BLS12_G2MSM (Prague, EIP-2537): input k ≥ 1 pairs of a 256-byte G2 point (subgroup-checked) and a
 * 32-byte scalar; output Σ scalarᵢ·pointᵢ. Priced with the EIP's per-k discount table.
 */
export function bls12G2Msm(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  const pairs = input.length / PAIR_LENGTH;
  if (pairs === 0 || !Number.isInteger(pairs)) return precompileFailure();
  const gasUsed = g2MsmGas(pairs);
  if (gasUsed > gasLimit) return precompileFailure();
  const points: Bls12G2[] = [];
  const scalars: bigint[] = [];
  for (let i = 0; i < pairs; i++) {
    const offset = i * PAIR_LENGTH;
    const point = decodeG2(input, offset, true);
    if (point === undefined) return precompileFailure();
    points.push(point);
    // Subgroup points have order r, so the scalar may be reduced.
    scalars.push(bytesToBigInt(input.subarray(offset + G2_LENGTH, offset + PAIR_LENGTH)) % GROUP_ORDER);
  }
  const sum = pairs === 1 ? points[0].multiplyUnsafe(scalars[0]) : pippenger(G2Point, points, scalars);
  return { ok: true, gasUsed, output: encodeG2(sum) };
}
