import type { WeierstrassPoint } from "@noble/curves/abstract/weierstrass.js";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToBigInt } from "../../primitives/hex.js";
import { keccak256 } from "../../primitives/keccak.js";
import type { Fork } from "../fork.js";
import { readPadded } from "./paddedInput.js";
import { EMPTY_OUTPUT, type PrecompileResult, precompileFailure } from "./precompile.js";

const ECRECOVER_GAS = 3000;

const Point = secp256k1.Point;
const Fn = Point.Fn;
const CURVE_ORDER = Fn.ORDER;

/**
 * Recovers the uncompressed public key (64 bytes, x ‖ y) that produced ECDSA signature (r, s) with recovery
 * parity `yParity` over `hash`, or undefined when no such key exists. Callers must have checked
 * 0 < r, s < n. No low-s rule: the precompile accepts both halves of the curve order.
 */
export function recoverPublicKey(
  hash: Uint8Array,
  r: bigint,
  s: bigint,
  yParity: 0 | 1,
): Uint8Array | undefined {
  let R: WeierstrassPoint<bigint>;
  try {
    // R = (r, y) with the requested parity; r < n < p so x = r needs no overflow case.
    const compressed = new Uint8Array(33);
    compressed[0] = 2 + yParity;
    writeScalar(compressed, 1, r);
    R = Point.fromBytes(compressed);
  } catch {
    return undefined; // r is not the x-coordinate of a curve point
  }
  const z = Fn.create(bytesToBigInt(hash));
  const rInv = Fn.inv(r);
  // Q = r⁻¹ (s·R − z·G)
  const Q = Point.BASE.mulAddUnsafe(Fn.neg(Fn.mul(z, rInv)), R, Fn.mul(s, rInv));
  if (Q.is0()) return undefined;
  const { x, y } = Q.toAffine();
  const out = new Uint8Array(64);
  writeScalar(out, 0, x);
  writeScalar(out, 32, y);
  return out;
}

function writeScalar(out: Uint8Array, offset: number, value: bigint): void {
  for (let i = offset + 31; i >= offset; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

/**
 * 0x01 ECRECOVER (Frontier): input hash ‖ v ‖ r ‖ s (zero-padded to 128 bytes), output the signer's address
 * left-padded to 32 bytes. Any invalid signature (v not 27/28 as a full word, r or s outside [1, n), no
 * recoverable key) still succeeds and charges 3000 gas, with empty output.
 */
export function ecrecover(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  if (ECRECOVER_GAS > gasLimit) return precompileFailure();
  const invalid: PrecompileResult = { ok: true, gasUsed: ECRECOVER_GAS, output: EMPTY_OUTPUT };
  const data = readPadded(input, 0, 128);
  // v is a full 32-byte word: the first 31 bytes must be zero, the last 27 or 28.
  for (let i = 32; i < 63; i++) if (data[i] !== 0) return invalid;
  const v = data[63];
  if (v !== 27 && v !== 28) return invalid;
  const r = bytesToBigInt(data.subarray(64, 96));
  const s = bytesToBigInt(data.subarray(96, 128));
  if (r === 0n || r >= CURVE_ORDER || s === 0n || s >= CURVE_ORDER) return invalid;
  const publicKey = recoverPublicKey(data.subarray(0, 32), r, s, v === 28 ? 1 : 0);
  if (publicKey === undefined) return invalid;
  const output = new Uint8Array(32);
  output.set(keccak256(publicKey).subarray(12), 12);
  return { ok: true, gasUsed: ECRECOVER_GAS, output };
}
