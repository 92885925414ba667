import { describe, expect, it } from "vitest";
import { newBytes } from "./chunkedBytes.js";

describe("newBytes", () => {
  it("hands out zeroed arrays of the asked length that never overlap, across chunk boundaries", () => {
    const arrays: Uint8Array[] = [];
    // ~300 KiB in total: several chunks are used up and replaced.
    for (let i = 0; i < 600; i++) {
      const length = 65 + ((i * 37) % 960);
      const bytes = newBytes(length);
      expect(bytes.length).toBe(length);
      expect(bytes.every((b) => b === 0)).toBe(true);
      bytes.fill(i & 0xff || 1);
      arrays.push(bytes);
    }
    // Every array still holds what was written into it: no later array was carved over it.
    for (const [i, bytes] of arrays.entries()) expect(bytes.every((b) => b === (i & 0xff || 1))).toBe(true);
  });

  it("gives small and large arrays their own buffers", () => {
    for (const length of [0, 1, 64, 1025, 70_000]) {
      const bytes = newBytes(length);
      expect(bytes.length).toBe(length);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(length);
    }
  });
});
