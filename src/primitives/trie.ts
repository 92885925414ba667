import { newBytes } from "./chunkedBytes.js";
import { EMPTY_TRIE_ROOT, keccak256 } from "./keccak.js";
import { rlpHeaderLength, writeRlpHeader } from "./rlp.js";

/*
 * Merkle-Patricia trie roots without a node store: the entries are sorted once and the trie is
 * built bottom-up by recursing over ranges that share a nibble prefix. Each node is emitted as
 * its RLP encoding; a child whose encoding is shorter than 32 bytes is embedded in its parent,
 * a longer one is referenced by its keccak256. Nothing is kept after the root is known.
 */

const EMPTY_STRING = Uint8Array.of(0x80);

/** Nibble `i` of `key` (two per byte, high nibble first). */
export function nibbleAt(key: Uint8Array, i: number): number {
  const b = key[i >> 1];
  return i & 1 ? b & 0x0f : b >> 4;
}

/** RLP encoding of a byte string. */
export function encodeString(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 1 && bytes[0] < 0x80) return bytes;
  const out = newBytes(rlpHeaderLength(bytes.length) + bytes.length);
  out.set(bytes, writeRlpHeader(out, 0, bytes.length, 0x80));
  return out;
}

/** RLP list whose items are already RLP-encoded. */
function encodeList(items: Uint8Array[]): Uint8Array {
  let payload = 0;
  for (const item of items) payload += item.length;
  const out = newBytes(rlpHeaderLength(payload) + payload);
  let pos = writeRlpHeader(out, 0, payload, 0xc0);
  for (const item of items) {
    out.set(item, pos);
    pos += item.length;
  }
  return out;
}

/** Hex-prefix (compact) encoding of nibbles [from, to) of `key`, RLP-encoded as a string. */
function encodePath(key: Uint8Array, from: number, to: number, leaf: boolean): Uint8Array {
  const count = to - from;
  const odd = count & 1;
  const path = new Uint8Array((count >> 1) + 1);
  const flag = (leaf ? 2 : 0) + odd;
  let i = from;
  if (odd) path[0] = (flag << 4) | nibbleAt(key, i++);
  else path[0] = flag << 4;
  for (let o = 1; i < to; i += 2, o++) path[o] = (nibbleAt(key, i) << 4) | nibbleAt(key, i + 1);
  return encodeString(path);
}

/** How a parent refers to a child node: embedded when short, by hash otherwise. */
export function reference(node: Uint8Array): Uint8Array {
  return node.length < 32 ? node : encodeString(keccak256(node));
}

/**
 * Sorted, distinct keys with their values, and optionally precomputed references of some leaves:
 * `leafRefs[i]` is leaf i's reference when it sits at nibble depth `leafDepths[i]`.
 */
export interface TrieInput {
  keys: Uint8Array[];
  values: Uint8Array[];
  leafRefs?: (Uint8Array | undefined)[];
  leafDepths?: Int32Array;
}

/** Bytes of the RLP of the leaf for `key` when its path starts at nibble `depth`. */
export function leafNodeLength(key: Uint8Array, value: Uint8Array, depth: number): number {
  const compactLength = ((key.length * 2 - depth) >> 1) + 1;
  const pathItem = compactLength === 1 ? 1 : compactLength + 1;
  const valueLength =
    value.length === 1 && value[0] < 0x80 ? 1 : rlpHeaderLength(value.length) + value.length;
  return rlpHeaderLength(pathItem + valueLength) + pathItem + valueLength;
}

