import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, concatBytes } from "../primitives/hex.js";
import { encodeRlp } from "../primitives/rlp.js";
import { encodeReceipt, type Receipt } from "./receipt.js";

/** The receipt encoding assembled from generic RLP items: the reference. */
function reference(receipt: Receipt): Uint8Array {
  const first =
    receipt.status === undefined
      ? receipt.postState!
      : receipt.status === 1
        ? Uint8Array.of(1)
        : new Uint8Array(0);
  const body = encodeRlp([
    first,
    bigIntToBytes(receipt.cumulativeGasUsed),
    receipt.logsBloom,
    receipt.logs.map((log) => [log.address, log.topics, log.data]),
  ]);
  return receipt.type === 0 ? body : concatBytes(Uint8Array.of(receipt.type), body);
}

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
const receipt: fc.Arbitrary<Receipt> = fc.record({
  type: fc.constantFrom(0, 1, 2, 3, 4),
  status: fc.constantFrom(0 as const, 1 as const, undefined),
  postState: bytes(32),
  cumulativeGasUsed: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  logs: fc.array(
    fc.record({
      address: bytes(20),
      topics: fc.array(bytes(32), { maxLength: 4 }),
      // Lengths around the RLP short/long boundaries, and single bytes on both sides of 0x80.
      data: fc.oneof(
        fc.uint8Array({ maxLength: 2 }),
        fc.uint8Array({ minLength: 54, maxLength: 58 }),
        fc.uint8Array({ maxLength: 400 }),
      ),
    }),
    { maxLength: 5 },
  ),
  logsBloom: bytes(256),
}) as fc.Arbitrary<Receipt>;

describe("encodeReceipt", () => {
  it("equals the generic RLP encoding of the receipt", () => {
    fc.assert(
      fc.property(receipt, (r) => {
        expect(encodeReceipt(r)).toEqual(reference(r));
      }),
      { numRuns: 500 },
    );
  });
});
