import { p256 } from "@noble/curves/nist.js";
import { bytesToBigInt } from "../../primitives/hex.js";
import type { Fork } from "../fork.js";
import { EMPTY_OUTPUT, type PrecompileResult, precompileFailure } from "./precompile.js";

const P256VERIFY_GAS = 6900;
const P256VERIFY_INPUT_LENGTH = 160;

const Point = p256.Point;
const Fn = Point.Fn;
const CURVE_ORDER = Fn.ORDER;
const FIELD_MODULUS = Point.Fp.ORDER;

/**
 * ECDSA verification over P-256 exactly as EIP-7951 states it: 0 < r, s < n; public key coordinates < p,
 * not (0, 0), on the curve; R' = (h·s⁻¹)·G + (r·s⁻¹)·Q must not be infinity and R'.x ≡ r (mod n).
 * No low-s rule; h is the 32-byte hash as an integer.
 */
export function verifyP256(hash: bigint, r: bigint, s: bigint, qx: bigint, qy: bigint): boolean {
  if (r === 0n || r >= CURVE_ORDER || s === 0n || s >= CURVE_ORDER) return false;
  if (qx >= FIELD_MODULUS || qy >= FIELD_MODULUS || (qx === 0n && qy === 0n)) return false;
  let Q: ReturnType<typeof Point.fromAffine>;
  try {
    Q = Point.fromAffine({ x: qx, y: qy });
    Q.assertValidity(); // on the curve (cofactor 1, so also in the group)
  } catch {
    return false;
  }
  const sInv = Fn.inv(s);
  const R = Point.BASE.mulAddUnsafe(Fn.mul(Fn.create(hash), sInv), Q, Fn.mul(r, sInv));
  if (R.is0()) return false;
  return Fn.create(R.toAffine().x) === r;
}

/**
 * 0x100 P256VERIFY (Osaka, EIP-7951): input hash ‖ r ‖ s ‖ qx ‖ qy (exactly 160 bytes); output 32-byte 1 for
 * a valid signature. Anything else (wrong length included) succeeds with empty output; 6900 gas either way.
 */
export function p256Verify(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  if (P256VERIFY_GAS > gasLimit) return precompileFailure();
  const invalid: PrecompileResult = { ok: true, gasUsed: P256VERIFY_GAS, output: EMPTY_OUTPUT };
  if (input.length !== P256VERIFY_INPUT_LENGTH) return invalid;
  const word = (i: number) => bytesToBigInt(input.subarray(i * 32, i * 32 + 32));
  if (!verifyP256(word(0), word(1), word(2), word(3), word(4))) return invalid;
  const output = new Uint8Array(32);
  output[31] = 1;
  return { ok: true, gasUsed: P256VERIFY_GAS, output };
}
