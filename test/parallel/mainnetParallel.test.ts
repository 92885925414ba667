import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readBlockFixture } from "../../src/chain/blockFixture.js";
import { MAINNET } from "../../src/chain/mainnetChain.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { fixturesDir } from "../fixtures/fixturesDir.js";
import { comparableResult } from "./comparableResult.js";

const mainnet = fixturesDir() === undefined ? undefined : join(fixturesDir()!, "mainnet");

/**
 * Blocks across forks with real contention (Byzantium, Berlin, London, the first PoS block, Cancun), or
 * every fixture block with PEVM_MAINNET_ALL=1 (`npm run test:mainnet-parallel`).
 */
const BLOCKS =
  process.env.PEVM_MAINNET_ALL === "1" && mainnet !== undefined
    ? readdirSync(mainnet)
        .filter((file) => file.endsWith(".json.gz"))
        .map((file) => file.replace(".json.gz", ""))
    : ["5283152", "12244000", "14029313", "15537394", "19426587"];
/** Thread counts to run every block on, the calling thread included (PEVM_WORKERS=2,4,8); 3 by default. */
const THREADS = (process.env.PEVM_WORKERS ?? "3").split(",").map(Number);

describe.skipIf(mainnet === undefined)(
  "Block-STM on mainnet blocks (skipped: ../shared/fixtures/mainnet not found)",
  () => {
    const pools = THREADS.map((threads) => WorkerPool.start(threads - 1));
    afterAll(() => Promise.all(pools.map((pool) => pool.close())));

    for (const number of BLOCKS) {
      it(`block ${number}: parallel (forced, senders recovered on the pool) equals sequential and matches the header`, () => {
        const fixture = readBlockFixture(join(mainnet!, `${number}.json.gz`));
        const sequential = executeBlock(MAINNET, fixture.preState, fixture.block, {
          workers: 1,
          trustSenders: true,
        });
        for (const pool of pools) {
          const parallel = executeBlock(MAINNET, fixture.preState, fixture.block, {
            pool,
            force: true,
            timeoutMs: 60_000,
          });
          expect(comparableResult(parallel), `${pool.size + 1} threads`).toBe(comparableResult(sequential));
          expect(parallel.gasUsed).toBe(fixture.block.header.gasUsed);
          expect(bytesToHex(parallel.logsBloom)).toBe(bytesToHex(fixture.block.header.logsBloom));
        }
      });
    }
  },
);
