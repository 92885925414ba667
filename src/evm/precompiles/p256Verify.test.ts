import { p256 } from "@noble/curves/nist.js";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, bytesToBigInt, concatBytes, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { p256Verify } from "./p256Verify.js";
import { sha256Digest } from "./sha256.js";

const N = p256.Point.Fn.ORDER;
const P = p256.Point.Fp.ORDER;
const VALID = bigIntToBytes(1n, 32);
const INVALID = { ok: true, gasUsed: 6900, output: new Uint8Array(0) };

const secretKey = hexToBytes("0xc9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
const hash = sha256Digest(new TextEncoder().encode("sample"));
const signature = p256.sign(hash, secretKey, { prehash: false });
const r = bytesToBigInt(signature.subarray(0, 32));
const s = bytesToBigInt(signature.subarray(32, 64));
const publicKey = p256.getPublicKey(secretKey, false);
const qx = bytesToBigInt(publicKey.subarray(1, 33));
const qy = bytesToBigInt(publicKey.subarray(33, 65));

function input(h: Uint8Array, rr: bigint, ss: bigint, x: bigint, y: bigint): Uint8Array {
  return concatBytes(h, ...[rr, ss, x, y].map((n) => bigIntToBytes(n, 32)));
}

describe("p256Verify (0x100)", () => {
  it("returns 32-byte 1 for a valid signature, for 6900 gas", () => {
    expect(p256Verify(input(hash, r, s, qx, qy), 6900, Fork.Osaka)).toEqual({
      ok: true,
      gasUsed: 6900,
      output: VALID,
    });
  });

  it("accepts the high-s twin of a valid signature (no malleability rule)", () => {
    expect(p256Verify(input(hash, r, N - s, qx, qy), 6900, Fork.Osaka).output).toEqual(VALID);
  });

  it("returns empty output, still charging 6900, for a wrong message or key", () => {
    const otherHash = sha256Digest(new TextEncoder().encode("test"));
    expect(p256Verify(input(otherHash, r, s, qx, qy), 6900, Fork.Osaka)).toEqual(INVALID);
    const other = p256.getPublicKey(p256.utils.randomSecretKey(), false);
    const ox = bytesToBigInt(other.subarray(1, 33));
    const oy = bytesToBigInt(other.subarray(33, 65));
    expect(p256Verify(input(hash, r, s, ox, oy), 6900, Fork.Osaka)).toEqual(INVALID);
  });

  it("returns empty output for out-of-range r or s, bad public keys, and wrong input length", () => {
    const cases = [
      input(hash, 0n, s, qx, qy),
      input(hash, N, s, qx, qy),
      input(hash, r, 0n, qx, qy),
      input(hash, r, N, qx, qy),
      input(hash, r, s, P, qy),
      input(hash, r, s, qx, P),
      input(hash, r, s, 0n, 0n), // infinity
      input(hash, r, s, qx, qy ^ 1n), // off the curve
      input(hash, r, s, qx, qy).subarray(0, 159),
      concatBytes(input(hash, r, s, qx, qy), Uint8Array.of(0)),
      new Uint8Array(0),
    ];
    for (const data of cases) expect(p256Verify(data, 6900, Fork.Osaka)).toEqual(INVALID);
  });

  it("fails with less than 6900 gas", () => {
    expect(p256Verify(input(hash, r, s, qx, qy), 6899, Fork.Osaka).ok).toBe(false);
  });
});
