import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "./hex.js";
import { EMPTY_TRIE_ROOT, keccak256 } from "./keccak.js";
import { MerkleTrie } from "./merkleTrie.js";
import { trieRoot } from "./trie.js";
import { MemoryTrieNodeStore, MissingTrieNodeError } from "./trieNodeStore.js";
import type { TrieOp } from "./trieUpdate.js";

const SEED = Number(process.env.PEVM_TRIE_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.PEVM_FUZZ_RUNS ?? 150);
console.log(`merkleTrie properties: seed ${SEED} (PEVM_TRIE_SEED=${SEED} reproduces)`);

/** The from-scratch root of a model map (hex key → [key, value]). */
function modelRoot(model: Map<string, [Uint8Array, Uint8Array]>): string {
  return bytesToHex(trieRoot(model.values()));
}

function applyToModel(model: Map<string, [Uint8Array, Uint8Array]>, ops: TrieOp[]): void {
  for (const { key, value } of ops) {
    if (value.length === 0) model.delete(bytesToHex(key));
    else model.set(bytesToHex(key), [key, value]);
  }
}

/**
 * Keys drawn from a small space so batches hit existing keys (updates, deletions) and share long
 * prefixes: 32-byte keys that differ only in a few chosen nibbles (deep extensions, branches that
 * collapse when a sibling goes), and short variable-length keys (a key ending where another goes on:
 * branch values).
 */
const fixedKey = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 15 }))
  .map(([family, position, nibble]) => {
    const key = new Uint8Array(32).fill(family * 0x11);
    key[position >> 1] =
      position & 1 ? (key[position >> 1] & 0xf0) | nibble : (nibble << 4) | (key[position >> 1] & 0x0f);
    return key;
  });
const shortKey = fc.uint8Array({ minLength: 0, maxLength: 3, max: 3 });
/** Values from 1 byte (leaves embedded in their parent) to 40 (hashed): empty is a deletion. */
const value = fc.oneof(
  fc.constant(new Uint8Array(0)),
  fc.uint8Array({ minLength: 1, maxLength: 2 }),
  fc.uint8Array({ minLength: 30, maxLength: 40 }),
);

function batches(key: fc.Arbitrary<Uint8Array>) {
  return fc.array(fc.array(fc.record({ key, value }), { minLength: 0, maxLength: 12 }), {
    minLength: 1,
    maxLength: 25,
  });
}

/** Applies every batch in turn; after each, the new root equals the from-scratch root and every older version still has its own. */
function checkVersions(batchList: TrieOp[][], start = MerkleTrie.empty()): void {
  const model = new Map<string, [Uint8Array, Uint8Array]>();
  const versions: Array<{ trie: MerkleTrie; root: string; model: Map<string, [Uint8Array, Uint8Array]> }> =
    [];
  let trie = start;
  for (const ops of batchList) {
    trie = trie.update(ops);
    applyToModel(model, ops);
    const expected = modelRoot(model);
    expect(bytesToHex(trie.rootHash())).toBe(expected);
    versions.push({ trie, root: expected, model: new Map(model) });
  }
  for (const version of versions) {
    expect(bytesToHex(version.trie.rootHash())).toBe(version.root);
    // Re-derived from the nodes, not the cached hash: an older version's nodes were not modified.
    const rebuilt = MerkleTrie.empty().update(
      [...version.model.values()].map(([key, value]) => ({ key, value })),
    );
    expect(bytesToHex(rebuilt.rootHash())).toBe(version.root);
    for (const [key, v] of version.model.values()) expect(version.trie.get(key)).toEqual(v);
  }
}

