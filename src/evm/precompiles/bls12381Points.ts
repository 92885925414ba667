import type { Fp2 } from "@noble/curves/abstract/tower.js";
import type { WeierstrassPoint } from "@noble/curves/abstract/weierstrass.js";
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { bytesToBigInt } from "../../primitives/hex.js";

/** A BLS12-381 G1 point as noble represents it. */
export type Bls12G1 = WeierstrassPoint<bigint>;
/** A BLS12-381 G2 point (coordinates in Fp2). */
export type Bls12G2 = WeierstrassPoint<Fp2>;

/** EIP-2537 sizes: a field element is 64 bytes (16 zero bytes, then 48). */
export const FP_LENGTH = 64;
export const FP2_LENGTH = 128;
export const G1_LENGTH = 128;
export const G2_LENGTH = 256;
export const SCALAR_LENGTH = 32;

const { Fp, Fp2: Fp2Field } = bls12_381.fields;
export const G1Point = bls12_381.G1.Point;
export const G2Point = bls12_381.G2.Point;
const G1_B = G1Point.CURVE().b;
const G2_B = G2Point.CURVE().b;

/**
 * Decodes a 64-byte EIP-2537 field element, or undefined unless it is < p (which also forces the 16
 * leading padding bytes to be zero, as p < 2^381).
 */
export function decodeFp(data: Uint8Array, offset: number): bigint | undefined {
  const value = bytesToBigInt(data.subarray(offset, offset + FP_LENGTH));
  return value < Fp.ORDER ? value : undefined;
}

/** Decodes a 128-byte Fp2 element c0 ‖ c1 (real part first, unlike bn254's encoding). */
export function decodeFp2(data: Uint8Array, offset: number): Fp2 | undefined {
  const c0 = decodeFp(data, offset);
  const c1 = decodeFp(data, offset + FP_LENGTH);
  if (c0 === undefined || c1 === undefined) return undefined;
  return Fp2Field.create({ c0, c1 });
}

/**
 * Decodes a 128-byte G1 point x ‖ y; all zero is infinity. Undefined unless the point is on the curve, and,
 * when `subgroupCheck` is set (MSM and pairing; not addition), in the order-r subgroup.
 */
export function decodeG1(data: Uint8Array, offset: number, subgroupCheck: boolean): Bls12G1 | undefined {
  const x = decodeFp(data, offset);
  const y = decodeFp(data, offset + FP_LENGTH);
  if (x === undefined || y === undefined) return undefined;
  if (x === 0n && y === 0n) return G1Point.ZERO;
  // y² = x³ + 4
  if (!Fp.eql(Fp.sqr(y), Fp.add(Fp.mul(Fp.sqr(x), x), G1_B))) return undefined;
  const point = G1Point.fromAffine({ x, y }); // y ≠ 0 here: no point of this curve has y = 0
  if (subgroupCheck && !point.isTorsionFree()) return undefined;
  return point;
}

/** Decodes a 256-byte G2 point x ‖ y (each Fp2); like {@link decodeG1} for the twist y² = x³ + 4(1 + i). */
export function decodeG2(data: Uint8Array, offset: number, subgroupCheck: boolean): Bls12G2 | undefined {
  const x = decodeFp2(data, offset);
  const y = decodeFp2(data, offset + FP2_LENGTH);
  if (x === undefined || y === undefined) return undefined;
  if (Fp2Field.is0(x) && Fp2Field.is0(y)) return G2Point.ZERO;
  if (!Fp2Field.eql(Fp2Field.sqr(y), Fp2Field.add(Fp2Field.mul(Fp2Field.sqr(x), x), G2_B))) return undefined;
  const point = G2Point.fromAffine({ x, y });
  if (subgroupCheck && !point.isTorsionFree()) return undefined;
  return point;
}

function writeFp(out: Uint8Array, offset: number, value: bigint): void {
  for (let i = offset + FP_LENGTH - 1; i >= offset + 16; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

/** Encodes a G1 point as 128 bytes; infinity is all zero. */
export function encodeG1(point: Bls12G1): Uint8Array {
  const out = new Uint8Array(G1_LENGTH);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  writeFp(out, 0, x);
  writeFp(out, FP_LENGTH, y);
  return out;
}

/** Encodes a G2 point as 256 bytes x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1; infinity is all zero. */
export function encodeG2(point: Bls12G2): Uint8Array {
  const out = new Uint8Array(G2_LENGTH);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  writeFp(out, 0, x.c0);
  writeFp(out, FP_LENGTH, x.c1);
  writeFp(out, 2 * FP_LENGTH, y.c0);
  writeFp(out, 3 * FP_LENGTH, y.c1);
  return out;
}
