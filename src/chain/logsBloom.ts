import type { Log } from "../evm/log.js";
import { keccak256 } from "../primitives/keccak.js";

/** Bytes in a logs bloom (2048 bits). */
export const BLOOM_BYTES = 256;

/** Sets the 3 bloom bits of `item`: the low 11 bits of each of the first three byte pairs of keccak256(item). */
function addToBloom(bloom: Uint8Array, item: Uint8Array): void {
  const hash = keccak256(item);
  for (let i = 0; i < 6; i += 2) {
    const bit = ((hash[i] << 8) | hash[i + 1]) & 2047;
    bloom[BLOOM_BYTES - 1 - (bit >> 3)] |= 1 << (bit & 7);
  }
}

/** The yellow-paper logs bloom: each log's address and topics added to a 2048-bit filter. */
export function logsBloom(logs: readonly Log[]): Uint8Array {
  const bloom = new Uint8Array(BLOOM_BYTES);
  for (const log of logs) {
    addToBloom(bloom, log.address);
    for (const topic of log.topics) addToBloom(bloom, topic);
  }
  return bloom;
}

/** ORs `bloom` into `into` (the block bloom is the union of its receipts' blooms). */
export function orBloom(into: Uint8Array, bloom: Uint8Array): void {
  for (let i = 0; i < BLOOM_BYTES; i++) into[i] |= bloom[i];
}
