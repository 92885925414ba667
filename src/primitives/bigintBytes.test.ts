import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readBigUint, writeBigUint } from "./bigintBytes.js";

/** Big-endian bytes of `value mod 2^(8 * length)`, one byte at a time: the reference. */
function reference(value: bigint, length: number): number[] {
  const bytes: number[] = [];
  for (let i = 0, v = value; i < length; i++, v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return bytes;
}

describe("writeBigUint / readBigUint", () => {
  it("write big-endian, truncate to the field, leave neighbours alone, and read back", () => {
    fc.assert(
      fc.property(
        // Every magnitude: small values, the 2^64 switch to the hex path, and values past the field.
        fc
          .integer({ min: 0, max: 300 })
          .chain((bits) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n })),
        fc.constantFrom(4, 8, 20, 32),
        (value, length) => {
          const out = new Uint8Array(length + 8).fill(0xee);
          writeBigUint(out, 4, length, value);
          expect([...out.subarray(4, 4 + length)]).toEqual(reference(value, length));
          expect([...out.subarray(0, 4), ...out.subarray(4 + length)]).toEqual(new Array(8).fill(0xee));
          expect(readBigUint(out, 4, length)).toBe(value & ((1n << BigInt(8 * length)) - 1n));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
