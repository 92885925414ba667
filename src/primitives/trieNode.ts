import type { MerkleTrie } from "./merkleTrie.js";

/*
 * The nodes of a Merkle-Patricia trie kept in memory (see merkleTrie.ts). Nodes are immutable once
 * built, so any number of trie versions can share them; the only fields ever written later are caches
 * that are the same whoever fills them (`ref`, `resolved`).
 *
 * `ref` is how a parent refers to the node: its RLP when shorter than 32 bytes (embedded in the
 * parent), else 0xa0 followed by keccak256 of its RLP (the RLP string of the hash, 33 bytes). A parent
 * is encoded by concatenating its children's refs, so a ref is computed once per node and kept.
 */

export const BRANCH = 0;
export const EXTENSION = 1;
export const LEAF = 2;
export const HASHED = 3;

/**
 * The entry for `key` (all of it, not only its path): the leaf's path is the key's nibbles from
 * `start` on, the nibbles before `start` being the path from the root to this node. Holding the key
 * instead of a nibble array costs no allocation (the caller's key is kept) and moving the leaf up or
 * down (a branch collapsing or splitting) is a new `start`.
 */
export class TrieLeaf {
  readonly kind = LEAF;
  ref: Uint8Array | undefined = undefined;
  constructor(
    readonly key: Uint8Array,
    readonly start: number,
    readonly value: Uint8Array,
    /**
     * The in-memory trie whose root hash `value` embeds (an account's storage trie), carried along so
     * the next update finds it without a lookup. A cache: a leaf loaded from a store has none, and the
     * trie is then opened from the hash inside `value`.
     */
    readonly subtrie: MerkleTrie | undefined,
  ) {}
}

/** Nibbles shared by every key below it, then one branch. `path` holds one nibble (0-15) per byte. */
export class TrieExtension {
  readonly kind = EXTENSION;
  ref: Uint8Array | undefined = undefined;
  constructor(
    readonly path: Uint8Array,
    readonly child: TrieNode,
  ) {}
}

/** Sixteen children by next nibble (undefined: empty) and the value of a key that ends here. */
export class TrieBranch {
  readonly kind = BRANCH;
  ref: Uint8Array | undefined = undefined;
  constructor(
    readonly children: (TrieNode | undefined)[],
    readonly value: Uint8Array | undefined,
  ) {}
}

/**
 * A node known by its hash only, loaded from the trie's node store when an update reaches it (and then
 * kept in `resolved`). `ref` is 0xa0 followed by the hash.
 */
export class TrieHashedNode {
  readonly kind = HASHED;
  resolved: TrieNode | undefined = undefined;
  constructor(readonly ref: Uint8Array) {}
}

export type TrieNode = TrieLeaf | TrieExtension | TrieBranch | TrieHashedNode;

/** The 33-byte reference to a node whose hash is `hash`. */
export function hashReference(hash: Uint8Array): Uint8Array {
  const ref = new Uint8Array(33);
  ref[0] = 0xa0;
  ref.set(hash, 1);
  return ref;
}
