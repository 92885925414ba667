import { readBigUint, writeBigUint } from "./bigintBytes.js";

/*
 * A compact binary encoding for values crossing threads through shared memory. Structured clone
 * (postMessage) of a 2,000-transaction block's results cost ~40 ms here (serialize on the worker,
 * deserialize on the main thread); this writer/reader pair does the same in a few ms.
 * Integers: u8, u32 (little-endian), and unsigned BigInts below 2^256.
 */

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** Appends values to a growable byte buffer; `bytes()` views what was written. */
export class ByteWriter {
  private buffer: Uint8Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  /** Forgets what was written (the buffer is kept for reuse). */
  reset(): void {
    this.length = 0;
  }

  /** A view of the written bytes, valid until the next write or reset. */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < need) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  u8(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  u32(value: number): void {
    this.reserve(4);
    const b = this.buffer;
    const i = this.length;
    b[i] = value;
    b[i + 1] = value >>> 8;
    b[i + 2] = value >>> 16;
    b[i + 3] = value >>> 24;
    this.length = i + 4;
  }

  /** An unsigned BigInt below 2^256: a tag (0 zero, 1 one word, 2 32 bytes big-endian), then the value. */
  bigint(value: bigint): void {
    if (value < 0x100000000n) {
      // Most values (nonces, gas, small slots) fit one word: no BigInt shifting.
      if (value === 0n) this.u8(0);
      else {
        this.u8(1);
        this.u32(Number(value));
      }
      return;
    }
    this.u8(2);
    this.reserve(32);
    writeBigUint(this.buffer, this.length, 32, value);
    this.length += 32;
  }

  /** Raw bytes of a length the reader knows (addresses, hashes). */
  fixed(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Length-prefixed bytes. */
  bytesField(bytes: Uint8Array): void {
    this.u32(bytes.length);
    this.fixed(bytes);
  }

  string(text: string): void {
    this.bytesField(textEncoder.encode(text));
  }
}

/** Reads what a ByteWriter wrote. Byte fields are views into the source (no copies). */
export class ByteReader {
  private readonly source: Uint8Array;
  offset: number;

  constructor(source: Uint8Array, offset = 0) {
    this.source = source;
    this.offset = offset;
  }

  u8(): number {
    return this.source[this.offset++];
  }

  u32(): number {
    const b = this.source;
    const i = this.offset;
    this.offset = i + 4;
    return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
  }

  bigint(): bigint {
    const tag = this.u8();
    if (tag === 0) return 0n;
    if (tag === 1) return BigInt(this.u32());
    const value = readBigUint(this.source, this.offset, 32);
    this.offset += 32;
    return value;
  }

  fixed(length: number): Uint8Array {
    const view = this.source.subarray(this.offset, this.offset + length);
    this.offset += length;
    return view;
  }

  bytesField(): Uint8Array {
    return this.fixed(this.u32());
  }

  string(): string {
    return textDecoder.decode(this.bytesField());
  }
}

/**
 * Private copies of many small byte ranges out of shared memory, packed into 64 KiB chunks: one
 * ArrayBuffer per chunk instead of one per copy (~250 vs ~550-840 ns for a 450-byte record here).
 * The copies are views and keep their chunk alive.
 */
export class ByteChunks {
  private readonly chunkBytes: number;
  private chunk = new Uint8Array(0);
  private used = 0;

  /** `chunkBytes` 0: every copy gets its own buffer (one-off copies). */
  constructor(chunkBytes = 65536) {
    this.chunkBytes = chunkBytes;
  }

  copy(source: Uint8Array, start: number, end: number): Uint8Array {
    const length = end - start;
    if (this.used + length > this.chunk.length) {
      this.chunk = new Uint8Array(Math.max(this.chunkBytes, length));
      this.used = 0;
    }
    const at = this.used;
    this.chunk.set(source.subarray(start, end), at);
    this.used = at + length;
    return this.chunk.subarray(at, at + length);
  }
}