describe("MerkleTrie", () => {
  it("starts empty, takes one leaf, and returns to empty when it is deleted", () => {
    const key = keccak256(Uint8Array.of(1));
    const empty = MerkleTrie.empty();
    expect(empty.rootHash()).toEqual(EMPTY_TRIE_ROOT);
    const one = empty.update([{ key, value: Uint8Array.of(7) }]);
    expect(one.rootHash()).toEqual(trieRoot([[key, Uint8Array.of(7)]]));
    const none = one.update([{ key, value: new Uint8Array(0) }]);
    expect(none.rootHash()).toEqual(EMPTY_TRIE_ROOT);
    expect(none.root).toBeUndefined();
    expect(one.get(key)).toEqual(Uint8Array.of(7));
  });

  it("collapses a branch into an extension and a leaf when siblings are deleted", () => {
    const a = new Uint8Array(32).fill(0x11);
    const b = a.slice();
    b[20] = 0x12; // shares 41 nibbles with a
    const c = a.slice();
    c[0] = 0x21;
    const v = new Uint8Array(33).fill(9);
    const full = MerkleTrie.empty().update([a, b, c].map((key) => ({ key, value: v })));
    expect(full.rootHash()).toEqual(trieRoot([a, b, c].map((k): [Uint8Array, Uint8Array] => [k, v])));
    const two = full.update([{ key: c, value: new Uint8Array(0) }]);
    expect(two.rootHash()).toEqual(trieRoot([a, b].map((k): [Uint8Array, Uint8Array] => [k, v])));
    const one = two.update([{ key: b, value: new Uint8Array(0) }]);
    expect(one.rootHash()).toEqual(trieRoot([[a, v]]));
    expect(full.rootHash()).toEqual(trieRoot([a, b, c].map((k): [Uint8Array, Uint8Array] => [k, v])));
  });

  it("leaves a batch of deletions of absent keys without a new version", () => {
    const trie = MerkleTrie.fromEntries([[keccak256(Uint8Array.of(1)), Uint8Array.of(1)]]);
    expect(trie.update([{ key: keccak256(Uint8Array.of(2)), value: new Uint8Array(0) }])).toBe(trie);
  });

  it("property: 32-byte keys sharing long prefixes, many consecutive batches", () => {
    fc.assert(
      fc.property(batches(fixedKey), (list) => checkVersions(list)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("property: variable-length keys (values in branches)", () => {
    fc.assert(
      fc.property(batches(shortKey), (list) => checkVersions(list)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("property: secure (hashed) keys over a larger trie", () => {
    const secureKey = fc.integer({ min: 0, max: 400 }).map((i) => keccak256(Uint8Array.of(i >> 8, i & 255)));
    const base = Array.from({ length: 300 }, (_, i) => ({
      key: keccak256(Uint8Array.of(i >> 8, i & 255)),
      value: new Uint8Array(40).fill(i & 255),
    }));
    fc.assert(
      fc.property(batches(secureKey), (list) => checkVersions([base, ...list])),
      { seed: SEED, numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it("property: a trie reopened from its node store by root hash loads nodes lazily and updates the same", () => {
    fc.assert(
      fc.property(batches(fixedKey), batches(shortKey), (first, second) => {
        for (const list of [first, second]) {
          const store = new MemoryTrieNodeStore();
          const sink = (hash: Uint8Array, node: Uint8Array) => store.put(hash, node);
          const model = new Map<string, [Uint8Array, Uint8Array]>();
          let trie = MerkleTrie.empty(store);
          for (const ops of list) {
            // Each batch runs on a fresh trie that knows only the previous root hash.
            trie = MerkleTrie.fromRootHash(trie.rootHash(), store).update(ops, sink);
            applyToModel(model, ops);
            expect(bytesToHex(trie.rootHash())).toBe(modelRoot(model));
          }
          const reopened = MerkleTrie.fromRootHash(trie.rootHash(), store);
          for (const [key, v] of model.values()) expect(reopened.get(key)).toEqual(v);
        }
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it("names the missing node when its store lacks it", () => {
    const trie = MerkleTrie.fromRootHash(keccak256(Uint8Array.of(1)), new MemoryTrieNodeStore());
    expect(() => trie.update([{ key: Uint8Array.of(1), value: Uint8Array.of(1) }])).toThrow(
      MissingTrieNodeError,
    );
  });
});
