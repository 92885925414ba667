import { bigIntToBytes, hexToBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { encodeRlp } from "../primitives/rlp.js";
import { trieRoot } from "../primitives/trie.js";
import type { MemoryState } from "./memoryState.js";

/** A 256-bit word as exactly 32 big-endian bytes. */
function word32(value: bigint): Uint8Array {
  return hexToBytes(value.toString(16).padStart(64, "0"));
}

/**
 * Storage root of one account: the secure trie of rlp(value) keyed by keccak256(slot as 32 bytes).
 * Zero values are not stored (the trie has no entry for them).
 */
export function storageRoot(storage: Map<bigint, bigint>): Uint8Array {
  const entries: Array<[Uint8Array, Uint8Array]> = [];
  for (const [slot, value] of storage) {
    if (value === 0n) continue;
    entries.push([keccak256(word32(slot)), encodeRlp(bigIntToBytes(value))]);
  }
  return trieRoot(entries);
}

/**
 * World-state root of `state`: the secure trie of rlp([nonce, balance, storageRoot, codeHash])
 * keyed by keccak256(address). Every account present is included, empty or not; clearing empty
 * accounts (EIP-161) is the executor's job.
 */
export function stateRoot(state: MemoryState): Uint8Array {
  const entries: Array<[Uint8Array, Uint8Array]> = [];
  for (const [address, account] of state.entries()) {
    const body = encodeRlp([
      bigIntToBytes(account.nonce),
      bigIntToBytes(account.balance),
      storageRoot(account.storage),
      account.codeHash,
    ]);
    entries.push([keccak256(address), body]);
  }
  return trieRoot(entries);
}
