import { describe, expect, it } from "vitest";
import { bigIntToBytes, bytesToBigInt, concatBytes, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { modexp, modexpGas, modPow } from "./modexp.js";

const word = (n: bigint) => bigIntToBytes(n, 32);
const bytes = (n: bigint, length: number) => bigIntToBytes(n, length);
const GAS = 1_000_000_000;

/** Builds a MODEXP input from its three lengths and three values. */
function modexpInput(base: Uint8Array, exp: Uint8Array, mod: Uint8Array): Uint8Array {
  return concatBytes(
    word(BigInt(base.length)),
    word(BigInt(exp.length)),
    word(BigInt(mod.length)),
    base,
    exp,
    mod,
  );
}

/** Plain square-and-multiply, the oracle for modPow. */
function naiveModPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n % mod;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

const SECP256K1_P = 2n ** 256n - 2n ** 32n - 977n;

describe("modexp (0x05)", () => {
  it("computes EIP-198 example 1: 3^(p-1) mod p = 1 (Fermat), priced per fork", () => {
    const data = modexpInput(Uint8Array.of(3), word(SECP256K1_P - 1n), word(SECP256K1_P));
    // max length 32, 255 iterations: EIP-198 32²·255/20, EIP-2565 4²·255/3, EIP-7883 16·255.
    expect(modexp(data, GAS, Fork.Byzantium)).toEqual({ ok: true, gasUsed: 13056, output: word(1n) });
    expect(modexp(data, GAS, Fork.Berlin).gasUsed).toBe(1360);
    expect(modexp(data, GAS, Fork.Osaka).gasUsed).toBe(4080);
  });

  it("computes EIP-198 example 2: zero-length base reads as 0", () => {
    const data = modexpInput(new Uint8Array(0), word(SECP256K1_P - 2n), word(SECP256K1_P));
    expect(modexp(data, GAS, Fork.Byzantium).output).toEqual(word(0n));
  });

  it("returns modLen zero bytes for a zero modulus and empty output when base and modulus are empty", () => {
    expect(
      modexp(modexpInput(Uint8Array.of(5), Uint8Array.of(3), new Uint8Array(4)), GAS, Fork.Berlin).output,
    ).toEqual(new Uint8Array(4));
    const empty = modexp(
      modexpInput(new Uint8Array(0), Uint8Array.of(3), new Uint8Array(0)),
      GAS,
      Fork.Berlin,
    );
    expect(empty).toEqual({ ok: true, gasUsed: 200, output: new Uint8Array(0) });
  });

  it("treats 0^0 as 1 and x^0 as 1 mod m", () => {
    expect(
      modexp(modexpInput(Uint8Array.of(0), Uint8Array.of(0), Uint8Array.of(7)), GAS, Fork.Berlin).output,
    ).toEqual(Uint8Array.of(1));
    expect(
      modexp(modexpInput(Uint8Array.of(9), new Uint8Array(0), Uint8Array.of(1)), GAS, Fork.Berlin).output,
    ).toEqual(Uint8Array.of(0));
  });

  it("zero-pads input that stops early, inside the exponent and in the modulus", () => {
    // exp length 3 but only 1 exponent byte present: the exponent is 0x020000; modulus absent entirely reads as 0.
    const header = concatBytes(word(1n), word(3n), word(2n));
    const noModulus = concatBytes(header, Uint8Array.of(3, 2));
    expect(modexp(noModulus, GAS, Fork.Berlin).output).toEqual(new Uint8Array(2));
    // Now with the modulus declared as the bytes after the exponent: all zero, so output is zero.
    const full = concatBytes(header, Uint8Array.of(3), Uint8Array.of(2, 0, 0), bytes(1000n, 2));
    const truncated = full.subarray(0, full.length - 2);
    expect(modexp(truncated, GAS, Fork.Berlin).output).toEqual(new Uint8Array(2));
    expect(bytesToBigInt(modexp(full, GAS, Fork.Berlin).output)).toBe(naiveModPow(3n, 0x020000n, 1000n));
  });

  it("prices the exponent by its first 32 bytes plus a per-byte term beyond them", () => {
    const expHead = 2n ** 255n; // bit length 256 → 255
    // 64-byte exponent: 255 + 8·32 iterations before Osaka, 255 + 16·32 from Osaka.
    expect(modexpGas(64n, 64n, 64n, expHead, Fork.Byzantium)).toBe((64n * 64n * 511n) / 20n);
    expect(modexpGas(64n, 64n, 64n, expHead, Fork.Berlin)).toBe((64n * 511n) / 3n);
    expect(modexpGas(64n, 64n, 64n, expHead, Fork.Osaka)).toBe(2n * 64n * 767n);
    // Byzantium's three complexity bands.
    expect(modexpGas(100n, 1n, 0n, 2n, Fork.Byzantium)).toBe(((100n * 100n) / 4n + 9600n - 3072n) / 20n);
    expect(modexpGas(2000n, 1n, 0n, 2n, Fork.Byzantium)).toBe(
      ((2000n * 2000n) / 16n + 960000n - 199680n) / 20n,
    );
    // Minimums: 200 from Berlin, 500 from Osaka; 16 per iteration at ≤ 32 bytes in Osaka.
    expect(modexpGas(1n, 1n, 1n, 1n, Fork.Berlin)).toBe(200n);
    expect(modexpGas(1n, 1n, 1n, 1n, Fork.Osaka)).toBe(500n);
    expect(modexpGas(32n, 33n, 32n, 2n ** 255n, Fork.Osaka)).toBe(16n * (16n + 255n));
    expect(modexpGas(33n, 1n, 1n, 3n, Fork.Osaka)).toBe(500n);
  });

  it("fails when gas is short, including for hostile lengths whose price exceeds 2^53", () => {
    const data = modexpInput(Uint8Array.of(3), word(SECP256K1_P - 2n), word(SECP256K1_P));
    expect(modexp(data, 1359, Fork.Berlin).ok).toBe(false);
    const huge = concatBytes(word(2n ** 255n), word(1n), word(1n));
    expect(modexp(huge, Number.MAX_SAFE_INTEGER, Fork.Berlin).ok).toBe(false);
    const hugeExp = concatBytes(word(1n), word(2n ** 200n), word(1n), Uint8Array.of(2, 0xff, 5));
    expect(modexp(hugeExp, Number.MAX_SAFE_INTEGER, Fork.Byzantium).ok).toBe(false);
  });

  it("enforces the EIP-7823 1024-byte bound from Osaka only", () => {
    for (const [b, e, m] of [
      [1025, 1, 1],
      [1, 1025, 1],
      [1, 1, 1025],
    ]) {
      const data = modexpInput(
        new Uint8Array(b).fill(1),
        new Uint8Array(e).fill(1),
        new Uint8Array(m).fill(1),
      );
      expect(modexp(data, GAS, Fork.Osaka).ok).toBe(false);
      expect(modexp(data, GAS, Fork.Prague).ok).toBe(true);
    }
    const atBound = modexpInput(
      new Uint8Array(1024).fill(1),
      Uint8Array.of(1),
      new Uint8Array(1024).fill(0xff),
    );
    expect(modexp(atBound, GAS, Fork.Osaka).ok).toBe(true);
  });

  it("agrees with naive square-and-multiply, including a zero exponent tail past the input", () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const randomBig = (byteLength: number) => {
      let x = 0n;
      for (let i = 0; i < byteLength; i++) x = (x << 8n) | BigInt(next() & 0xff);
      return x;
    };
    for (let i = 0; i < 50; i++) {
      const base = randomBig(1 + (next() % 40));
      const expBytes = bigIntToBytes(randomBig(1 + (next() % 20)));
      const mod = randomBig(1 + (next() % 40)) | 1n;
      const zeroBits = next() % 24;
      const exp = bytesToBigInt(expBytes) << BigInt(zeroBits);
      expect(modPow(base, expBytes, zeroBits, mod), `seed case ${i}`).toBe(naiveModPow(base, exp, mod));
    }
  });

  it("returns the result left-padded to the modulus length", () => {
    const result = modexp(
      modexpInput(Uint8Array.of(2), Uint8Array.of(3), hexToBytes("0x0000ff")),
      GAS,
      Fork.Berlin,
    );
    expect(result.output).toEqual(Uint8Array.of(0, 0, 8));
  });
});
