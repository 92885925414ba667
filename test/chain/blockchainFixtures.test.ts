import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBlockchainTestFile } from "../../src/chain/blockchainTest/runBlockchainTestFile.js";
import type { CaseResult } from "../../src/chain/stateTest/runStateTestFile.js";
import { fixturesDir, listFixtureFiles } from "../fixtures/fixturesDir.js";

/**
 * A sample of blockchain tests (the full runs are `pevm blocktest`): EEST's Prague request and
 * history-contract suites and Cancun's beacon-root suite, plus ethereum/tests' block examples and
 * invalid headers. Every test must pass: valid chains reach their post-state, invalid blocks are
 * rejected for the expected reason.
 */
const SUITES = [
  "execution-spec-tests/blockchain_tests/prague/eip7685_general_purpose_el_requests",
  "execution-spec-tests/blockchain_tests/prague/eip2935_historical_block_hashes_from_state",
  "execution-spec-tests/blockchain_tests/cancun/eip4788_beacon_root",
  "ethereum-tests/BlockchainTests/ValidBlocks/bcExample",
  "ethereum-tests/BlockchainTests/InvalidBlocks/bcInvalidHeaderTest",
];

const root = fixturesDir();
const present =
  root === undefined ? [] : SUITES.map((suite) => join(root, suite)).filter((dir) => existsSync(dir));

if (present.length === 0) {
  describe.skip("blockchain tests", () => {
    it("blockchain test fixtures not found: set PEVM_FIXTURES or place them in ../shared/fixtures", () => {});
  });
} else {
  describe("blockchain tests", () => {
    for (const dir of present) {
      for (const file of listFixtureFiles(dir)) {
        it(file.slice(root!.length + 1), () => {
          const results: CaseResult[] = [];
          runBlockchainTestFile(file, (result) => results.push(result));
          expect(results.length).toBeGreaterThan(0);
          expect(results.filter((r) => r.status !== "passed").map((r) => `${r.test}: ${r.reason}`)).toEqual(
            [],
          );
        });
      }
    }
  });
}
