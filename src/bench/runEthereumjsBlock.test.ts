import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../test/fixtures/fixturesDir.js";
import type { EthereumjsStateManagerKind } from "./runEthereumjs.js";
import {
  type BlockFixtureJson,
  matchEthereumjsRun,
  prepareEthereumjsBlock,
  runEthereumjsBlock,
} from "./runEthereumjsBlock.js";

/**
 * The ethereumjs peer of `npm run bench:mainnet` must reproduce each header, or its timings compare
 * us with a wrong execution. Three small blocks: Frontier (46147, no receipts root to check),
 * 12047794 (contracts self-destructed and then used again in the block: the JournalStateManager
 * once kept their code and storage, and gasUsed came out 3,041 short), and a Cancun block with a
 * blob transaction and BLOCKHASH of older blocks (19923400), also on MerkleStateManager.
 */
const CASES: ReadonlyArray<{ number: number; stateManager: EthereumjsStateManagerKind }> = [
  { number: 46147, stateManager: "journal" },
  { number: 12047794, stateManager: "journal" },
  { number: 19923400, stateManager: "journal" },
  { number: 19923400, stateManager: "merkle" },
];

const root = fixturesDir();
const dir = root === undefined ? undefined : join(root, "mainnet");

if (dir === undefined || !existsSync(dir)) {
  describe.skip("ethereumjs runBlock peer on mainnet fixtures", () => {
    it("mainnet block fixtures not found: set PEVM_FIXTURES or place them in ../shared/fixtures/mainnet", () => {});
  });
} else {
  describe("ethereumjs runBlock peer on mainnet fixtures", () => {
    for (const { number, stateManager } of CASES) {
      it(`${number} on the ${stateManager} state manager matches its header`, async () => {
        const fixture = JSON.parse(
          gunzipSync(readFileSync(join(dir, `${number}.json.gz`))).toString("utf8"),
        ) as BlockFixtureJson;
        const prepared = await prepareEthereumjsBlock(fixture, { stateManager, crypto: "shared" });
        expect(prepared.hardfork).toBe(fixture.hardfork);
        const run = await runEthereumjsBlock(prepared);
        expect(run.gasUsed).toBe(BigInt(String(fixture.header.gasUsed)));
        expect(matchEthereumjsRun(run, fixture.header)).toEqual({
          gasUsed: true,
          logsBloom: true,
          receiptsRoot: number >= 4_370_000 ? true : null,
        });
      });
    }
  });
}
