import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../../src/primitives/hex.js";
import { keccak256 } from "../../src/primitives/keccak.js";
import { MerkleTrie } from "../../src/primitives/merkleTrie.js";
import { trieRoot } from "../../src/primitives/trie.js";
import type { TrieOp } from "../../src/primitives/trieUpdate.js";
import { describeWithFixtures } from "../fixtures/describeWithFixtures.js";
import { ethereumTestsDir, readFixture } from "../fixtures/fixturesDir.js";

/** ethereum/tests TrieTests: roots of tries built from key/value pairs (optionally keccak-keyed). */

interface TrieTest {
  in: Array<[string, string | null]> | Record<string, string | null>;
  root: string;
  hexEncoded?: boolean;
}

const dir = ethereumTestsDir("TrieTests");
const FILES = [
  "trieanyorder.json.gz",
  "trietest.json.gz",
  "trieanyorder_secureTrie.json.gz",
  "trietest_secureTrie.json.gz",
  "hex_encoded_securetrie_test.json.gz",
];

/** Fixture strings starting with 0x are hex, the rest are ASCII. */
function decodeString(s: string): Uint8Array {
  return s.startsWith("0x") ? hexToBytes(s) : new TextEncoder().encode(s);
}

function rootOf(test: TrieTest, secure: boolean): string {
  const pairs = Array.isArray(test.in) ? test.in : Object.entries(test.in);
  // Apply in order to a map: a later write replaces, null (or empty) deletes.
  const entries = new Map<string, [Uint8Array, Uint8Array]>();
  for (const [k, v] of pairs) {
    const key = decodeString(k);
    const hashedKey = secure ? keccak256(key) : key;
    const mapKey = bytesToHex(hashedKey);
    if (v === null || v === "") entries.delete(mapKey);
    else entries.set(mapKey, [hashedKey, decodeString(v)]);
  }
  return bytesToHex(trieRoot(entries.values()));
}

/** The test's writes in order as trie ops: null (or empty) is a deletion. */
function opsOf(test: TrieTest, secure: boolean): TrieOp[] {
  const pairs = Array.isArray(test.in) ? test.in : Object.entries(test.in);
  return pairs.map(([k, v]) => {
    const key = decodeString(k);
    return { key: secure ? keccak256(key) : key, value: v === null ? new Uint8Array(0) : decodeString(v) };
  });
}

/** The incremental trie, one write per version (deletions reach a built trie) and as one batch. */
function incrementalRoots(test: TrieTest, secure: boolean): [string, string] {
  const ops = opsOf(test, secure);
  let trie = MerkleTrie.empty();
  for (const op of ops) trie = trie.update([op]);
  return [bytesToHex(trie.rootHash()), bytesToHex(MerkleTrie.empty().update(ops).rootHash())];
}

describeWithFixtures("TrieTests", "TrieTests", dir, (dir) => {
  for (const file of FILES) {
    const secure = file.includes("secure");
    const tests = readFixture<Record<string, TrieTest>>(join(dir, file));
    describe(basename(file, ".json.gz"), () => {
      for (const [name, test] of Object.entries(tests)) {
        it(name, () => {
          expect(rootOf(test, secure)).toBe(test.root);
          expect(incrementalRoots(test, secure)).toEqual([test.root, test.root]);
        });
      }
    });
  }
  // trietestnextprev.json tests a trie iterator's next/prev lookups; trieRoot has no iterator, so it
  // is deliberately not run here.
});
