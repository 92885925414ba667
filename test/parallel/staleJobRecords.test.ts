import { describe, expect, it } from "vitest";
import type { TxResult } from "../../src/parallel/blockJob.js";
import { MvMemory } from "../../src/parallel/mvMemory.js";
import { RollingCommit } from "../../src/parallel/rollingCommit.js";
import {
  Control,
  capacitiesFor,
  controlAdd,
  controlStore,
  createSharedBlockMemory,
  type SharedBlockMemory,
} from "../../src/parallel/sharedLayout.js";
import { encodeTxResult } from "../../src/parallel/txResultCodec.js";
import { ByteWriter } from "../../src/primitives/byteCodec.js";

const CURRENT_JOB = 7;
const EARLIER_JOB = 6;

function blockMemory(): SharedBlockMemory {
  const memory = createSharedBlockMemory(capacitiesFor(2));
  controlStore(memory, Control.JobId, CURRENT_JOB);
  return memory;
}

/** An invalid-transaction result: the shortest record txResultCodec writes. */
function result(tx: number): TxResult {
  return { tx, incarnation: 0, invalid: { reason: "NONCE_TOO_LOW", message: `tx ${tx}` } };
}

/** What a pool worker of job `jobId` publishes for incarnation 0 of `tx` (see BlockExecutor.publishResult). */
function publishResult(memory: SharedBlockMemory, tx: number, jobId: number): void {
  const writer = new ByteWriter(256);
  writer.u32(0);
  writer.u32(0);
  writer.u32(jobId);
  encodeTxResult(writer, result(tx));
  const record = writer.bytes().slice();
  new DataView(record.buffer).setUint32(0, record.length - 12, true);
  const start = controlAdd(memory, Control.NextResultByte, record.length);
  memory.resultBytes.set(record, start);
  Atomics.store(memory.resultStart, tx, start + 1);
}

describe("records an earlier block's worker writes into a reused block memory", () => {
  it("a read set of another job is no read set of this block's", () => {
    const memory = blockMemory();
    new MvMemory(memory, EARLIER_JOB).recordReadSet(0, 0, new Int32Array(0), 0);
    const reader = new MvMemory(memory);
    expect(reader.readSetRecord(0)).toBe(0);
    expect(reader.validateReadSet(0)).toBe(false);
    new MvMemory(memory, CURRENT_JOB).recordReadSet(0, 0, new Int32Array(0), 0);
    expect(reader.readSetRecord(0)).not.toBe(0);
    expect(reader.validateReadSet(0)).toBe(true);
  });

  it("a result of another job is never folded, by the rolling commit or after the block", () => {
    const memory = blockMemory();
    const worker = new MvMemory(memory, CURRENT_JOB);
    worker.recordReadSet(0, 0, new Int32Array(0), 0);
    publishResult(memory, 0, EARLIER_JOB);
    const commit = new RollingCommit(memory, () => undefined);
    expect(commit.tryFinal(0)).toBeUndefined();
    expect(commit.afterDone(0, 0)).toBeUndefined();
    publishResult(memory, 0, CURRENT_JOB);
    expect(commit.tryFinal(0)).toEqual(result(0));
    expect(commit.afterDone(0, 0)).toEqual(result(0));
  });
});
