import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/chain/block.js";
import type { BlockExecutionResult } from "../../src/chain/blockExecutionResult.js";
import { type ChainConfig, singleForkChain } from "../../src/chain/chainConfig.js";
import { create2Address } from "../../src/evm/contractAddress.js";
import { Fork } from "../../src/evm/fork.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { ALL_PAUSE_POINTS } from "../../src/parallel/pausePoints.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import { hexToBytes } from "../../src/primitives/hex.js";
import { addressOf, signAuthorization } from "../chain/testSigner.js";
import { comparableResult } from "./comparableResult.js";
import {
  ACCOUNTS,
  buildBlock,
  CONTRACTS,
  contracts,
  METAMORPHIC_INIT,
  preState,
  txSpec,
} from "./randomBlocks.js";

/**
 * Runs `block` sequentially and forced onto Block-STM (no fallback, shaken by random pauses between tasks
 * and at the `pausePoints` inside them) from the same pre-state and expects the same result; returns the
 * parallel one.
 */
function expectForcedRunEqualsSequential(
  chainConfig: ChainConfig,
  block: Block,
  pool: WorkerPool,
  maxDelayMicros: number,
  seed: number,
  pausePoints = 0,
): BlockExecutionResult {
  const state = preState();
  const sequential = executeBlock(chainConfig, state, block, { workers: 1, trustSenders: true });
  const parallel = executeBlock(chainConfig, state, block, {
    pool,
    trustSenders: true,
    force: true,
    timeoutMs: 20_000,
    maxDelayMicros,
    pausePoints,
    seed,
  });
  expect(parallel.parallel?.fallbackReason).toBeUndefined();
  expect(comparableResult(parallel)).toBe(comparableResult(sequential));
  return parallel;
}

const chain = singleForkChain(Fork.Cancun);
/** Largest random block (test:fuzz raises it to 200); lengths spread over the whole range (size "max"). */
const MAX_TXS = Number(process.env.PEVM_FUZZ_MAX_TXS ?? 40);
const RUNS = Number(process.env.PEVM_FUZZ_RUNS ?? 60);
/** test:fuzz runs for minutes: its properties get time in proportion (blocks of 200 take ~40 ms each here). */
const PROPERTY_TIMEOUT_MS = Math.max(120_000, RUNS * MAX_TXS * 0.5);

