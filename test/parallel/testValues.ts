/** Small values the Block-STM tests build blocks from. */

/** A recognisable address: `prefix` in the first byte, `index` in the last. */
export function address(prefix: number, index: number): Uint8Array {
  const out = new Uint8Array(20);
  out[0] = prefix;
  out[19] = index;
  return out;
}

/** `target` as a 32-byte calldata word (left-padded). */
export function word(target: Uint8Array): Uint8Array {
  const data = new Uint8Array(32);
  data.set(target, 12);
  return data;
}

/** Gas used by transaction `i` alone, from the cumulative gas of the receipts. */
export function gasOf(result: { receipts: { cumulativeGasUsed: bigint }[] }, i: number): bigint {
  return result.receipts[i].cumulativeGasUsed - (i === 0 ? 0n : result.receipts[i - 1].cumulativeGasUsed);
}
