import { once } from "node:events";
import type { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/chain/block.js";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { Fork } from "../../src/evm/fork.js";
import {
  closeDefaultPools,
  defaultPool,
  type ExecuteBlockRequest,
  executeBlock,
} from "../../src/parallel/executeBlock.js";
import { PoolUnusableError } from "../../src/parallel/parallelErrors.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { comparableResult } from "./comparableResult.js";
import { declaredSenderBlock, unsignedCall } from "./declaredSenderBlock.js";

const chain = singleForkChain(Fork.Cancun);
const COINBASE = new Uint8Array(20).fill(0xcb);
const senders = Array.from({ length: 8 }, (_, i) => new Uint8Array(20).fill(0x40 + i));
const recipients = Array.from({ length: 4 }, (_, i) => new Uint8Array(20).fill(0x60 + i));

function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 18n });
  return state;
}

/** 32 transfers from 8 senders to 4 recipients (declared senders: run with trustSenders). */
function transfers(): Block {
  const transactions = Array.from({ length: 32 }, (_, i) =>
    unsignedCall({ nonce: BigInt(i >> 3), to: recipients[i % 4], value: BigInt(i + 1), gasLimit: 21_000n }),
  );
  return declaredSenderBlock(
    COINBASE,
    30_000_000n,
    transactions,
    transactions.map((_, i) => senders[i % 8]),
  );
}

const sequential = comparableResult(
  executeBlock(chain, preState(), transfers(), { workers: 1, trustSenders: true }),
);

/** The pool's first worker thread (tests only: a pool does not hand out its workers). */
function firstWorker(pool: WorkerPool): Worker {
  return (pool as unknown as { workers: { worker: Worker }[] }).workers[0].worker;
}

describe("a Block-STM worker that fails outside a task", () => {
  const pools: WorkerPool[] = [];
  afterAll(() => Promise.all([...pools.map((pool) => pool.close()), closeDefaultPools()]));

  it("throwing while it builds its executor: the block falls back at once, with the worker's error", () => {
    const pool = WorkerPool.start(1);
    pools.push(pool);
    const options = { pool, force: true, trustSenders: true, timeoutMs: 20_000 };
    // A first block warms the worker, so the faulty one starts while the calling thread is running it.
    expect(comparableResult(executeBlock(chain, preState(), transfers(), options))).toBe(sequential);
    const started = performance.now();
    const faulty = { ...options, testHooks: { workerStartFault: "no executor for this block" } };
    const result = executeBlock(chain, preState(), transfers(), faulty as ExecuteBlockRequest);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.parallel?.fallbackReason).toMatch(
      /^a worker failed \(pool worker \d+: Error: no executor for this block\); transactions \d+\.\. ran sequentially$/,
    );
    expect(comparableResult(result)).toBe(sequential);
    // The worker reported and stays usable.
    expect(comparableResult(executeBlock(chain, preState(), transfers(), options))).toBe(sequential);
  });

  it("that died: its pool refuses the next block at once with POOL_UNUSABLE", async () => {
    const pool = WorkerPool.start(1);
    pools.push(pool);
    const worker = firstWorker(pool);
    await Promise.all([worker.terminate(), once(worker, "exit")]);
    const started = performance.now();
    let error: unknown;
    try {
      executeBlock(chain, preState(), transfers(), {
        pool,
        force: true,
        trustSenders: true,
        timeoutMs: 20_000,
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(PoolUnusableError);
    expect((error as PoolUnusableError).code).toBe("POOL_UNUSABLE");
    expect((error as PoolUnusableError).message).toMatch(/a worker exited/);
  });

  it("that died in a shared pool: the next block runs on a fresh pool and equals sequential", async () => {
    const dead = defaultPool(1);
    const worker = firstWorker(dead);
    await Promise.all([worker.terminate(), once(worker, "exit")]);
    const result = executeBlock(chain, preState(), transfers(), {
      workers: 2,
      force: true,
      trustSenders: true,
      timeoutMs: 20_000,
    });
    expect(defaultPool(1)).not.toBe(dead);
    expect(result.parallel?.fallbackReason).toBeUndefined();
    expect(comparableResult(result)).toBe(sequential);
  });
});
