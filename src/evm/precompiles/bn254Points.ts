import type { Fp2 } from "@noble/curves/abstract/tower.js";
import type { WeierstrassPoint } from "@noble/curves/abstract/weierstrass.js";
import { bn254 } from "@noble/curves/bn254.js";
import { bytesToBigInt } from "../../primitives/hex.js";

/** A bn254 (alt_bn128) G1 point as noble represents it. */
export type Bn254G1 = WeierstrassPoint<bigint>;
/** A bn254 G2 point (coordinates in Fp2, c0 real and c1 imaginary). */
export type Bn254G2 = WeierstrassPoint<Fp2>;

const { Fp, Fp2: Fp2Field } = bn254.fields;
const G1 = bn254.G1.Point;
const G2 = bn254.G2.Point;
const FIELD_MODULUS = Fp.ORDER;

function readCoordinate(data: Uint8Array, offset: number): bigint | undefined {
  const value = bytesToBigInt(data.subarray(offset, offset + 32));
  return value < FIELD_MODULUS ? value : undefined;
}

/**
 * Decodes a 64-byte EIP-196 G1 point (x ‖ y, big-endian; (0, 0) is infinity). Returns undefined when a
 * coordinate is ≥ p or the point is not on the curve (G1 has cofactor 1, so on-curve means in the group).
 */
export function decodeBn254G1(data: Uint8Array, offset: number): Bn254G1 | undefined {
  const x = readCoordinate(data, offset);
  const y = readCoordinate(data, offset + 32);
  if (x === undefined || y === undefined) return undefined;
  try {
    const point = G1.fromAffine({ x, y });
    point.assertValidity();
    return point;
  } catch {
    return undefined; // off the curve (noble also refuses y = 0, which no bn254 point has)
  }
}

/**
 * Decodes a 128-byte EIP-197 G2 point: x_imaginary ‖ x_real ‖ y_imaginary ‖ y_real (note: imaginary part
 * first); all zero is infinity. Returns undefined unless it is on the twist and in the order-r subgroup.
 */
export function decodeBn254G2(data: Uint8Array, offset: number): Bn254G2 | undefined {
  const xIm = readCoordinate(data, offset);
  const xRe = readCoordinate(data, offset + 32);
  const yIm = readCoordinate(data, offset + 64);
  const yRe = readCoordinate(data, offset + 96);
  if (xIm === undefined || xRe === undefined || yIm === undefined || yRe === undefined) return undefined;
  try {
    const point = G2.fromAffine({
      x: Fp2Field.create({ c0: xRe, c1: xIm }),
      y: Fp2Field.create({ c0: yRe, c1: yIm }),
    });
    point.assertValidity(); // on-curve and subgroup (noble's ψ(P) = [6x²]P test)
    return point;
  } catch {
    return undefined;
  }
}

/** Encodes a G1 point as 64 bytes x ‖ y; infinity is all zero. */
export function encodeBn254G1(point: Bn254G1): Uint8Array {
  const out = new Uint8Array(64);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  writeWord(out, 0, x);
  writeWord(out, 32, y);
  return out;
}

function writeWord(out: Uint8Array, offset: number, value: bigint): void {
  for (let i = offset + 31; i >= offset; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
}
