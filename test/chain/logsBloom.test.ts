import { keccak_256 } from "@noble/hashes/sha3.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logsBloom } from "../../src/chain/logsBloom.js";
import type { Log } from "../../src/evm/log.js";

/** The yellow-paper bloom, straight from its definition (no cache). */
function referenceBloom(logs: readonly Log[]): Uint8Array {
  const bloom = new Uint8Array(256);
  for (const item of logs.flatMap((log) => [log.address, ...log.topics])) {
    const hash = keccak_256(item);
    for (let i = 0; i < 6; i += 2) {
      const bit = ((hash[i] << 8) | hash[i + 1]) & 2047;
      bloom[255 - (bit >> 3)] |= 1 << (bit & 7);
    }
  }
  return bloom;
}

// Few distinct tails, so items often share a cache slot and must still be told apart by their bytes.
const tail = fc.constantFrom(new Uint8Array([0, 0]), new Uint8Array([1, 2]), new Uint8Array([0xff, 0xff]));
const item = (length: number) =>
  fc
    .tuple(fc.uint8Array({ minLength: length - 2, maxLength: length - 2 }), tail)
    .map(([head, end]) => Uint8Array.from([...head, ...end]));
const log = fc.record({
  address: item(20),
  topics: fc.array(item(32), { maxLength: 4 }),
  data: fc.constant(new Uint8Array(0)),
});

describe("logsBloom", () => {
  it("equals the yellow-paper definition for repeated and colliding addresses and topics", () => {
    fc.assert(
      fc.property(fc.array(fc.array(log, { maxLength: 6 }), { minLength: 1, maxLength: 8 }), (receipts) => {
        for (const logs of receipts) expect(logsBloom(logs)).toEqual(referenceBloom(logs));
      }),
      { numRuns: 300 },
    );
  });

  it("is empty without logs", () => {
    expect(logsBloom([])).toEqual(new Uint8Array(256));
  });
});
