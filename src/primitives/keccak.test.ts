import { keccak_256 } from "@noble/hashes/sha3.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "./hex.js";
import { EMPTY_TRIE_ROOT, KECCAK256_EMPTY, keccak256 } from "./keccak.js";
import { KECCAK_CHUNK_LENGTH, KECCAK_RATE } from "./keccakWasm.js";

/** `length` bytes that differ from block to block, so a skipped or repeated block changes the hash. */
function pattern(length: number, seed = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 131 + (i >> 8) * 7 + seed) & 0xff);
}

const hex = (bytes: Uint8Array) => bytesToHex(bytes);

describe("keccak256", () => {
  it("matches the known vectors", () => {
    expect(hex(keccak256(new Uint8Array(0)))).toBe(
      "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
    expect(hex(keccak256(new TextEncoder().encode("abc")))).toBe(
      "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
    );
    expect(hex(KECCAK256_EMPTY)).toBe("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    expect(hex(EMPTY_TRIE_ROOT)).toBe("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  });

  it("matches @noble/hashes at every length around the 136-byte block boundaries", () => {
    for (let length = 0; length <= 3 * KECCAK_RATE + 1; length++) {
      const data = pattern(length);
      expect(hex(keccak256(data)), `length ${length}`).toBe(hex(keccak_256(data)));
    }
  });

  it("matches @noble/hashes on random inputs of 0..1000 bytes", () => {
    const lengths = fc.oneof(fc.constantFrom(0, 1, 32, 64, 135, 136, 137, 271, 272, 273), fc.nat(1000));
    fc.assert(
      fc.property(
        lengths.chain((length) => fc.uint8Array({ minLength: length, maxLength: length })),
        (data) => {
          expect(hex(keccak256(data))).toBe(hex(keccak_256(data)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("matches @noble/hashes on inputs longer than the module's memory (absorbed in chunks)", () => {
    const chunk = KECCAK_CHUNK_LENGTH;
    const lengths = [chunk - 1, chunk, chunk + 1, chunk + KECCAK_RATE, 2 * chunk, 3 * chunk + 135, 300_000];
    for (const length of lengths) {
      const data = pattern(length, length);
      expect(hex(keccak256(data)), `length ${length}`).toBe(hex(keccak_256(data)));
    }
  });

  it("hashes a view at an offset into a larger buffer, and leaves the input as it was", () => {
    const buffer = pattern(500);
    const view = buffer.subarray(37, 37 + 200);
    const before = hex(buffer);
    expect(hex(keccak256(view))).toBe(hex(keccak_256(buffer.slice(37, 237))));
    expect(hex(buffer)).toBe(before);
  });

  it("returns a fresh array that a later call does not overwrite", () => {
    const first = keccak256(hexToBytes("0x01"));
    const copy = hex(first);
    keccak256(hexToBytes("0x02"));
    keccak256(pattern(100_000));
    expect(hex(first)).toBe(copy);
    expect(keccak256(new Uint8Array(0))).not.toBe(KECCAK256_EMPTY);
  });
});