describe("Block-STM equals sequential execution", () => {
  const pools: WorkerPool[] = [];
  beforeAll(() => {
    // 2, 3 and 8 threads: each pool's workers plus the calling thread.
    for (const size of [1, 2, 7]) pools.push(WorkerPool.start(size));
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
  });

  it(
    "on random blocks of transfers, hot slots, coinbase reads, reverts, out-of-gas and creates",
    () => {
      fc.assert(
        fc.property(
          fc.array(txSpec, { minLength: 1, maxLength: MAX_TXS, size: "max" }),
          fc.integer({ min: 0, max: pools.length - 1 }),
          fc.integer({ min: 0, max: 50 }),
          fc.integer(),
          fc.integer({ min: 0, max: ALL_PAUSE_POINTS }),
          (specs, poolIndex, maxDelayMicros, seed, pausePoints) => {
            const block = buildBlock(specs);
            const parallel = expectForcedRunEqualsSequential(
              chain,
              block,
              pools[poolIndex],
              maxDelayMicros,
              seed,
              pausePoints,
            );
            // Metrics: every transaction executed at least once; time went into execution tasks.
            const metrics = parallel.parallel!;
            expect(metrics.executions).toBeGreaterThanOrEqual(block.transactions.length);
            expect(metrics.validationAborts).toBeLessThanOrEqual(
              metrics.executions! - block.transactions.length,
            );
            expect(metrics.executeTasksMs).toBeGreaterThan(0);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "before Cancun, wipes storage in parallel: SELFDESTRUCT of existing contracts, a contract destroyed and re-created (CREATE2) reading a slot of its predecessor",
    () => {
      const shanghai = singleForkChain(Fork.Shanghai);
      const names = Object.keys(CONTRACTS);
      const destroyer = names.indexOf("destroyer");
      const factory = names.indexOf("metamorphicFactory");
      const metamorphic = create2Address(contracts[factory], new Uint8Array(32), METAMORPHIC_INIT);
      fc.assert(
        fc.property(
          fc.array(txSpec, { minLength: 10, maxLength: 40, size: "max" }),
          fc.uniqueArray(fc.nat(39), { minLength: 6, maxLength: 6 }),
          fc.integer({ min: 1, max: pools.length - 1 }),
          fc.integer({ min: 0, max: 50 }),
          fc.integer(),
          (specs, picks, poolIndex, maxDelayMicros, seed) => {
            const [wipe, ...steps] = picks.map((p) => p % specs.length);
            if (new Set([wipe, ...steps]).size < 6) return; // positions collided on a short block
            // create, bump slot 1, destroy, re-create, bump slot 1 again (must read 0, not the old 1).
            const [create, bump, destroy, recreate, bumpAgain] = steps.sort((a, b) => a - b);
            const block = buildBlock(
              specs.map((spec, i) =>
                i === wipe || i === create || i === recreate
                  ? { ...spec, target: i === wipe ? destroyer : factory, lowGas: false }
                  : spec,
              ),
            );
            const callMetamorphic = (i: number, value: bigint) => {
              // Calldata keeps a valued call from being a lazy credit (the account has no code before the block).
              block.transactions[i] = {
                ...block.transactions[i],
                to: metamorphic,
                value,
                data: Uint8Array.of(1),
                gasLimit: 200_000n,
              };
            };
            callMetamorphic(bump, 1n);
            callMetamorphic(destroy, 0n);
            callMetamorphic(bumpAgain, 1n);
            expectForcedRunEqualsSequential(shanghai, block, pools[poolIndex], maxDelayMicros, seed);
          },
        ),
        { numRuns: Math.max(20, Math.floor(RUNS / 4)) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it("stops a dependency chain early and finishes it sequentially, with the same result", () => {
    const counter = Object.keys(CONTRACTS).indexOf("counter");
    // Every transaction increments one slot: a chain with no parallelism at all.
    const specs = Array.from({ length: 120 }, (_, i) => ({
      sender: i % ACCOUNTS,
      target: counter,
      value: 0,
      lowGas: false,
    }));
    const block = buildBlock(specs);
    const state = preState();
    const sequential = executeBlock(chain, state, block, { workers: 1, trustSenders: true });
    for (let seed = 1; seed <= 5; seed++) {
      const parallel = executeBlock(chain, state, block, {
        pool: pools[1],
        trustSenders: true,
        timeoutMs: 20_000,
        maxDelayMicros: 20,
        seed,
      });
      expect(comparableResult(parallel)).toBe(comparableResult(sequential));
      // Whether the chain shows (re-executions, suspensions) depends on the interleaving; when it
      // stops the run, it says so.
      const reason = parallel.parallel?.fallbackReason;
      if (reason !== undefined) expect(reason).toMatch(/^dependent block: .* ran sequentially$/);
    }
  });

  it("resumes sequentially when a lazily credited account gets code (EIP-7702) in the block", () => {
    const prague = singleForkChain(Fork.Prague);
    const authorityKey = new Uint8Array(32).fill(7);
    const authority = addressOf(authorityKey);
    const counter = contracts[Object.keys(CONTRACTS).indexOf("counter")];
    // Plain transfers to the authority (lazily credited: it has no code before the block), then its
    // delegation to the counter contract, then more transfers, which now run its code.
    const specs = Array.from({ length: 48 }, (_, i) => ({
      sender: i % ACCOUNTS,
      target: 0,
      value: 1,
      lowGas: false,
    }));
    const block = buildBlock(specs);
    block.transactions = block.transactions.map((tx, i) => {
      if (i !== 20) return { ...tx, to: authority, value: BigInt(i + 1) };
      const authorization = signAuthorization({ chainId: 1n, address: counter, nonce: 0n }, authorityKey);
      return { ...tx, type: 4, to: authority, value: 0n, authorizationList: [authorization] };
    });
    const state = preState();
    // Prague's request contracts (EIP-7002, EIP-7251), here returning no requests.
    for (const predeploy of [
      "0x00000961ef480eb55e80d19ad83579a64c007002",
      "0x0000bbddc7ce488642fb579f8b00f3a590007251",
    ]) {
      state.setAccount(hexToBytes(predeploy), { code: Uint8Array.of(0x00) });
    }
    const sequential = executeBlock(prague, state, block, { workers: 1, trustSenders: true });
    expect(sequential.receipts.every((receipt) => receipt.status === 1)).toBe(true);
    for (let seed = 1; seed <= 3; seed++) {
      const parallel = executeBlock(prague, state, block, {
        pool: pools[1],
        trustSenders: true,
        force: true,
        timeoutMs: 20_000,
        maxDelayMicros: 10,
        seed,
      });
      expect(parallel.parallel?.fallbackReason).toMatch(
        /lazily credited account received code.*ran sequentially/,
      );
      expect(comparableResult(parallel)).toBe(comparableResult(sequential));
    }
  });

  it("reports the fallback reason for a small block instead of running it in parallel", () => {
    const block = buildBlock([{ sender: 0, target: 0, value: 0, lowGas: false }]);
    const result = executeBlock(chain, preState(), block, { pool: pools[1], trustSenders: true });
    expect(result.parallel?.fallbackReason).toMatch(/small block/);
  });
});
