import { afterAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/chain/block.js";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { Fork } from "../../src/evm/fork.js";
import { closeDefaultPools, defaultPool, executeBlock } from "../../src/parallel/executeBlock.js";
import { ParallelTimeoutError } from "../../src/parallel/runParallelTransactions.js";
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
  afterAll(() => Promise.all([pool.abandon(), closeDefaultPools()]));

  it("turns a run that outlives its timeout into a ParallelTimeoutError with the scheduler's state", () => {
    // Every task pauses up to 300 ms: the 20 ms watchdog fires long before the block could finish.
    const run = () =>
      executeBlock(chain, preState(), transfers(), {
        pool,
        force: true,
        trustSenders: true,
        maxDelayMicros: 300_000,
        timeoutMs: 20,
      });
    expect(run).toThrow(ParallelTimeoutError);
    expect(run).toThrow(/Block-STM watchdog: no completion after 20 ms[\s\S]*executionIndex=/);
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
