import { writeBigUint } from "../primitives/bigintBytes.js";
import { keccak256 } from "../primitives/keccak.js";
import type { MerkleTrie } from "../primitives/merkleTrie.js";
import type { TrieNodeSink } from "../primitives/trieNodeStore.js";
import type { TrieOp } from "../primitives/trieUpdate.js";
import type { SlotChange } from "./stateDiff.js";

const NO_VALUE = new Uint8Array(0);

/**
 * A 32-byte scratch word: slots and values are written here first, so each costs one typed array (the
 * key or value kept in the trie) instead of two or three. A small Uint8Array costs ~250 bytes of heap
 * (measured with the sampling heap profiler), and the scavenges they cause were a third of an update.
 */
const word = new Uint8Array(32);

/** The key of `slot` in its account's storage trie: keccak256 of the slot as 32 big-endian bytes. */
export function storageTrieKey(slot: bigint): Uint8Array {
  writeBigUint(word, 0, 32, slot);
  return keccak256(word);
}

/** The storage trie's value for a non-zero slot: rlp of its minimal big-endian bytes. */
export function storageTrieValue(value: bigint): Uint8Array {
  writeBigUint(word, 0, 32, value);
  let start = 0;
  while (word[start] === 0) start++;
  const length = 32 - start;
  if (length === 1 && word[31] < 0x80) return Uint8Array.of(word[31]);
  const out = new Uint8Array(length + 1);
  out[0] = 0x80 + length;
  for (let i = 0; i < length; i++) out[i + 1] = word[start + i];
  return out;
}

/** The storage trie holding the non-zero slots of `storage`. */
export function buildStorageTrie(
  storage: ReadonlyMap<bigint, bigint>,
  empty: MerkleTrie,
  sink?: TrieNodeSink,
): MerkleTrie {
  const ops: TrieOp[] = [];
  for (const [slot, value] of storage) {
    if (value !== 0n) ops.push({ key: storageTrieKey(slot), value: storageTrieValue(value) });
  }
  return empty.update(ops, sink);
}

/**
 * An account's storage trie after `changes` (a slot changed to zero leaves the trie); the new nodes go
 * to `sink`. It touches nothing but this account's trie, so the storage tries of different accounts
 * can be updated independently (on different threads, once their nodes live in a shared store).
 */
export function updateStorageTrie(
  trie: MerkleTrie,
  changes: readonly SlotChange[],
  sink?: TrieNodeSink,
): MerkleTrie {
  const ops: TrieOp[] = new Array(changes.length);
  for (let i = 0; i < changes.length; i++) {
    const { slot, after } = changes[i];
    ops[i] = { key: storageTrieKey(slot), value: after === 0n ? NO_VALUE : storageTrieValue(after) };
  }
  return trie.update(ops, sink);
}
