import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../../primitives/hex.js";
import { Fork } from "../fork.js";
import { blake2f } from "./blake2f.js";

// EIP-152 test vectors: h, m ("abc"), t = 3, then the final-block flag.
const STATE_AND_MESSAGE =
  "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b" +
  "6162630000000000000000000000000000000000000000000000000000000000" +
  "0000000000000000000000000000000000000000000000000000000000000000" +
  "0000000000000000000000000000000000000000000000000000000000000000" +
  "0000000000000000000000000000000000000000000000000000000000000000" +
  "03000000000000000000000000000000";

function vector(roundsHex: string, finalFlag: string): Uint8Array {
  return hexToBytes(`0x${roundsHex}${STATE_AND_MESSAGE}${finalFlag}`);
}

describe("blake2f (0x09)", () => {
  it("matches EIP-152 vector 5: 12 rounds, final block (BLAKE2b-512 of 'abc')", () => {
    const result = blake2f(vector("0000000c", "01"), 12, Fork.Istanbul);
    expect(result.ok).toBe(true);
    expect(result.gasUsed).toBe(12);
    expect(bytesToHex(result.output)).toBe(
      "0xba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
    );
  });

  it("matches EIP-152 vectors 4, 6 and 7 (0 rounds, non-final block, 1 round)", () => {
    expect(bytesToHex(blake2f(vector("00000000", "01"), 0, Fork.Istanbul).output)).toBe(
      "0x08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b",
    );
    expect(bytesToHex(blake2f(vector("0000000c", "00"), 12, Fork.Istanbul).output)).toBe(
      "0x75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735",
    );
    expect(bytesToHex(blake2f(vector("00000001", "01"), 1, Fork.Istanbul).output)).toBe(
      "0xb63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421",
    );
  });

  it("agrees with a straightforward BigInt BLAKE2b F for many round counts and random inputs", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed >> 8;
    };
    for (const rounds of [0, 1, 9, 10, 11, 19, 20, 25]) {
      const input = new Uint8Array(213).map(random);
      input.set([0, 0, rounds >> 8, rounds & 0xff], 0);
      input[212] = rounds & 1;
      expect(bytesToHex(blake2f(input, rounds, Fork.Istanbul).output), `rounds ${rounds}`).toBe(
        bytesToHex(referenceBlake2f(input)),
      );
    }
  });

  it("agrees with the BigInt F past the 2^16-round chunks the WebAssembly F runs in", () => {
    // 65546 = 6 mod 10: the second chunk must resume at the right message schedule row.
    const input = vector("0001000a", "01");
    expect(bytesToHex(blake2f(input, 65546, Fork.Istanbul).output)).toBe(bytesToHex(referenceBlake2f(input)));
  });

  it("fails on wrong input length, a final flag other than 0/1, or too little gas", () => {
    const good = vector("0000000c", "01");
    expect(blake2f(good.subarray(0, 212), 100, Fork.Istanbul).ok).toBe(false);
    expect(blake2f(new Uint8Array([...good, 0]), 100, Fork.Istanbul).ok).toBe(false);
    expect(blake2f(new Uint8Array(0), 100, Fork.Istanbul).ok).toBe(false);
    expect(blake2f(vector("0000000c", "02"), 100, Fork.Istanbul).ok).toBe(false);
    expect(blake2f(good, 11, Fork.Istanbul).ok).toBe(false);
  });

  it("reads rounds as an unsigned 32-bit big-endian number", () => {
    expect(blake2f(vector("ffffffff", "01"), 1000, Fork.Istanbul).ok).toBe(false);
  });
});

/** RFC 7693 F on BigInt words: slow (~10x) but obviously right, used as the oracle. */
function referenceBlake2f(input: Uint8Array): Uint8Array {
  const MASK = (1n << 64n) - 1n;
  const IV = [
    0x6a09e667f3bcc908n,
    0xbb67ae8584caa73bn,
    0x3c6ef372fe94f82bn,
    0xa54ff53a5f1d36f1n,
    0x510e527fade682d1n,
    0x9b05688c2b3e6c1fn,
    0x1f83d9abfb41bd6bn,
    0x5be0cd19137e2179n,
  ];
  const SIGMA = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
  ];
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const rounds = view.getUint32(0, false);
  const h = Array.from({ length: 8 }, (_, i) => view.getBigUint64(4 + 8 * i, true));
  const m = Array.from({ length: 16 }, (_, i) => view.getBigUint64(68 + 8 * i, true));
  const v = [...h, ...IV];
  v[12] ^= view.getBigUint64(196, true);
  v[13] ^= view.getBigUint64(204, true);
  if (input[212] === 1) v[14] ^= MASK;
  const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & MASK;
  const g = (a: number, b: number, c: number, d: number, x: bigint, y: bigint) => {
    v[a] = (v[a] + v[b] + x) & MASK;
    v[d] = rotr(v[d] ^ v[a], 32n);
    v[c] = (v[c] + v[d]) & MASK;
    v[b] = rotr(v[b] ^ v[c], 24n);
    v[a] = (v[a] + v[b] + y) & MASK;
    v[d] = rotr(v[d] ^ v[a], 16n);
    v[c] = (v[c] + v[d]) & MASK;
    v[b] = rotr(v[b] ^ v[c], 63n);
  };
  for (let r = 0; r < rounds; r++) {
    const s = SIGMA[r % 10];
    g(0, 4, 8, 12, m[s[0]], m[s[1]]);
    g(1, 5, 9, 13, m[s[2]], m[s[3]]);
    g(2, 6, 10, 14, m[s[4]], m[s[5]]);
    g(3, 7, 11, 15, m[s[6]], m[s[7]]);
    g(0, 5, 10, 15, m[s[8]], m[s[9]]);
    g(1, 6, 11, 12, m[s[10]], m[s[11]]);
    g(2, 7, 8, 13, m[s[12]], m[s[13]]);
    g(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  const out = new Uint8Array(64);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setBigUint64(8 * i, h[i] ^ v[i] ^ v[i + 8], true);
  return out;
}
