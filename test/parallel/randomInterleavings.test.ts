import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { singleForkChain } from "../../src/chain/chainConfig.js";
import { Fork } from "../../src/evm/fork.js";
import type { BlockExecutor } from "../../src/parallel/blockExecutor.js";
import type { TxResult } from "../../src/parallel/blockJob.js";
import type { PauseHook } from "../../src/parallel/pausePoints.js";
import type { Task } from "../../src/parallel/scheduler.js";
import { encodeTxResult } from "../../src/parallel/txResultCodec.js";
import { ByteWriter } from "../../src/primitives/byteCodec.js";
import { bytesToHex } from "../../src/primitives/hex.js";
import { Interleaving } from "./interleavingHarness.js";
import { buildBlock, CONTRACTS, contracts, preState, type TxSpec, txSpec } from "./randomBlocks.js";

const chain = singleForkChain(Fork.Cancun);
const RUNS = Number(process.env.PEVM_INTERLEAVING_RUNS ?? 100);

/** A result as bytes with its incarnation zeroed: what was folded, whichever incarnation produced it. */
function canonical(result: TxResult): string {
  const writer = new ByteWriter(1024);
  encodeTxResult(writer, { ...result, incarnation: 0 });
  return bytesToHex(writer.bytes());
}

/** xorshift32 over a fast-check seed. */
function rng(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

interface VirtualThread {
  executor: BlockExecutor;
  task: Task | undefined;
  /** Inside one of its tasks (paused at a hook): it cannot take another step until it returns. */
  busy: boolean;
}

/**
 * Runs a block on `threads` virtual threads and a folding thread, all on this thread, in an order drawn
 * from `seed`. Each thread gets a random speed (its weight when picking who moves next), so some hold a
 * task for long while others race ahead, as a preempted thread does. A step lets the picked thread take
 * a task, or perform the one it holds; the folding thread folds what is final. At every pause point
 * inside a task (and between validation and fold), the run may take up to 24 nested steps of the other
 * threads, two levels deep: the in-task interleavings a real run can produce, replayed exactly.
 * Returns the folded results in order.
 */
function runRandomInterleaving(specs: TxSpec[], threads: number, seed: number): TxResult[] {
  const run = new Interleaving(chain, preState(), buildBlock(specs));
  const random = rng(seed);
  const folded: TxResult[] = [];
  const pauseChance = random();
  let weights: number[] = [];
  let totalWeight = 0;
  const drawSpeeds = () => {
    weights = Array.from({ length: threads + 1 }, () => random() ** 3 + 0.01);
    totalWeight = weights.reduce((a, b) => a + b, 0);
  };
  drawSpeeds();
  let depth = 0;
  let folding = false;
  // A paused thread is a preempted one: the others run at new speeds until it resumes.
  const nested: PauseHook = () => {
    if (depth >= 2 || random() >= pauseChance) return;
    depth++;
    const speeds = weights;
    drawSpeeds();
    const steps = 1 + Math.floor(random() * 24);
    for (let i = 0; i < steps; i++) step();
    weights = speeds;
    totalWeight = weights.reduce((a, b) => a + b, 0);
    depth--;
  };
  const pool: VirtualThread[] = Array.from({ length: threads }, () => ({
    executor: run.thread(nested),
    task: undefined,
    busy: false,
  }));
  const rolling = run.rollingCommit(nested);
  // The folding thread is one thread: a fold is never started inside its own pause.
  const fold = (afterDone: boolean): void => {
    if (folding) return;
    folding = true;
    run.fold(rolling, folded, afterDone);
    folding = false;
  };
  const pickThread = (): number => {
    let r = random() * totalWeight;
    for (let i = 0; i < threads; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return threads;
  };
  const step = (): void => {
    const pick = pickThread();
    if (pick === threads) {
      fold(false);
      return;
    }
    const thread = pool[pick];
    if (thread.busy) return;
    if (thread.task === undefined) {
      thread.task = run.scheduler.nextTask();
      return;
    }
    thread.busy = true;
    thread.task = thread.executor.perform(thread.task);
    thread.busy = false;
  };
  for (let steps = 0; !(run.scheduler.done() && pool.every((t) => t.task === undefined)); steps++) {
    if (steps > 1_000_000) throw new Error(`no progress after ${steps} steps (seed ${seed})`);
    step();
  }
  fold(false);
  fold(true);
  return folded;
}

/** The same block with one thread: every transaction executes once, after all earlier ones. */
function inOrder(specs: TxSpec[]): TxResult[] {
  const run = new Interleaving(chain, preState(), buildBlock(specs));
  run.finish(run.thread());
  const folded: TxResult[] = [];
  run.fold(run.rollingCommit(), folded, true);
  return folded;
}

const names = Object.keys(CONTRACTS);
/**
 * Blocks crowded onto a few locations: the conditional-chain contract (writes that come and go between
 * incarnations), the counter, the coinbase and two plain accounts.
 */
const crowdedTxSpec = fc.record({
  sender: fc.integer({ min: 0, max: 7 }),
  target: fc.constantFrom(
    names.indexOf("conditionalChain"),
    names.indexOf("conditionalChain"),
    names.indexOf("conditionalChain"),
    names.indexOf("counter"),
    contracts.length,
    contracts.length + 1,
    contracts.length + 2,
  ),
  value: fc.constantFrom(0, 0, 0, 1, 5),
  lowGas: fc.constant(false),
});

describe("Block-STM under random in-task interleavings (deterministic, one thread)", () => {
  it(
    "folds exactly the results of running the transactions in order",
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            { weight: 1, arbitrary: fc.array(txSpec, { minLength: 1, maxLength: 40, size: "max" }) },
            { weight: 3, arbitrary: fc.array(crowdedTxSpec, { minLength: 2, maxLength: 10 }) },
          ),
          fc.integer({ min: 2, max: 4 }),
          fc.integer(),
          (specs, threads, seed) => {
            const expected = inOrder(specs).map(canonical);
            const folded = runRandomInterleaving(specs, threads, seed);
            expect(folded.map((r) => r.tx)).toEqual(specs.map((_, i) => i));
            expect(folded.map(canonical)).toEqual(expected);
          },
        ),
        { numRuns: RUNS },
      );
    },
    Math.max(120_000, RUNS * 20),
  );
});
