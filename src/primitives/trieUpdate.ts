import type { MerkleTrie } from "./merkleTrie.js";
import { nibbleAt } from "./trie.js";
import {
  BRANCH,
  EXTENSION,
  HASHED,
  LEAF,
  TrieBranch,
  TrieExtension,
  type TrieHashedNode,
  TrieLeaf,
  type TrieNode,
} from "./trieNode.js";
import { resolveHashedNode } from "./trieNodeCodec.js";
import type { TrieNodeStore } from "./trieNodeStore.js";

/** One change to a trie: `key` set to `value`, or deleted when `value` is empty. */
export interface TrieOp {
  key: Uint8Array;
  value: Uint8Array;
  /** Kept on the new leaf (see TrieLeaf.subtrie). */
  subtrie?: MerkleTrie;
}

/** The nibble arrays [n], shared by every branch collapse. */
const ONE_NIBBLE: Uint8Array[] = Array.from({ length: 16 }, (_, n) => Uint8Array.of(n));

function emptyChildren(): (TrieNode | undefined)[] {
  return new Array<TrieNode | undefined>(16).fill(undefined);
}

/** Nibbles [from, to) of `key`, one per byte. */
function keyNibbles(key: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = nibbleAt(key, i);
  return out;
}

/** The first nibble index from `from` on where `a` and `b` differ, or where the shorter one ends. */
function sharedNibbles(a: Uint8Array, b: Uint8Array, from: number): number {
  const limit = Math.min(a.length, b.length) * 2;
  let i = from;
  if (i & 1 && i < limit) {
    if ((a[i >> 1] & 0x0f) !== (b[i >> 1] & 0x0f)) return i;
    i++;
  }
  for (; i < limit; i += 2) {
    const x = a[i >> 1] ^ b[i >> 1];
    if (x !== 0) return x & 0xf0 ? i : i + 1;
  }
  return limit;
}

/** How many leading nibbles of `path` the key has from nibble `depth` on. */
function sharedWithPath(path: Uint8Array, key: Uint8Array, depth: number): number {
  const limit = Math.min(path.length, key.length * 2 - depth);
  let k = 0;
  while (k < limit && path[k] === nibbleAt(key, depth + k)) k++;
  return k;
}

