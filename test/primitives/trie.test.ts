import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../../src/primitives/hex.js";
import { EMPTY_TRIE_ROOT, keccak256 } from "../../src/primitives/keccak.js";
import { OrderedTrie, orderedTrieRoot } from "../../src/primitives/orderedTrie.js";
import { encodeRlp } from "../../src/primitives/rlp.js";
import { trieRoot } from "../../src/primitives/trie.js";

const ascii = (s: string) => new TextEncoder().encode(s);

/** Seeded xorshift so a failing shuffle can be reproduced. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe("trieRoot", () => {
  it("of no entries is keccak256(rlp(''))", () => {
    expect(trieRoot([])).toEqual(EMPTY_TRIE_ROOT);
  });

  it("of one entry hashes the single leaf rlp([hexPrefix(key, leaf), value])", () => {
    // Key 0x01 23 is an even-length path: prefix byte 0x20 then the nibbles.
    const leaf = encodeRlp([Uint8Array.of(0x20, 0x01, 0x23), ascii("value")]);
    expect(trieRoot([[Uint8Array.of(0x01, 0x23), ascii("value")]])).toEqual(keccak256(leaf));
  });

  it("matches the well-known doe/dog/dogglesworth root regardless of order", () => {
    const entries: Array<[Uint8Array, Uint8Array]> = [
      [ascii("doe"), ascii("reindeer")],
      [ascii("dog"), ascii("puppy")],
      [ascii("dogglesworth"), ascii("cat")],
    ];
    const expected = "0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3";
    expect(bytesToHex(trieRoot(entries))).toBe(expected);
    expect(bytesToHex(trieRoot(entries.slice().reverse()))).toBe(expected);
  });

  it("lets the last value of a repeated key win and treats an empty value as absent", () => {
    const base: Array<[Uint8Array, Uint8Array]> = [
      [ascii("a"), ascii("1")],
      [ascii("b"), ascii("2")],
    ];
    const expected = trieRoot(base);
    expect(trieRoot([[ascii("a"), ascii("0")], ...base])).toEqual(expected);
    expect(trieRoot([...base, [ascii("c"), ascii("3")], [ascii("c"), new Uint8Array(0)]])).toEqual(expected);
  });

  it("does not depend on insertion order (seeded shuffles of 500 secure keys)", () => {
    const entries: Array<[Uint8Array, Uint8Array]> = [];
    for (let i = 0; i < 500; i++) entries.push([keccak256(Uint8Array.of(i >> 8, i & 255)), ascii(`v${i}`)]);
    const expected = bytesToHex(trieRoot(entries));
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const shuffled = entries.slice().sort(() => next() - 0.5);
      expect(bytesToHex(trieRoot(shuffled)), `seed ${seed}`).toBe(expected);
    }
  });
});

describe("orderedTrieRoot", () => {
  it("of nothing is the empty root", () => {
    expect(orderedTrieRoot([])).toEqual(EMPTY_TRIE_ROOT);
  });

  it("keys values by rlp(index), including indexes past 127", () => {
    const values = Array.from({ length: 300 }, (_, i) => ascii(`receipt ${i}`));
    const byHand = values.map((v, i): [Uint8Array, Uint8Array] => [
      encodeRlp(i === 0 ? new Uint8Array(0) : hexToBytes(i.toString(16))),
      v,
    ]);
    expect(orderedTrieRoot(values)).toEqual(trieRoot(byHand));
  });

  it("fills in any order, short (embedded) and long (hashed) leaves alike", () => {
    const next = random(7);
    for (const count of [1, 2, 16, 127, 128, 129, 255, 256, 257, 700]) {
      for (const width of [3, 120]) {
        const values = Array.from({ length: count }, (_, i) => ascii(`${i}:`.padEnd(width, "r")));
        const byHand = values.map((v, i): [Uint8Array, Uint8Array] => [
          encodeRlp(i === 0 ? new Uint8Array(0) : hexToBytes(i.toString(16))),
          v,
        ]);
        const order = values.map((_, i) => i).sort(() => next() - 0.5);
        const trie = new OrderedTrie(count);
        for (const i of order) trie.set(i, values[i]);
        expect(trie.root(), `${count} values of ${width} bytes`).toEqual(trieRoot(byHand));
      }
    }
  });
});