/** Writes the leaf's RLP (of leafNodeLength bytes) at the start of `out`. */
export function writeLeafNode(out: Uint8Array, key: Uint8Array, value: Uint8Array, depth: number): void {
  // The hex-prefix path is written in place: after the flag nibble (and the first path nibble when the
  // path is odd) the path is byte-aligned, the key's own bytes.
  const count = key.length * 2 - depth;
  const compactLength = (count >> 1) + 1;
  const pathItem = compactLength === 1 ? 1 : compactLength + 1;
  const valueLength =
    value.length === 1 && value[0] < 0x80 ? 1 : rlpHeaderLength(value.length) + value.length;
  let pos = writeRlpHeader(out, 0, pathItem + valueLength, 0xc0);
  if (compactLength > 1) out[pos++] = 0x80 + compactLength;
  let i = depth;
  if (count & 1) out[pos++] = 0x30 | nibbleAt(key, i++);
  else out[pos++] = 0x20;
  for (let b = i >> 1; b < key.length; b++) out[pos++] = key[b];
  if (valueLength === 1) out[pos] = value[0];
  else out.set(value, writeRlpHeader(out, pos, value.length, 0x80));
}

/** The RLP of the leaf for `key` when its path starts at nibble `depth`. */
export function leafNode(key: Uint8Array, value: Uint8Array, depth: number): Uint8Array {
  // One buffer, one copy of the value: leaves are most of a receipts trie's bytes.
  const out = newBytes(leafNodeLength(key, value, depth));
  writeLeafNode(out, key, value, depth);
  return out;
}

/** How a parent refers to the node covering keys [lo, hi) at `depth`: a precomputed leaf reference when one fits. */
function childReference(input: TrieInput, lo: number, hi: number, depth: number): Uint8Array {
  if (hi - lo === 1 && input.leafRefs?.[lo] !== undefined && input.leafDepths?.[lo] === depth) {
    return input.leafRefs[lo];
  }
  return reference(buildNode(input, lo, hi, depth));
}

/** Encodes the node covering sorted, distinct keys [lo, hi) that agree on their first `depth` nibbles. */
function buildNode(input: TrieInput, lo: number, hi: number, depth: number): Uint8Array {
  const { keys, values } = input;
  const first = keys[lo];
  if (hi - lo === 1) return leafNode(first, values[lo], depth);
  // Sorted keys: the prefix shared by the first and last is shared by the whole range.
  const last = keys[hi - 1];
  const limit = Math.min(first.length, last.length) * 2;
  let common = depth;
  while (common < limit && nibbleAt(first, common) === nibbleAt(last, common)) common++;
  if (common > depth) {
    const branch = buildBranch(input, lo, hi, common);
    return encodeList([encodePath(first, depth, common, false), reference(branch)]);
  }
  return buildBranch(input, lo, hi, depth);
}

function buildBranch(input: TrieInput, lo: number, hi: number, depth: number): Uint8Array {
  const { keys, values } = input;
  const items: Uint8Array[] = new Array(17);
  let i = lo;
  // A key that ends here sorts first and becomes the branch's value.
  let value: Uint8Array = EMPTY_STRING;
  if (keys[i].length * 2 === depth) value = encodeString(values[i++]);
  for (let nibble = 0; nibble < 16; nibble++) {
    let j = i;
    while (j < hi && nibbleAt(keys[j], depth) === nibble) j++;
    items[nibble] = j > i ? childReference(input, i, j, depth + 1) : EMPTY_STRING;
    i = j;
  }
  items[16] = value;
  return encodeList(items);
}

/** Root hash of the trie over sorted, distinct keys (empty values already dropped). */
export function sortedTrieRoot(input: TrieInput): Uint8Array {
  if (input.keys.length === 0) return EMPTY_TRIE_ROOT.slice();
  return keccak256(buildNode(input, 0, input.keys.length, 0));
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Root hash of the Merkle-Patricia trie holding `entries`. Keys are used as given (hash them first
 * for a secure trie). As in the Ethereum trie, an empty value means "absent"; when a key repeats,
 * its last value wins.
 */
export function trieRoot(entries: Iterable<[key: Uint8Array, value: Uint8Array]>): Uint8Array {
  const sorted = Array.from(entries);
  // Array.prototype.sort is stable, so among equal keys the last inserted stays last.
  sorted.sort((a, b) => compareBytes(a[0], b[0]));
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const [key, value] = sorted[i];
    if (i + 1 < sorted.length && compareBytes(key, sorted[i + 1][0]) === 0) continue;
    if (value.length === 0) continue;
    keys.push(key);
    values.push(value);
  }
  return sortedTrieRoot({ keys, values });
}
