/**
 * Writes `value` big-endian into `out[offset, offset + length)` (`length` a multiple of 4), truncated to
 * `length` bytes. 32 bits per BigInt step: about 4x faster than a byte at a time for 256-bit values.
 */
export function writeBigUint(out: Uint8Array, offset: number, length: number, value: bigint): void {
  let v = value;
  for (let i = offset + length - 4; i >= offset; i -= 4) {
    if (v === 0n) {
      out.fill(0, offset, i + 4);
      return;
    }
    const word = Number(BigInt.asUintN(32, v));
    out[i] = word >>> 24;
    out[i + 1] = word >>> 16;
    out[i + 2] = word >>> 8;
    out[i + 3] = word;
    v >>= 32n;
  }
}

/** Reads `length` (a multiple of 4) big-endian bytes at `offset` as an unsigned BigInt, 32 bits per step. */
export function readBigUint(bytes: Uint8Array, offset: number, length: number): bigint {
  let i = offset;
  const end = offset + length;
  while (i < end && bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 0 && bytes[i + 3] === 0) i += 4;
  let value = 0n;
  for (; i < end; i += 4) {
    const word = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    value = (value << 32n) | BigInt(word);
  }
  return value;
}
