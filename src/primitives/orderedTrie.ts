import { compareBytes, leafNode, reference, sortedTrieRoot } from "./trie.js";

/** RLP encoding of a non-negative integer below 2^53: the key of entry `index`. */
function indexKey(index: number): Uint8Array {
  if (index === 0) return Uint8Array.of(0x80);
  if (index < 0x80) return Uint8Array.of(index);
  const bytes: number[] = [];
  for (let i = index; i > 0; i = Math.floor(i / 256)) bytes.unshift(i & 0xff);
  return Uint8Array.of(0x80 + bytes.length, ...bytes);
}

/** Nibbles two keys share. */
function sharedNibbles(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return 2 * i + ((a[i] ^ b[i]) < 16 ? 1 : 0);
  }
  return 2 * n;
}

/**
 * The trie keyed by rlp(index) over `count` values (transactions, receipts, withdrawals roots), filled
 * in any order. The shape depends only on `count`, so each leaf is encoded and hashed as soon as its
 * value arrives: the parallel executor hashes receipts while its workers still run, leaving only the
 * branch nodes for `root()`.
 */
export class OrderedTrie {
  private readonly keys: Uint8Array[];
  /** Position of entry `index` among the sorted keys. */
  private readonly positions: Int32Array;
  private readonly values: Uint8Array[];
  private readonly leafRefs: (Uint8Array | undefined)[];
  /** Per sorted position: the nibble its leaf's path starts at (one past its parent branch). */
  private readonly leafDepths: Int32Array;

  constructor(count: number) {
    const order = Array.from({ length: count }, (_, index) => ({ index, key: indexKey(index) }));
    order.sort((a, b) => compareBytes(a.key, b.key));
    this.keys = order.map((entry) => entry.key);
    this.positions = new Int32Array(count);
    order.forEach((entry, position) => {
      this.positions[entry.index] = position;
    });
    this.values = new Array(count);
    this.leafRefs = new Array(count);
    this.leafDepths = new Int32Array(count);
    // A leaf hangs off the branch where it parts from its closest sorted neighbour (keys rlp(i) are
    // prefix-free, so no key ends at a branch). A lone key is the root leaf, at depth 0.
    for (let p = 0; p < count; p++) {
      const before = p > 0 ? sharedNibbles(this.keys[p - 1], this.keys[p]) : -1;
      const after = p + 1 < count ? sharedNibbles(this.keys[p], this.keys[p + 1]) : -1;
      this.leafDepths[p] = count === 1 ? 0 : Math.max(before, after) + 1;
    }
  }

  /** Sets entry `index` (a non-empty value) and hashes its leaf now. */
  set(index: number, value: Uint8Array): void {
    const position = this.positions[index];
    this.values[position] = value;
    if (this.keys.length > 1) {
      this.leafRefs[position] = reference(leafNode(this.keys[position], value, this.leafDepths[position]));
    }
  }

  /** The root hash; every entry must have been set. */
  root(): Uint8Array {
    return sortedTrieRoot({
      keys: this.keys,
      values: this.values,
      leafRefs: this.leafRefs,
      leafDepths: this.leafDepths,
    });
  }
}

/** Root of the trie keyed by rlp(index) over `values`: the transactions, receipts and withdrawals roots. */
export function orderedTrieRoot(values: Uint8Array[]): Uint8Array {
  const trie = new OrderedTrie(values.length);
  values.forEach((value, index) => {
    trie.set(index, value);
  });
  return trie.root();
}
