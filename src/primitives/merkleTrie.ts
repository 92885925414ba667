import { equalBytes } from "./hex.js";
import { EMPTY_TRIE_ROOT } from "./keccak.js";
import { compareBytes, nibbleAt } from "./trie.js";
import { BRANCH, EXTENSION, HASHED, hashReference, TrieHashedNode, type TrieNode } from "./trieNode.js";
import { resolveHashedNode, rootHashOf } from "./trieNodeCodec.js";
import type { TrieNodeSink, TrieNodeStore } from "./trieNodeStore.js";
import { applyTrieOps, type TrieOp } from "./trieUpdate.js";

/** Ops sorted by key, a repeated key keeping its last op. */
function sortOps(ops: readonly TrieOp[]): TrieOp[] {
  // Array.prototype.sort is stable: among equal keys the last given stays last.
  const sorted = ops.slice().sort((a, b) => compareBytes(a.key, b.key));
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i + 1 < sorted.length && equalBytes(sorted[i].key, sorted[i + 1].key)) continue;
    sorted[n++] = sorted[i];
  }
  sorted.length = n;
  return sorted;
}

/**
 * One version of a Merkle-Patricia trie, kept as nodes with their hashes cached. Immutable: `update`
 * returns a new version that shares every subtree the batch did not touch with this one, so older
 * versions stay valid (and keep their root) for as long as they are held. An update costs the touched
 * keys times the depth, not the size of the trie.
 *
 * Keys are used as given (a secure trie hashes them first); an empty value means "absent". Nodes the
 * trie knows only by hash (a trie opened with `fromRootHash`) are loaded from its `store` when an update
 * or lookup reaches them.
 */
export class MerkleTrie {
  private constructor(
    /** The root node; undefined for the empty trie. */
    readonly root: TrieNode | undefined,
    readonly store: TrieNodeStore | undefined,
    private readonly hash: Uint8Array,
  ) {}

  /** The empty trie, loading from `store` whatever later versions reach by hash. */
  static empty(store?: TrieNodeStore): MerkleTrie {
    return new MerkleTrie(undefined, store, EMPTY_TRIE_ROOT.slice());
  }

  /** The trie whose root hash is `rootHash`, its nodes loaded from `store` as they are needed. */
  static fromRootHash(rootHash: Uint8Array, store: TrieNodeStore): MerkleTrie {
    if (equalBytes(rootHash, EMPTY_TRIE_ROOT)) return MerkleTrie.empty(store);
    return new MerkleTrie(new TrieHashedNode(hashReference(rootHash)), store, rootHash.slice());
  }

  /** The trie holding `entries` (the last value of a repeated key wins; empty values are absent). */
  static fromEntries(
    entries: Iterable<[key: Uint8Array, value: Uint8Array]>,
    sink?: TrieNodeSink,
  ): MerkleTrie {
    const ops: TrieOp[] = [];
    for (const [key, value] of entries) ops.push({ key, value });
    return MerkleTrie.empty().update(ops, sink);
  }

  /** keccak256 of the root node: the trie's commitment (keccak256(rlp("")) when empty). */
  rootHash(): Uint8Array {
    return this.hash;
  }

  /**
   * The next version: `ops` applied in order (sorted here; a key given twice takes its last op). The
   * nodes it creates are hashed now and each hashed one, the root included, goes to `sink`.
   */
  update(ops: readonly TrieOp[], sink?: TrieNodeSink): MerkleTrie {
    if (ops.length === 0) return this;
    const root = applyTrieOps(this.root, sortOps(ops), this.store);
    if (root === this.root) return this;
    return new MerkleTrie(root, this.store, rootHashOf(root, sink));
  }

  /** The value at `key`, or undefined. */
  get(key: Uint8Array): Uint8Array | undefined {
    return this.find(key)?.value;
  }

  /** The trie kept with the leaf at `key` (see TrieLeaf.subtrie), or undefined. */
  subtrie(key: Uint8Array): MerkleTrie | undefined {
    const node = this.find(key);
    return node?.kind === BRANCH ? undefined : node?.subtrie;
  }

  /** The leaf holding `key`, or the branch where it ends (its value then being the key's), or undefined. */
  private find(key: Uint8Array) {
    const end = key.length * 2;
    let node = this.root;
    let depth = 0;
    let position: Uint8Array | undefined;
    for (;;) {
      if (node === undefined) return undefined;
      if (node.kind === HASHED) {
        position ??= Uint8Array.from({ length: end }, (_, i) => nibbleAt(key, i));
        node = resolveHashedNode(node, this.store, position.subarray(0, depth));
      }
      switch (node.kind) {
        case BRANCH:
          if (depth === end) return node.value === undefined ? undefined : node;
          node = node.children[nibbleAt(key, depth++)];
          break;
        case EXTENSION: {
          const { path } = node;
          if (depth + path.length > end) return undefined;
          for (let i = 0; i < path.length; i++) if (path[i] !== nibbleAt(key, depth + i)) return undefined;
          depth += path.length;
          node = node.child;
          break;
        }
        default:
          return node.hasKey(key) ? node : undefined;
      }
    }
  }
}
