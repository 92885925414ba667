import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/chain/block.js";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { Fork } from "../../src/evm/fork.js";
import { executeBlock } from "../../src/parallel/executeBlock.js";
import { ALL_PAUSE_POINTS } from "../../src/parallel/pausePoints.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import { keccak256 } from "../../src/primitives/keccak.js";
import { applyStateDiff } from "../../src/state/applyStateDiff.js";
import { genesisDiff } from "../../src/state/genesisDiff.js";
import { LmdbState } from "../../src/state/lmdb/lmdbState.js";
import { dumpMemoryState, lmdbAccountsAndSlots } from "../state/stateDump.js";
import { comparableResult } from "./comparableResult.js";
import { buildBlock, preState, type TxSpec, txSpec } from "./randomBlocks.js";

/*
 * Block-STM with its workers reading an LMDB data dir in place (each pins the block's commit) must give
 * the sequential oracle's result on a MemoryState holding the same pre-state; and across a chain of
 * committed blocks, every block must read the commit before it, never an older snapshot.
 */

const chain = singleForkChain(Fork.Cancun);
const MAX_TXS = Number(process.env.PEVM_FUZZ_MAX_TXS ?? 40);
const dirs: string[] = [];

function lmdbWithPreState(): LmdbState {
  const dir = mkdtempSync(join(tmpdir(), "pevm-blockstm-lmdb-"));
  dirs.push(dir);
  const state = LmdbState.open(dir);
  state.commitGenesis({ chain: chain.name, diff: genesisDiff(preState()) });
  return state;
}

/** Block `number` of `specs`, its nonces continuing from `nonces` (updated). */
function chainedBlock(specs: TxSpec[], number: bigint, nonces: Map<string, bigint>): Block {
  const block = buildBlock(specs);
  block.header = { ...block.header, number, timestamp: number * 12n };
  block.transactions = block.transactions.map((tx, i) => {
    const key = block.senders![i].toString();
    const base = nonces.get(key) ?? 0n;
    return { ...tx, nonce: tx.nonce + base };
  });
  for (const [i, sender] of block.senders!.entries()) {
    const key = sender.toString();
    nonces.set(key, block.transactions[i].nonce + 1n);
  }
  return block;
}

describe("Block-STM on an LMDB data dir equals sequential execution", () => {
  const pools: WorkerPool[] = [];
  const states: LmdbState[] = [];
  beforeAll(() => {
    for (const size of [1, 3]) pools.push(WorkerPool.start(size));
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
    await Promise.all(states.map((state) => state.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("on random blocks, against the oracle on a MemoryState with the same pre-state", () => {
    const lmdb = lmdbWithPreState();
    states.push(lmdb);
    const memory = preState();
    fc.assert(
      fc.property(
        fc.array(txSpec, { minLength: 1, maxLength: MAX_TXS }),
        fc.integer({ min: 0, max: pools.length - 1 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer(),
        fc.integer({ min: 0, max: ALL_PAUSE_POINTS }),
        (specs, poolIndex, maxDelayMicros, seed, pausePoints) => {
          const block = buildBlock(specs);
          const oracle = comparableResult(
            executeBlock(chain, memory, block, { workers: 1, trustSenders: true }),
          );
          expect(comparableResult(executeBlock(chain, lmdb, block, { workers: 1, trustSenders: true }))).toBe(
            oracle,
          );
          const parallel = executeBlock(chain, lmdb, block, {
            pool: pools[poolIndex],
            trustSenders: true,
            force: true,
            timeoutMs: 20_000,
            maxDelayMicros,
            pausePoints,
            seed,
          });
          expect(parallel.parallel?.fallbackReason).toBeUndefined();
          expect(comparableResult(parallel)).toBe(oracle);
        },
      ),
      { numRuns: Number(process.env.PEVM_FUZZ_RUNS ?? 40) },
    );
  });

  it("on a chain of committed blocks: each block's workers read the commit just before it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(txSpec, { minLength: 20, maxLength: MAX_TXS }), { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 0, max: pools.length - 1 }),
        fc.integer(),
        (blocks, poolIndex, seed) => {
          const lmdb = lmdbWithPreState();
          states.push(lmdb);
          const memory = preState();
          const nonces = new Map<string, bigint>();
          for (const [i, specs] of blocks.entries()) {
            const number = BigInt(i + 1);
            const block = chainedBlock(specs, number, nonces);
            const oracle = executeBlock(chain, memory, block, { workers: 1, trustSenders: true });
            const parallel = executeBlock(chain, lmdb, block, {
              pool: pools[poolIndex],
              trustSenders: true,
              force: true,
              timeoutMs: 20_000,
              maxDelayMicros: 10,
              seed: seed + i,
            });
            expect(parallel.parallel?.fallbackReason).toBeUndefined();
            expect(comparableResult(parallel)).toBe(comparableResult(oracle));
            lmdb.commitBlock({
              diff: parallel.stateDiff,
              head: { number, hash: keccak256(Uint8Array.of(i)), stateRoot: undefined },
            });
            applyStateDiff(memory, oracle.stateDiff);
          }
          expect(lmdbAccountsAndSlots(lmdb)).toEqual(dumpMemoryState(memory));
        },
      ),
      { numRuns: Math.max(6, Math.floor(Number(process.env.PEVM_FUZZ_RUNS ?? 40) / 4)) },
    );
  });
});
