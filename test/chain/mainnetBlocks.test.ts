import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBlockFixture } from "../../src/chain/blockFixture.js";
import { checkAgainstHeader } from "../../src/chain/checkAgainstHeader.js";
import { executeBlockSequential } from "../../src/chain/executeBlockSequential.js";
import { MAINNET } from "../../src/chain/mainnetChain.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { fixturesDir } from "../fixtures/fixturesDir.js";

/**
 * Real mainnet blocks replayed on their bundled partial pre-state must reproduce the header's gasUsed
 * and logsBloom, and from Byzantium on its receiptsRoot. A fast sample across forks (the full 81 run
 * through `pevm run ../shared/fixtures/mainnet`): Frontier to Cancun, the first Byzantium and first
 * proof-of-stake blocks, BLOCKHASH of older blocks (19923400), an empty block.
 */
const BLOCKS: readonly number[] = [
  46147, 1150000, 2463002, 2675000, 3297798, 4370000, 6137495, 15537393, 15537394, 19910734, 19923400,
  19933122,
];

const root = fixturesDir();
const dir = root === undefined ? undefined : join(root, "mainnet");

if (dir === undefined || !existsSync(dir)) {
  describe.skip("mainnet blocks", () => {
    it("mainnet block fixtures not found: set PEVM_FIXTURES or place them in ../shared/fixtures/mainnet", () => {});
  });
} else {
  describe("mainnet blocks", () => {
    for (const number of BLOCKS) {
      it(`${number} matches its header`, () => {
        const { block, preState } = readBlockFixture(join(dir, `${number}.json.gz`));
        const result = executeBlockSequential(MAINNET, preState, block);
        const check = checkAgainstHeader(result, block.header);
        expect(result.gasUsed).toBe(block.header.gasUsed);
        expect(bytesToHex(result.logsBloom)).toBe(bytesToHex(block.header.logsBloom));
        if (number >= 4_370_000) {
          expect(bytesToHex(result.receiptsRoot!)).toBe(bytesToHex(block.header.receiptsRoot));
        } else {
          expect(check.match.receiptsRoot).toBeNull();
          expect(check.unchecked.receiptsRoot).toMatch(/pre-Byzantium/);
        }
        expect(check.passed).toBe(true);
        // Recovered senders agree with the node's `from`.
        expect(result.senders.map(bytesToHex)).toEqual((block.senders ?? []).map(bytesToHex));
      });
    }
  });
}
