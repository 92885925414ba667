import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { setWordBigInt, wordToBigInt } from "./u256.js";

/** The word at `o` as a BigInt, limb by limb (the definition: 8 little-endian uint32 limbs). */
function reference(a: Uint32Array, o: number): bigint {
  let value = 0n;
  for (let i = 7; i >= 0; i--) value = value * 4294967296n + BigInt(a[o + i]);
  return value;
}

const MOD = 1n << 256n;
const values = fc.oneof(
  fc.bigInt({ min: 0n, max: MOD - 1n }),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.bigInt({ min: -(MOD - 1n), max: MOD * 2n }),
  fc.constantFrom(0n, 1n, (1n << 64n) - 1n, 1n << 64n, (1n << 192n) + 5n, MOD - 1n, MOD, -1n),
);

describe("words as BigInt", () => {
  it("round-trips values mod 2^256 at lane-aligned and misaligned offsets, in own and offset views", () => {
    const buffer = new ArrayBuffer(4 * 40);
    // Views starting on a 64-bit lane (byteOffset 0, 8) and between lanes (byteOffset 4).
    const views = [new Uint32Array(buffer), new Uint32Array(buffer, 8, 32), new Uint32Array(buffer, 4, 32)];
    fc.assert(
      fc.property(values, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 24 }), (value, v, o) => {
        const words = views[v];
        words.fill(0xffffffff);
        setWordBigInt(words, o, value);
        const expected = ((value % MOD) + MOD) % MOD;
        expect(reference(words, o)).toBe(expected);
        expect(wordToBigInt(words, o)).toBe(expected);
        // Limbs around the word are untouched.
        if (o > 0) expect(words[o - 1]).toBe(0xffffffff);
        if (o + 8 < words.length) expect(words[o + 8]).toBe(0xffffffff);
      }),
      { numRuns: 2000 },
    );
  });
});
