import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bigIntToBytes, bytesToHex, hexToBytes } from "../../src/primitives/hex.js";
import { decodeRlp, encodeRlp, type RlpItem } from "../../src/primitives/rlp.js";
import { describeWithFixtures } from "../fixtures/describeWithFixtures.js";
import { ethereumTestsDir, readFixture } from "../fixtures/fixturesDir.js";

/** ethereum/tests RLPTests: encodings of known values, and malformed encodings that must be rejected. */

type RlpInput = string | number | RlpInput[];
interface RlpTest {
  in: RlpInput;
  out: string;
}

const dir = ethereumTestsDir("RLPTests");
const FILES = ["rlptest.json.gz", "invalidRLPTest.json.gz", "RandomRLPTests/example.json.gz"];

/** Fixture input to an RLP item: strings are UTF-8 bytes, numbers and `#decimal` are big-endian integers. */
function toItem(input: RlpInput): RlpItem {
  if (Array.isArray(input)) return input.map(toItem);
  if (typeof input === "number") return bigIntToBytes(BigInt(input));
  if (input.startsWith("#")) return bigIntToBytes(BigInt(input.slice(1)));
  return new TextEncoder().encode(input);
}

describeWithFixtures("RLPTests", "RLPTests", dir, (dir) => {
  for (const file of FILES) {
    const tests = readFixture<Record<string, RlpTest>>(join(dir, file));
    describe(file, () => {
      for (const [name, test] of Object.entries(tests)) {
        const out = hexToBytes(test.out);
        if (test.in === "INVALID") {
          it(`${name} is rejected`, () => {
            expect(() => decodeRlp(out)).toThrow(/Invalid RLP/);
          });
        } else if (test.in === "VALID") {
          it(`${name} decodes and re-encodes to the same bytes`, () => {
            expect(bytesToHex(encodeRlp(decodeRlp(out)))).toBe(bytesToHex(out));
          });
        } else {
          it(`${name} encodes and round-trips`, () => {
            const input = test.in;
            expect(bytesToHex(encodeRlp(toItem(input)))).toBe(bytesToHex(out));
            expect(decodeRlp(out)).toEqual(toItem(input));
          });
        }
      }
    });
  }
});
