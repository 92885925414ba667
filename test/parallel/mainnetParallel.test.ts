import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BlockExecutionResult } from "../../src/chain/blockExecutionResult.js";
import { readBlockFixture } from "../../src/chain/blockFixture.js";
import { MAINNET } from "../../src/chain/mainnetChain.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { fixturesDir } from "../fixtures/fixturesDir.js";

const mainnet = fixturesDir() === undefined ? undefined : join(fixturesDir()!, "mainnet");

/** Blocks across forks with real contention: Byzantium, Berlin, London, the first PoS block, Cancun. */
const BLOCKS = ["5283152", "12244000", "14029313", "15537394", "19426587"];

function comparable(result: BlockExecutionResult): string {
  return JSON.stringify(
    { receipts: result.receipts, gasUsed: result.gasUsed, bloom: result.logsBloom, diff: result.stateDiff },
    (_key, value) =>
      typeof value === "bigint" ? value.toString() : value instanceof Uint8Array ? bytesToHex(value) : value,
  );
}

describe.skipIf(mainnet === undefined)(
  "Block-STM on mainnet blocks (skipped: ../shared/fixtures/mainnet not found)",
  () => {
    const pool = WorkerPool.start(3);
    afterAll(() => pool.close());

    for (const number of BLOCKS) {
      it(`block ${number}: parallel equals sequential and matches the header`, () => {
        const fixture = readBlockFixture(join(mainnet!, `${number}.json.gz`));
        const sequential = executeBlock(MAINNET, fixture.preState, fixture.block, {
          workers: 1,
          trustSenders: true,
        });
        const parallel = executeBlock(MAINNET, fixture.preState, fixture.block, {
          pool,
          trustSenders: true,
          force: true,
          timeoutMs: 60_000,
        });
        expect(comparable(parallel)).toBe(comparable(sequential));
        expect(parallel.gasUsed).toBe(fixture.block.header.gasUsed);
        expect(bytesToHex(parallel.logsBloom)).toBe(bytesToHex(fixture.block.header.logsBloom));
      });
    }
  },
);
