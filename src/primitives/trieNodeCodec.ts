import { InvalidInputError } from "./errors.js";
import { EMPTY_TRIE_ROOT, KECCAK_INPUT, keccak256, keccak256Input, keccak256Into } from "./keccak.js";
import { decodeRlp, type RlpItem, rlpHeaderLength, writeRlpHeader } from "./rlp.js";
import { leafNodeLength, writeLeafNode } from "./trie.js";
import {
  BRANCH,
  HASHED,
  hashReference,
  LEAF,
  TrieBranch,
  TrieExtension,
  TrieHashedNode,
  TrieLeaf,
  type TrieNode,
} from "./trieNode.js";
import { MissingTrieNodeError, type TrieNodeSink, type TrieNodeStore } from "./trieNodeStore.js";

/*
 * Trie nodes to and from their RLP (the yellow paper's appendix D): a leaf is [hexPrefix(path, leaf),
 * value], an extension [hexPrefix(path), child], a branch [child0..child15, value], each child by
 * reference (see trieNode.ts).
 */

/** Bytes of `value` as an RLP string. */
function stringLength(value: Uint8Array): number {
  return value.length === 1 && value[0] < 0x80 ? 1 : rlpHeaderLength(value.length) + value.length;
}

function writeString(out: Uint8Array, pos: number, value: Uint8Array): number {
  if (value.length === 1 && value[0] < 0x80) {
    out[pos] = value[0];
    return pos + 1;
  }
  pos = writeRlpHeader(out, pos, value.length, 0x80);
  out.set(value, pos);
  return pos + value.length;
}

/*
 * Encoders write a node's RLP into `nodeBuffer(length)`: the keccak module's input area, where it is
 * hashed in place, or a fresh array for the rare node too long for it. A node's children are referenced
 * (and so encoded and hashed, using the same area) before its own bytes are written.
 */
let encoded: Uint8Array = KECCAK_INPUT;

function nodeBuffer(length: number): Uint8Array {
  encoded = length <= KECCAK_INPUT.length ? KECCAK_INPUT : new Uint8Array(length);
  return encoded;
}

function encodeExtension(node: TrieExtension, sink: TrieNodeSink | undefined): number {
  const childLength = referenceLength(node.child, sink);
  const { path } = node;
  // Hex prefix: flag nibble 0 (even) or 1 (odd, first nibble beside it); at most 33 bytes.
  const compactLength = (path.length >> 1) + 1;
  const pathItem = compactLength === 1 ? 1 : compactLength + 1;
  const payload = pathItem + childLength;
  const length = rlpHeaderLength(payload) + payload;
  const out = nodeBuffer(length);
  let pos = writeRlpHeader(out, 0, payload, 0xc0);
  if (compactLength > 1) out[pos++] = 0x80 + compactLength;
  let i = 0;
  if (path.length & 1) out[pos++] = 0x10 | path[i++];
  else out[pos++] = 0;
  for (; i < path.length; i += 2) out[pos++] = (path[i] << 4) | path[i + 1];
  writeReference(out, pos, node.child);
  return length;
}

function encodeBranch(node: TrieBranch, sink: TrieNodeSink | undefined): number {
  const { children, value } = node;
  let payload = value === undefined ? 1 : stringLength(value);
  for (let i = 0; i < 16; i++) {
    const child = children[i];
    payload += child === undefined ? 1 : referenceLength(child, sink);
  }
  const length = rlpHeaderLength(payload) + payload;
  const out = nodeBuffer(length);
  let pos = writeRlpHeader(out, 0, payload, 0xc0);
  for (let i = 0; i < 16; i++) {
    const child = children[i];
    if (child === undefined) out[pos++] = 0x80;
    else pos = writeReference(out, pos, child);
  }
  if (value === undefined) out[pos] = 0x80;
  else writeString(out, pos, value);
  return length;
}

function encodeLeaf(node: TrieLeaf): number {
  const key = node.key;
  const value = node.value;
  const length = leafNodeLength(key, value, node.start);
  writeLeafNode(nodeBuffer(length), key, value, node.start);
  return length;
}

/** Hashes the node just encoded (`length` bytes in `encoded`) into `out[offset..]`, and hands it to `sink`. */
function hashEncoded(length: number, out: Uint8Array, offset: number, sink: TrieNodeSink | undefined): void {
  const bytes = encoded;
  if (bytes === KECCAK_INPUT) keccak256Input(length, out, offset);
  else keccak256Into(bytes, out, offset);
  sink?.(out.subarray(offset, offset + 32), bytes.slice(0, length));
}

/**
 * The length of the node's reference (see trieNode.ts), encoding and hashing it and every descendant
 * without one first; each node hashed here (32 bytes or longer) goes to `sink`. Nodes already
 * referenced are not visited: after an update, only the nodes on the paths it touched are.
 */
function referenceLength(node: TrieNode, sink: TrieNodeSink | undefined): number {
  if (node.kind === LEAF) {
    if (node.hashed) return 33;
    if (node.embedded !== undefined) return node.embedded.length;
    const length = encodeLeaf(node);
    if (length < 32) {
      node.embedded = encoded.slice(0, length);
      return length;
    }
    hashEncoded(length, node.bytes, 0, sink);
    node.hashed = true;
    return 33;
  }
  if (node.kind === HASHED || node.ref !== undefined) return node.ref!.length;
  const length = node.kind === BRANCH ? encodeBranch(node, sink) : encodeExtension(node, sink);
  if (length < 32) {
    node.ref = encoded.slice(0, length);
  } else {
    const ref = new Uint8Array(33);
    ref[0] = 0xa0;
    hashEncoded(length, ref, 1, sink);
    node.ref = ref;
  }
  return node.ref.length;
}

