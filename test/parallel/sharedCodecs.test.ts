import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../../src/chain/transaction.js";
import type { TxResult } from "../../src/parallel/blockJob.js";
import {
  decodeSender,
  decodeTransaction,
  encodeTransactions,
} from "../../src/parallel/sharedTransactions.js";
import { decodeTxResult, encodeTxResult } from "../../src/parallel/txResultCodec.js";
import { ByteChunks, ByteReader, ByteWriter } from "../../src/primitives/byteCodec.js";

const uint = (bits: number) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });
const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
const data = fc.uint8Array({ maxLength: 80 });

const transaction: fc.Arbitrary<Transaction> = fc.record({
  type: fc.constantFrom(0, 1, 2, 3, 4),
  chainId: fc.option(uint(64), { nil: undefined }),
  nonce: uint(64),
  gasPrice: uint(256),
  maxPriorityFeePerGas: uint(256),
  maxFeePerGas: uint(256),
  gasLimit: uint(64),
  to: fc.option(bytes(20), { nil: undefined }),
  value: uint(256),
  data,
  accessList: fc.array(
    fc.record({ address: bytes(20), storageKeys: fc.array(bytes(32), { maxLength: 3 }) }),
    {
      maxLength: 3,
    },
  ),
  maxFeePerBlobGas: uint(256),
  blobVersionedHashes: fc.array(bytes(32), { maxLength: 3 }),
  authorizationList: fc.array(
    fc.record({
      chainId: uint(256),
      address: bytes(20),
      nonce: uint(64),
      yParity: uint(8),
      r: uint(256),
      s: uint(256),
    }),
    { maxLength: 2 },
  ),
  v: uint(256),
  r: uint(256),
  s: uint(256),
}) as fc.Arbitrary<Transaction>;

const txResult: fc.Arbitrary<TxResult> = fc.oneof(
  fc.record({
    tx: fc.nat(100_000),
    incarnation: fc.nat(1000),
    invalid: fc.record({ reason: fc.string(), message: fc.string() }),
  }),
  fc.record({
    tx: fc.nat(100_000),
    incarnation: fc.nat(1000),
    outcome: fc.record({
      status: fc.constantFrom(0 as const, 1 as const),
      gasUsed: uint(64),
      logs: fc.array(fc.record({ address: bytes(20), topics: fc.array(bytes(32), { maxLength: 4 }), data }), {
        maxLength: 3,
      }),
      createdAddress: fc.option(bytes(20), { nil: undefined }),
      output: data,
    }),
    writes: fc.array(
      fc.record({
        address: bytes(20),
        deleted: fc.boolean(),
        nonce: uint(64),
        balance: uint(256),
        codeHash: bytes(32),
        code: fc.option(data, { nil: undefined }),
        storageCleared: fc.boolean(),
        storage: fc
          .array(fc.tuple(uint(256), uint(256)), { maxLength: 4 })
          .map((entries) => new Map(entries)),
      }),
      { maxLength: 3 },
    ),
    coinbaseFee: uint(256),
    credit: fc.option(fc.record({ address: bytes(20), amount: uint(256) }), { nil: undefined }),
    logsBloom: bytes(256),
  }),
);

describe("cross-thread codecs", () => {
  it("ByteWriter/ByteReader round-trip integers of every size", () => {
    fc.assert(
      fc.property(fc.array(uint(256)), fc.array(fc.nat()), (bigints, words) => {
        const out = new ByteWriter(1);
        for (const value of bigints) out.bigint(value);
        for (const word of words) out.u32(word);
        const reader = new ByteReader(out.bytes());
        expect(bigints.map(() => reader.bigint())).toEqual(bigints);
        expect(words.map(() => reader.u32())).toEqual(words);
        expect(reader.offset).toBe(out.length);
      }),
    );
  });

  it("transactions (with or without their signature) and senders decode to what was encoded", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(transaction, bytes(20)), { maxLength: 6 }),
        fc.boolean(),
        (pairs, signed) => {
          const encoded = encodeTransactions(
            pairs.map(([tx]) => tx),
            pairs.map(([, sender]) => sender),
            signed,
          );
          expect(encoded.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
          // Decoded through one small-chunked copier: earlier transactions must survive later copies.
          const copies = new ByteChunks(64);
          const decoded = pairs.map((_, i) => decodeTransaction(encoded, i, copies));
          pairs.forEach(([tx, sender], i) => {
            expect(decoded[i]).toEqual(signed ? tx : { ...tx, v: 0n, r: 0n, s: 0n });
            expect(decodeTransaction(encoded, i)).toEqual(decoded[i]);
            expect(decodeSender(encoded, i)).toEqual(sender);
          });
        },
      ),
    );
  });

  it("transaction results decode to what was encoded, back to back in one arena", () => {
    fc.assert(
      fc.property(fc.array(txResult, { maxLength: 4 }), (results) => {
        const out = new ByteWriter(16);
        const starts = results.map((result) => {
          const start = out.length;
          encodeTxResult(out, result);
          return start;
        });
        const arena = out.bytes().slice();
        results.forEach((result, i) => {
          expect(decodeTxResult(new ByteReader(arena, starts[i]))).toEqual(result);
        });
      }),
    );
  });
});
