import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBlockchainTest } from "../../src/chain/blockchainTest/parseBlockchainTest.js";
import { runBlockchainTest } from "../../src/chain/blockchainTest/runBlockchainTest.js";
import { decodeFixture } from "../../src/chain/stateTest/runStateTestFile.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { stateRoot } from "../../src/state/stateRoot.js";
import { fixturesDir, listFixtureFiles } from "../fixtures/fixturesDir.js";

/**
 * The blockchain-test runner checks each block's incremental state root (the parent's trie plus the
 * block's diff) against the header. Here every imported block's post-state is also hashed from
 * scratch: the trie the runner carries to the next block must be the trie of that state. Chains with
 * forks (sibling blocks on one parent) exercise older trie versions staying valid.
 */
const SUITES = [
  "ethereum-tests/BlockchainTests/ValidBlocks",
  "execution-spec-tests/blockchain_tests/prague/eip7002_el_triggerable_withdrawals",
  "execution-spec-tests/blockchain_tests/prague/eip7702_set_code_tx",
];

const root = fixturesDir();
const present =
  root === undefined ? [] : SUITES.map((suite) => join(root, suite)).filter((dir) => existsSync(dir));

if (present.length === 0) {
  describe.skip("blockchain-test state roots", () => {
    it("blockchain test fixtures not found: set PEVM_FIXTURES or place them in ../shared/fixtures", () => {});
  });
} else {
  describe("blockchain-test state roots", () => {
    for (const dir of present) {
      it(`incremental root = header root = from-scratch root after every block of ${dir.slice(root!.length + 1)}`, () => {
        let blocks = 0;
        const failures: string[] = [];
        for (const file of listFixtureFiles(dir)) {
          const fixture = decodeFixture(readFileSync(file)) as Record<string, unknown>;
          for (const [name, json] of Object.entries(fixture)) {
            const verdict = runBlockchainTest(parseBlockchainTest(name, json), {
              onImported: (header, state) => {
                blocks++;
                // The post-block trie was adopted from the execution result, not rebuilt.
                if (state.builtWorldStateTrie === undefined)
                  failures.push(`${name} block ${header.number}: trie not carried`);
                const incremental = bytesToHex(state.worldStateTrie()!.rootHash());
                const scratch = bytesToHex(stateRoot(state));
                const expected = bytesToHex(header.stateRoot);
                if (incremental !== expected || scratch !== expected) {
                  failures.push(
                    `${name} block ${header.number}: trie ${incremental}, scratch ${scratch}, header ${expected}`,
                  );
                }
              },
            });
            if (!verdict.passed) failures.push(`${name}: ${verdict.reason}`);
          }
        }
        expect(failures.slice(0, 10)).toEqual([]);
        expect(blocks).toBeGreaterThan(0);
        console.log(`${dir.slice(root!.length + 1)}: ${blocks} blocks`);
      });
    }
  });
}
