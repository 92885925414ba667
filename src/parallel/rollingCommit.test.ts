import { describe, expect, it } from "vitest";
import { ByteWriter } from "../primitives/byteCodec.js";
import type { TxResult } from "./blockJob.js";
import { MvMemory, READ_BASE } from "./mvMemory.js";
import { PausePoint } from "./pausePoints.js";
import { RollingCommit } from "./rollingCommit.js";
import {
  capacitiesFor,
  createSharedBlockMemory,
  READ_WORDS,
  type SharedBlockMemory,
  TxState,
  VALUE_BYTES,
} from "./sharedLayout.js";
import { encodeTxResult } from "./txResultCodec.js";

let cursor = 0;

/** Publishes a result record [length, incarnation, job id, bytes] for `result` as a worker does (`local`: an empty record, kept by its thread). */
function publish(memory: SharedBlockMemory, result: TxResult, local = false, jobId = 0): void {
  const writer = new ByteWriter(256);
  writer.u32(0);
  writer.u32(result.incarnation);
  writer.u32(jobId); // a fresh memory runs job 0
  if (!local) encodeTxResult(writer, result);
  const record = writer.bytes();
  new DataView(record.buffer, record.byteOffset).setUint32(0, record.length - 12, true);
  memory.resultBytes.set(record, cursor);
  Atomics.store(memory.resultStart, result.tx, cursor + 1);
  cursor += record.length;
}

function status(memory: SharedBlockMemory, tx: number, incarnation: number, state: number): void {
  Atomics.store(memory.txStatus, tx, (incarnation << 2) | state);
}

const L = 5;

/** tx 1 read location L from tx 0's incarnation `readIncarnation`. */
function setup(readIncarnation = 0) {
  cursor = 0;
  const memory = createSharedBlockMemory(capacitiesFor(2));
  const mv = new MvMemory(memory);
  mv.write(L, 0, 0, new Uint8Array(VALUE_BYTES));
  const reads = new Int32Array(READ_WORDS);
  reads.set([L, 0, readIncarnation, 0, 0, 0]);
  mv.recordReadSet(1, 0, reads, READ_WORDS);
  mv.recordReadSet(0, 0, new Int32Array(0), 0);
  return { memory, mv };
}

const result = (tx: number, incarnation: number): TxResult => ({
  tx,
  incarnation,
  outcome: { status: 1, gasUsed: 21_000n, logs: [], createdAddress: undefined, output: new Uint8Array(0) },
  writes: [],
  coinbaseFee: 7n,
  logsBloom: new Uint8Array(256),
});

describe("RollingCommit", () => {
  it("releases an incarnation whose read set validates and whose status still says it executed", () => {
    const { memory } = setup();
    publish(memory, result(0, 0));
    publish(memory, result(1, 0));
    status(memory, 0, 0, TxState.Executed);
    status(memory, 1, 0, TxState.Executed);
    const rolling = new RollingCommit(memory, () => undefined);
    expect(rolling.tryFinal(0)).toMatchObject({ tx: 0, incarnation: 0, coinbaseFee: 7n });
    expect(rolling.tryFinal(1)).toMatchObject({ tx: 1, incarnation: 0 });
  });

  it("holds back a result while a newer incarnation of it may be running (executing, aborting, ready)", () => {
    const { memory } = setup();
    publish(memory, result(1, 0));
    const rolling = new RollingCommit(memory, () => undefined);
    for (const [incarnation, state] of [
      [1, TxState.Executing],
      [0, TxState.Aborting],
      [1, TxState.ReadyToExecute],
      [1, TxState.Executed],
    ]) {
      status(memory, 1, incarnation, state);
      expect(rolling.tryFinal(1)).toBeUndefined();
    }
  });

  it("holds back a result whose read set no longer validates, or belongs to another incarnation", () => {
    const { memory, mv } = setup(1);
    publish(memory, result(1, 0));
    status(memory, 1, 0, TxState.Executed);
    const rolling = new RollingCommit(memory, () => undefined);
    // It read tx 0's incarnation 1; the entry says 0.
    expect(rolling.tryFinal(1)).toBeUndefined();
    mv.write(L, 0, 1, new Uint8Array(VALUE_BYTES));
    expect(rolling.tryFinal(1)).toMatchObject({ tx: 1 });
    // A read set recorded by incarnation 1 while the published result is still incarnation 0's.
    const reads = new Int32Array(READ_WORDS);
    reads.set([L, READ_BASE, 0, 0, 0, 0]);
    mv.recordReadSet(1, 1, reads, READ_WORDS);
    expect(rolling.tryFinal(1)).toBeUndefined();
  });

  it("checks the status after the read set, so an incarnation started during the check is seen", () => {
    const { memory } = setup();
    publish(memory, result(1, 0));
    status(memory, 1, 0, TxState.Executed);
    const rolling = new RollingCommit(
      memory,
      () => undefined,
      (point, tx) => {
        if (point === PausePoint.FinalChecked && tx === 1) status(memory, 1, 1, TxState.Executing);
      },
    );
    expect(rolling.tryFinal(1)).toBeUndefined();
  });

  it("takes a result its own thread kept (an empty record) from the local results, by incarnation", () => {
    const { memory } = setup();
    publish(memory, result(0, 0), true);
    status(memory, 0, 0, TxState.Executed);
    const kept = result(0, 0);
    const rolling = new RollingCommit(memory, (tx, incarnation) =>
      tx === 0 && incarnation === 0 ? kept : undefined,
    );
    expect(rolling.tryFinal(0)).toBe(kept);
  });

  it("never folds a record an earlier block's worker wrote into the reused memory (another job id)", () => {
    const { memory } = setup();
    status(memory, 0, 0, TxState.Executed);
    publish(memory, result(0, 0), false, 6);
    const rolling = new RollingCommit(memory, () => undefined);
    expect(rolling.tryFinal(0)).toBeUndefined();
    expect(rolling.afterDone(0, 0)).toBeUndefined();
    publish(memory, result(0, 0));
    expect(rolling.tryFinal(0)).toMatchObject({ tx: 0 });
  });

  it("after the block, decodes the final incarnation's record and nothing older", () => {
    const { memory } = setup();
    publish(memory, result(1, 2));
    const rolling = new RollingCommit(memory, () => undefined);
    expect(rolling.afterDone(1, 2)).toMatchObject({ tx: 1, incarnation: 2 });
    expect(rolling.afterDone(1, 3)).toBeUndefined();
    expect(rolling.afterDone(0, 0)).toBeUndefined();
  });
});
