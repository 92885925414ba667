/**
 * Reads `length` bytes of precompile input starting at `offset`, treating bytes past the end of the input
 * as zero (the EVM's calldata semantics, which ecrecover, modexp and the bn254 precompiles rely on).
 * Always returns a fresh array so callers may keep it.
 */
export function readPadded(input: Uint8Array, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (offset < input.length) out.set(input.subarray(offset, Math.min(input.length, offset + length)));
  return out;
}

/** Number of 32-byte words needed to hold `byteLength` bytes: the unit of per-word precompile pricing. */
export function wordCount(byteLength: number): number {
  return Math.ceil(byteLength / 32);
}
