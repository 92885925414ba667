import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/chain/block.js";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { Fork } from "../../src/evm/fork.js";
import { type ExecuteBlockRequest, executeBlock } from "../../src/parallel/executeBlock.js";
import type { ParallelTestHooks } from "../../src/parallel/parallelTestHooks.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import { hexToBytes } from "../../src/primitives/hex.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { comparableResult } from "./comparableResult.js";
import { declaredSenderBlock, unsignedCall } from "./declaredSenderBlock.js";

const chain = singleForkChain(Fork.Cancun);
const COINBASE = new Uint8Array(20).fill(0xcb);
/** slot0 += 1: every call reads and writes one hot slot. */
const COUNTER = new Uint8Array(20).fill(0xc1);
/** CREATE of a contract whose code is one byte (0x00): puts code into the block-deployed code arena. */
const DEPLOYER = new Uint8Array(20).fill(0xc2);
const senders = Array.from({ length: 8 }, (_, i) => new Uint8Array(20).fill(0x40 + i));
const recipients = Array.from({ length: 5 }, (_, i) => new Uint8Array(20).fill(0x60 + i));

function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 18n });
  state.setAccount(COUNTER, { code: hexToBytes("0x5f546001015f5500"), nonce: 1n });
  state.setAccount(DEPLOYER, { code: hexToBytes("0x6460016000f36000526005601b6000f05000"), nonce: 1n });
  return state;
}

/**
 * 40 transactions from 8 senders (nonce chains of 5): counter calls, transfers to 5 recipients, and from
 * transaction 10 on, deployments, so every arena fills as the block goes and none is full at its start.
 */
function mixedBlock(): Block {
  const transactions = Array.from({ length: 40 }, (_, i) => {
    const nonce = BigInt(Math.floor(i / senders.length));
    if (i % 4 === 0) return unsignedCall({ nonce, to: COUNTER, value: 0n, gasLimit: 100_000n });
    if (i >= 10 && i % 4 === 1) return unsignedCall({ nonce, to: DEPLOYER, value: 0n, gasLimit: 200_000n });
    return unsignedCall({
      nonce,
      to: recipients[i % recipients.length],
      value: BigInt(i),
      gasLimit: 21_000n,
    });
  });
  return declaredSenderBlock(
    COINBASE,
    30_000_000n,
    transactions,
    transactions.map((_, i) => senders[i % senders.length]),
  );
}

/** 40 transfers from one sender: two threads taking tasks suspend transactions on their predecessors. */
function nonceChainBlock(): Block {
  const transactions = Array.from({ length: 40 }, (_, i) =>
    unsignedCall({ nonce: BigInt(i), to: recipients[i % recipients.length], value: 1n, gasLimit: 21_000n }),
  );
  return declaredSenderBlock(
    COINBASE,
    30_000_000n,
    transactions,
    transactions.map(() => senders[0]),
  );
}

/** Runs `block` forced onto Block-STM with test hooks; a hang surfaces as the 10 s watchdog's error. */
function runWithHooks(pool: WorkerPool, block: Block, testHooks: ParallelTestHooks, seed = 1) {
  const options = { pool, force: true, trustSenders: true, timeoutMs: 10_000, seed, testHooks };
  return executeBlock(chain, preState(), block, options as ExecuteBlockRequest);
}

/**
 * Per arena: capacities that leave room for the block's first transactions only, when the calling thread
 * runs every task (its results stay objects: 12-byte arena records) or when pool workers do (encoded).
 */
const ARENAS: {
  arena: RegExp;
  caller: ParallelTestHooks["capacities"];
  workers: ParallelTestHooks["capacities"];
}[] = [
  { arena: /location/, caller: { locations: 52 }, workers: { locations: 52 } },
  { arena: /version entry/, caller: { entries: 30 }, workers: { entries: 30 } },
  { arena: /read set/, caller: { readWords: 400 }, workers: { readWords: 400 } },
  { arena: /write set/, caller: { writeWords: 30 }, workers: { writeWords: 30 } },
  { arena: /results/, caller: { resultBytes: 120 }, workers: { resultBytes: 3000 } },
  { arena: /code/, caller: { codeBytes: 0 }, workers: { codeBytes: 0 } },
];

describe("Block-STM falls back to sequential when a shared arena runs out", () => {
  let pool: WorkerPool;
  const sequential = comparableResult(
    executeBlock(chain, preState(), mixedBlock(), { workers: 1, trustSenders: true }),
  );
  beforeAll(() => {
    pool = WorkerPool.start(2);
  });
  afterAll(() => pool.close());

  for (const { arena, caller, workers } of ARENAS) {
    it(`${arena.source} arena, on pool workers`, () => {
      const result = runWithHooks(pool, mixedBlock(), { capacities: workers, tasksOn: "workers" });
      const reason = result.parallel?.fallbackReason;
      expect(reason).toMatch(/^a shared arena ran out of room \(pool worker \d+: ArenaExhaustedError: /);
      expect(reason).toMatch(
        new RegExp(`${arena.source}[^(]* arena exhausted\\); transactions \\d+\\.\\. ran`),
      );
      expect(comparableResult(result)).toBe(sequential);
    });

    it(`${arena.source} arena, on the calling thread`, () => {
      const result = runWithHooks(pool, mixedBlock(), { capacities: caller, tasksOn: "caller" });
      const reason = result.parallel?.fallbackReason;
      expect(reason).toMatch(/^a shared arena ran out of room \(calling thread: ArenaExhaustedError: /);
      expect(reason).toMatch(
        new RegExp(`${arena.source}[^(]* arena exhausted\\); transactions \\d+\\.\\. ran`),
      );
      // Mid-block: the calling thread folded the transactions it ran before the arena filled.
      expect(reason).not.toMatch(/transactions 0\.\. ran/);
      expect(comparableResult(result)).toBe(sequential);
    });
  }

  it("location and code arenas, every thread taking tasks in shaken schedules: no thread waits on a slot the exhausted one claimed", () => {
    for (const capacities of [{ locations: 52 }, { codeBytes: 0 }]) {
      for (let seed = 1; seed <= 4; seed++) {
        const options = {
          pool,
          force: true,
          trustSenders: true,
          timeoutMs: 10_000,
          maxDelayMicros: 30,
          seed,
          testHooks: { capacities },
        };
        const result = executeBlock(chain, preState(), mixedBlock(), options as ExecuteBlockRequest);
        expect(result.parallel?.fallbackReason).toMatch(
          /^a shared arena ran out of room \(.*(location|code)/,
        );
        expect(comparableResult(result)).toBe(sequential);
      }
    }
  });

  it("dependency list arena: suspending a transaction on its sender's previous one", () => {
    const block = nonceChainBlock();
    const expected = comparableResult(
      executeBlock(chain, preState(), block, { workers: 1, trustSenders: true }),
    );
    // Whether two threads ever take neighbouring transactions at once depends on the schedule: runs
    // that never suspend one finish in parallel; some run in a few tries must hit the empty arena.
    let exhausted = 0;
    for (let seed = 1; seed <= 8 && exhausted === 0; seed++) {
      for (const tasksOn of ["workers", undefined] as const) {
        const result = runWithHooks(pool, block, { capacities: { dependencies: 0 }, tasksOn }, seed);
        const reason = result.parallel?.fallbackReason;
        if (reason !== undefined) {
          expect(reason).toMatch(/^a shared arena ran out of room \(.*dependency list arena exhausted/);
          exhausted++;
        }
        expect(comparableResult(result)).toBe(expected);
      }
    }
    expect(exhausted).toBeGreaterThan(0);
  });
});
