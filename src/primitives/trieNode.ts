import { newBytes } from "./chunkedBytes.js";
import type { MerkleTrie } from "./merkleTrie.js";

/*
 * The nodes of a Merkle-Patricia trie kept in memory (see merkleTrie.ts). Nodes are immutable once
 * built, so any number of trie versions can share them; the only fields ever written later are caches
 * that are the same whoever fills them (`ref`, `resolved`).
 *
 * `ref` is how a parent refers to the node: its RLP when shorter than 32 bytes (embedded in the
 * parent), else 0xa0 followed by keccak256 of its RLP (the RLP string of the hash, 33 bytes). A parent
 * is encoded by concatenating its children's refs, so a ref is computed once per node and kept (a leaf
 * keeps its hash in its own buffer instead, see TrieLeaf).
 */

export const BRANCH = 0;
export const EXTENSION = 1;
export const LEAF = 2;
export const HASHED = 3;

/**
 * The entry for `key` (all of it, not only its path): the leaf's path is the key's nibbles from
 * `start` on, the nibbles before `start` being the path from the root to this node. Holding the key
 * instead of a nibble array lets a leaf move up or down (a branch collapsing or splitting) by a new
 * `start`.
 *
 * Its hash, key and value share one buffer carved from a 64 KiB chunk (chunkedBytes.ts): leaves are
 * nearly all of a state trie's nodes, and with a Uint8Array each for the three a 200k-account trie took
 * 906 bytes of heap per account (measured after a full GC), 355 this way (plus the 134 bytes themselves
 * in chunks), and an update's apply ran ~20% faster for the smaller garbage collections. The price: a
 * live leaf keeps its whole chunk alive, so a long-lived trie whose leaves were replaced piecemeal
 * holds partly dead chunks (the persistent store will hold cold leaves instead).
 */
export class TrieLeaf {
  readonly kind = LEAF;
  /** keccak256 of the leaf's RLP (bytes 0-31, once `hashed`), the key, then the value. */
  readonly bytes: Uint8Array;
  readonly keyLength: number;
  /** bytes[0, 32) holds the leaf's hash: its reference is 0xa0 followed by it. */
  hashed = false;
  /** The leaf's RLP when shorter than 32 bytes, its reference (embedded in the parent), once encoded. */
  embedded: Uint8Array | undefined = undefined;

  constructor(
    key: Uint8Array,
    readonly start: number,
    value: Uint8Array,
    /**
     * The in-memory trie whose root hash `value` embeds (an account's storage trie), carried along so
     * the next update finds it without a lookup. A cache: a leaf loaded from a store has none, and the
     * trie is then opened from the hash inside `value`.
     */
    readonly subtrie: MerkleTrie | undefined,
  ) {
    this.keyLength = key.length;
    this.bytes = newBytes(32 + key.length + value.length);
    this.bytes.set(key, 32);
    this.bytes.set(value, 32 + key.length);
  }

  /** The key (a view into the leaf's buffer). */
  get key(): Uint8Array {
    return this.bytes.subarray(32, 32 + this.keyLength);
  }

  /** The value (a view into the leaf's buffer). */
  get value(): Uint8Array {
    return this.bytes.subarray(32 + this.keyLength);
  }

  /** True when this is the leaf of `key`. */
  hasKey(key: Uint8Array): boolean {
    if (key.length !== this.keyLength) return false;
    const bytes = this.bytes;
    for (let i = 0; i < key.length; i++) if (bytes[32 + i] !== key[i]) return false;
    return true;
  }

  /** The same entry with its path starting at nibble `start` (after a branch above it split or collapsed). */
  movedTo(start: number): TrieLeaf {
    return new TrieLeaf(this.key, start, this.value, this.subtrie);
  }
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