function concatNibbles(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * One batch applied to a trie, recursing once per node on the touched paths: the ops under a node are
 * a contiguous range of the sorted batch, split by nibble at each branch. A node whose range of ops
 * changed nothing is returned as is (with its cached reference), so untouched subtrees are shared
 * between the old and new version and never re-hashed.
 *
 * Leaves and extensions that the batch parts from are first split into the branch where the keys
 * diverge (a "virtual" branch, never hashed), the batch is applied to that branch, and the result is
 * normalised: a branch left with one child and no value merges with it into an extension or leaf; one
 * with nothing left disappears. That one normalisation covers every insertion and deletion case.
 */
class TrieUpdate {
  constructor(
    private readonly ops: readonly TrieOp[],
    private readonly store: TrieNodeStore | undefined,
  ) {}

  /** The node at nibble `depth` after applying ops [lo, hi) (which all lie under it). */
  apply(node: TrieNode | undefined, lo: number, hi: number, depth: number): TrieNode | undefined {
    if (node === undefined) return this.build(lo, hi, depth);
    if (node.kind === HASHED) node = this.resolve(node, keyNibbles(this.ops[lo].key, 0, depth));
    switch (node.kind) {
      case LEAF:
        return this.applyLeaf(node, lo, hi, depth);
      case EXTENSION:
        return this.applyExtension(node, lo, hi, depth);
      case BRANCH:
        return this.applyBranch(node.children, node.value, lo, hi, depth, node);
    }
  }

  private resolve(node: TrieHashedNode, position: Uint8Array): Exclude<TrieNode, TrieHashedNode> {
    return resolveHashedNode(node, this.store, position);
  }

  private onlyDeletions(lo: number, hi: number): boolean {
    for (let i = lo; i < hi; i++) if (this.ops[i].value.length > 0) return false;
    return true;
  }

  private applyLeaf(leaf: TrieLeaf, lo: number, hi: number, depth: number): TrieNode | undefined {
    const ops = this.ops;
    if (hi - lo === 1 && leaf.hasKey(ops[lo].key)) {
      const op = ops[lo];
      return op.value.length === 0 ? undefined : new TrieLeaf(op.key, depth, op.value, op.subtrie);
    }
    if (this.onlyDeletions(lo, hi) && !this.includes(lo, hi, leaf)) return leaf;
    // The leaf and every key of the batch agree up to `at`: split there.
    const key = leaf.key;
    const at = Math.min(sharedNibbles(key, ops[lo].key, depth), sharedNibbles(key, ops[hi - 1].key, depth));
    const children = emptyChildren();
    let value: Uint8Array | undefined;
    if (at === key.length * 2) value = leaf.value;
    else children[nibbleAt(key, at)] = leaf.movedTo(at + 1);
    const node = this.applyBranch(children, value, lo, hi, at, undefined);
    return at === depth ? node : this.raise(node, keyNibbles(key, depth, at), key, depth);
  }

  private includes(lo: number, hi: number, leaf: TrieLeaf): boolean {
    for (let i = lo; i < hi; i++) if (leaf.hasKey(this.ops[i].key)) return true;
    return false;
  }

  private applyExtension(ext: TrieExtension, lo: number, hi: number, depth: number): TrieNode | undefined {
    const ops = this.ops;
    const { path } = ext;
    const shared = Math.min(
      sharedWithPath(path, ops[lo].key, depth),
      sharedWithPath(path, ops[hi - 1].key, depth),
    );
    if (shared === path.length) {
      const child = this.apply(ext.child, lo, hi, depth + path.length);
      if (child === ext.child) return ext;
      return this.raise(child, path, ops[lo].key, depth);
    }
    const children = emptyChildren();
    children[path[shared]] =
      shared + 1 === path.length ? ext.child : new TrieExtension(path.subarray(shared + 1), ext.child);
    const node = this.applyBranch(children, undefined, lo, hi, depth + shared, undefined);
    return shared === 0 ? node : this.raise(node, path.subarray(0, shared), ops[lo].key, depth);
  }

  /**
   * A branch at `depth` after ops [lo, hi): `original` when nothing changed. Without `original` the
   * children array is a fresh one this update owns and may fill in place.
   */
  private applyBranch(
    children: (TrieNode | undefined)[],
    value: Uint8Array | undefined,
    lo: number,
    hi: number,
    depth: number,
    original: TrieBranch | undefined,
  ): TrieNode | undefined {
    const ops = this.ops;
    let i = lo;
    let newValue = value;
    // A key ending here sorts first and is the branch's value.
    if (ops[i].key.length * 2 === depth) {
      newValue = ops[i].value.length === 0 ? undefined : ops[i].value;
      i++;
    }
    let kids = children;
    let owned = original === undefined;
    while (i < hi) {
      const nibble = nibbleAt(ops[i].key, depth);
      let j = i + 1;
      while (j < hi && nibbleAt(ops[j].key, depth) === nibble) j++;
      const old = kids[nibble];
      const updated = this.apply(old, i, j, depth + 1);
      if (updated !== old) {
        if (!owned) {
          kids = kids.slice();
          owned = true;
        }
        kids[nibble] = updated;
      }
      i = j;
    }
    if (original !== undefined && kids === children && newValue === value) return original;
    return this.normalize(kids, newValue, depth, ops[lo].key);
  }

  /** A branch's contents as the node they make: a branch, the one child merged upwards, a leaf, or nothing. */
  private normalize(
    children: (TrieNode | undefined)[],
    value: Uint8Array | undefined,
    depth: number,
    key: Uint8Array,
  ): TrieNode | undefined {
    let count = 0;
    let last = -1;
    for (let n = 0; n < 16; n++) {
      if (children[n] !== undefined) {
        count++;
        last = n;
      }
    }
    if (count === 0) {
      // A key ends exactly here (an even depth): the first depth/2 bytes of any key under this node.
      return value === undefined
        ? undefined
        : new TrieLeaf(key.subarray(0, depth >> 1), depth, value, undefined);
    }
    if (count === 1 && value === undefined) return this.raise(children[last], ONE_NIBBLE[last], key, depth);
    return new TrieBranch(children, value);
  }

  /**
   * `node`, which sits `prefix.length` nibbles below `depth`, moved up to `depth`: the prefix joins its
   * path. Its position is the first `depth` nibbles of `key`, then `prefix`.
   */
  private raise(
    node: TrieNode | undefined,
    prefix: Uint8Array,
    key: Uint8Array,
    depth: number,
  ): TrieNode | undefined {
    if (node === undefined) return undefined;
    if (node.kind === HASHED) node = this.resolve(node, concatNibbles(keyNibbles(key, 0, depth), prefix));
    switch (node.kind) {
      case LEAF:
        return node.movedTo(depth);
      case EXTENSION:
        return new TrieExtension(concatNibbles(prefix, node.path), node.child);
      case BRANCH:
        return new TrieExtension(prefix, node);
    }
  }

  /** The subtree holding the insertions among ops [lo, hi) under an empty node at `depth`. */
  private build(lo: number, hi: number, depth: number): TrieNode | undefined {
    const ops = this.ops;
    let first = lo;
    while (first < hi && ops[first].value.length === 0) first++;
    if (first === hi) return undefined;
    let last = hi - 1;
    while (ops[last].value.length === 0) last--;
    if (first === last) {
      const op = ops[first];
      return new TrieLeaf(op.key, depth, op.value, op.subtrie);
    }
    // Sorted keys: what the first and last insertion share, every key between them shares.
    const at = sharedNibbles(ops[first].key, ops[last].key, depth);
    const children = emptyChildren();
    let value: Uint8Array | undefined;
    let i = first;
    if (ops[i].key.length * 2 === at) value = ops[i++].value;
    while (i <= last) {
      const nibble = nibbleAt(ops[i].key, at);
      let j = i + 1;
      while (j <= last && nibbleAt(ops[j].key, at) === nibble) j++;
      children[nibble] = this.build(i, j, at + 1);
      i = j;
    }
    const branch = new TrieBranch(children, value);
    return at === depth ? branch : new TrieExtension(keyNibbles(ops[first].key, depth, at), branch);
  }
}

/**
 * The root of the trie `root` after `ops`, which must be sorted by key with no key twice. Nodes known
 * only by hash are loaded from `store` when the batch reaches them.
 */
export function applyTrieOps(
  root: TrieNode | undefined,
  ops: readonly TrieOp[],
  store: TrieNodeStore | undefined,
): TrieNode | undefined {
  if (ops.length === 0) return root;
  return new TrieUpdate(ops, store).apply(root, 0, ops.length, 0);
}