/** Writes the reference of `node` (computed by referenceLength) at `out[pos]`; returns where it ends. */
function writeReference(out: Uint8Array, pos: number, node: TrieNode): number {
  // Byte loops: TypedArray.set costs more than copying 33 bytes, 16 times per branch.
  if (node.kind === LEAF && node.embedded === undefined) {
    const hash = node.bytes;
    out[pos++] = 0xa0;
    for (let b = 0; b < 32; b++) out[pos++] = hash[b];
    return pos;
  }
  const ref = node.kind === LEAF ? node.embedded! : node.ref!;
  for (let b = 0; b < ref.length; b++) out[pos++] = ref[b];
  return pos;
}

/** The root hash of the trie whose root node is `root` (a root is hashed even when short, and stored). */
export function rootHashOf(root: TrieNode | undefined, sink: TrieNodeSink | undefined): Uint8Array {
  if (root === undefined) return EMPTY_TRIE_ROOT.slice();
  const length = referenceLength(root, sink);
  if (length === 33) {
    return root.kind === LEAF ? root.bytes.slice(0, 32) : root.ref!.slice(1);
  }
  const ref = root.kind === LEAF ? root.embedded! : root.ref!;
  const hash = keccak256(ref);
  sink?.(hash, ref);
  return hash;
}

function fail(reason: string): never {
  throw new InvalidInputError(`Invalid trie node: ${reason}`);
}

function bytesOf(item: RlpItem): Uint8Array {
  if (!(item instanceof Uint8Array)) fail("expected a byte string, got a list");
  return item;
}

function appendNibbles(position: Uint8Array, more: Uint8Array): Uint8Array {
  const out = new Uint8Array(position.length + more.length);
  out.set(position);
  out.set(more, position.length);
  return out;
}

/** A child item of a decoded node at `position`: empty, by hash, or embedded. */
function decodeChild(item: RlpItem, position: Uint8Array): TrieNode | undefined {
  if (item instanceof Uint8Array) {
    if (item.length === 0) return undefined;
    if (item.length === 32) return new TrieHashedNode(hashReference(item));
    fail(`a child reference of ${item.length} bytes`);
  }
  return decodeItem(item, position);
}

function decodeItem(item: RlpItem, position: Uint8Array): TrieNode {
  if (!Array.isArray(item)) fail("expected a list");
  if (item.length === 17) {
    const children: (TrieNode | undefined)[] = new Array(16);
    for (let i = 0; i < 16; i++) {
      const child = item[i];
      children[i] = decodeChild(
        child,
        child instanceof Uint8Array ? position : appendNibbles(position, Uint8Array.of(i)),
      );
    }
    const value = bytesOf(item[16]);
    return new TrieBranch(children, value.length === 0 ? undefined : value);
  }
  if (item.length !== 2) fail(`a list of ${item.length} items`);
  const compact = bytesOf(item[0]);
  if (compact.length === 0) fail("an empty path");
  const flag = compact[0] >> 4;
  if (flag > 3) fail(`hex-prefix flag ${flag}`);
  const odd = flag & 1;
  const path = new Uint8Array((compact.length - 1) * 2 + odd);
  let p = 0;
  if (odd) path[p++] = compact[0] & 0x0f;
  for (let i = 1; i < compact.length; i++) {
    path[p++] = compact[i] >> 4;
    path[p++] = compact[i] & 0x0f;
  }
  const full = appendNibbles(position, path);
  if (flag & 2) {
    if (full.length & 1) fail("a leaf whose key has an odd number of nibbles");
    const key = new Uint8Array(full.length >> 1);
    for (let i = 0; i < key.length; i++) key[i] = (full[2 * i] << 4) | full[2 * i + 1];
    return new TrieLeaf(key, position.length, bytesOf(item[1]), undefined);
  }
  if (path.length === 0) fail("an extension with an empty path");
  const child = decodeChild(item[1], full);
  if (child === undefined) fail("an extension without a child");
  return new TrieExtension(path, child);
}

/**
 * Decodes the node `rlp` that sits at `position` (the nibbles from the root to it, one per byte): a
 * leaf's key is the position followed by its path. Children known by hash stay unloaded.
 */
export function decodeTrieNode(rlp: Uint8Array, position: Uint8Array): TrieNode {
  return decodeItem(decodeRlp(rlp), position);
}

/** The node behind `node`, loaded from `store` on first use (it sits at `position`, see decodeTrieNode). */
export function resolveHashedNode(
  node: TrieHashedNode,
  store: TrieNodeStore | undefined,
  position: Uint8Array,
): Exclude<TrieNode, TrieHashedNode> {
  if (node.resolved !== undefined) return node.resolved as Exclude<TrieNode, TrieHashedNode>;
  const hash = node.ref.subarray(1);
  const rlp = store?.node(hash);
  if (rlp === undefined) throw new MissingTrieNodeError(hash);
  const decoded = decodeTrieNode(rlp, position);
  if (decoded.kind === HASHED) fail("a node that is only a hash");
  // Its hash is known: an unchanged loaded node is never encoded or hashed again. (A node shorter than
  // 32 bytes is stored on its own only as a root, which is hashed whatever its length.)
  if (decoded.kind !== LEAF) {
    decoded.ref = rlp.length < 32 ? rlp : node.ref;
  } else if (rlp.length < 32) {
    decoded.embedded = rlp;
  } else {
    decoded.bytes.set(node.ref.subarray(1), 0);
    decoded.hashed = true;
  }
  node.resolved = decoded;
  return decoded;
}
