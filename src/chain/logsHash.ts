import type { Log } from "../evm/log.js";
import { keccak256 } from "../primitives/keccak.js";
import { encodeRlp } from "../primitives/rlp.js";

/**
 * keccak256(rlp([[address, [topics...], data], ...])): the `logs` field state tests compare
 * against after executing their transaction.
 */
export function logsHash(logs: Log[]): Uint8Array {
  return keccak256(encodeRlp(logs.map((log) => [log.address, log.topics, log.data])));
}
