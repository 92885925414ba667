import { afterAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/chain/block.js";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { Fork } from "../../src/evm/fork.js";
import { closeDefaultPools, defaultPool, executeBlock } from "../../src/parallel/executeBlock.js";
import { ParallelTimeoutError, PoolUnusableError } from "../../src/parallel/parallelErrors.js";
import { WorkerPool } from "../../src/parallel/workerPool.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { comparableResult } from "./comparableResult.js";
import { declaredSenderBlock, unsignedCall } from "./declaredSenderBlock.js";

const chain = singleForkChain(Fork.Cancun);
const COINBASE = new Uint8Array(20).fill(0xcb);
const RECIPIENT = new Uint8Array(20).fill(0x11);
const senders = Array.from({ length: 8 }, (_, i) => new Uint8Array(20).fill(0x40 + i));

function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 18n });
  return state;
}

/** One plain transfer per sender, with declared senders (run with trustSenders). */
function transfers(): Block {
  const transactions = senders.map((_, i) =>
    unsignedCall({ nonce: 0n, to: RECIPIENT, value: BigInt(i + 1), gasLimit: 21_000n }),
  );
  return declaredSenderBlock(COINBASE, 30_000_000n, transactions, senders);
}

describe("Block-STM watchdog", () => {
  const pool = WorkerPool.start(1);
  const fresh = WorkerPool.start(1);
  afterAll(() => Promise.all([pool.close(), fresh.close(), closeDefaultPools()]));

  it("turns a run that outlives its timeout into a ParallelTimeoutError with the scheduler's state; the pool then refuses blocks", () => {
    // Every task pauses up to 300 ms: the 20 ms watchdog fires long before the block could finish.
    const slow = { force: true, trustSenders: true, maxDelayMicros: 300_000, timeoutMs: 20 } as const;
    const timeout = thrownBy(() => executeBlock(chain, preState(), transfers(), { ...slow, pool }));
    expect(timeout).toBeInstanceOf(ParallelTimeoutError);
    expect((timeout as ParallelTimeoutError).code).toBe("PARALLEL_TIMEOUT");
    expect((timeout as Error).message).toMatch(
      /Block-STM watchdog: no completion after 20 ms[\s\S]*executionIndex=/,
    );

    // Its workers may still be inside the timed-out block: the caller's pool refuses the next one at
    // once rather than reset that block's shared memory under them.
    const options = { force: true, trustSenders: true, timeoutMs: 20_000 } as const;
    const started = performance.now();
    const refused = thrownBy(() => executeBlock(chain, preState(), transfers(), { ...options, pool }));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(refused).toBeInstanceOf(PoolUnusableError);
    expect((refused as PoolUnusableError).code).toBe("POOL_UNUSABLE");
    expect((refused as Error).message).toMatch(/timed out[\s\S]*start a new pool/);

    const parallel = executeBlock(chain, preState(), transfers(), { ...options, pool: fresh });
    const sequential = executeBlock(chain, preState(), transfers(), { workers: 1, trustSenders: true });
    expect(parallel.parallel?.fallbackReason).toBeUndefined();
    expect(comparableResult(parallel)).toBe(comparableResult(sequential));
  });

  it("replaces a shared pool that timed out: the next block runs on fresh workers and equals sequential", () => {
    const options = { workers: 2, force: true, trustSenders: true } as const;
    const timedOut = defaultPool(1);
    expect(() =>
      executeBlock(chain, preState(), transfers(), { ...options, maxDelayMicros: 300_000, timeoutMs: 20 }),
    ).toThrow(ParallelTimeoutError);
    expect(defaultPool(1)).not.toBe(timedOut);
    const parallel = executeBlock(chain, preState(), transfers(), { ...options, timeoutMs: 20_000 });
    const sequential = executeBlock(chain, preState(), transfers(), { workers: 1, trustSenders: true });
    expect(parallel.parallel?.fallbackReason).toBeUndefined();
    expect(comparableResult(parallel)).toBe(comparableResult(sequential));
  });
});

/** What `run` throws (undefined if it returns). */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
