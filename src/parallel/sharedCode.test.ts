import { describe, expect, it } from "vitest";
import { ArenaExhaustedError, BlockAbortedError } from "./parallelErrors.js";
import { SharedCode } from "./sharedCode.js";
import {
  AbortReason,
  Control,
  capacitiesFor,
  controlLoad,
  controlStore,
  createSharedBlockMemory,
  type SharedBlockMemory,
} from "./sharedLayout.js";

function blockMemory(codeBytes: number): SharedBlockMemory {
  return createSharedBlockMemory({ ...capacitiesFor(4), codeBytes });
}

/** A code hash whose first four bytes (the bucket) are `bucket`. The table trusts the hash it is given. */
function hash(bucket: number, tag: number): Uint8Array {
  const out = new Uint8Array(32);
  out[3] = bucket;
  out[31] = tag;
  return out;
}

describe("SharedCode", () => {
  it("returns code put by any thread, stores each hash once, and knows nothing else", () => {
    const memory = blockMemory(1024);
    const writer = new SharedCode(memory);
    writer.put(hash(5, 1), Uint8Array.of(1, 2, 3));
    writer.put(hash(5, 1), Uint8Array.of(1, 2, 3));
    // Same bucket, another hash: probes on.
    writer.put(hash(5, 2), Uint8Array.of(4));
    expect(controlLoad(memory, Control.NextCodeByte)).toBe(4);
    const reader = new SharedCode(memory);
    expect(reader.get(hash(5, 1))).toEqual(Uint8Array.of(1, 2, 3));
    expect(reader.get(hash(5, 2))).toEqual(Uint8Array.of(4));
    expect(reader.get(hash(5, 3))).toBeUndefined();
    expect(reader.get(hash(6, 1))).toBeUndefined();
  });

  it("throws ArenaExhaustedError when the code bytes run out, leaving no claimed bucket for another put to wait on", () => {
    const memory = blockMemory(4);
    const code = new SharedCode(memory);
    code.put(hash(7, 1), Uint8Array.of(1, 2, 3));
    expect(() => code.put(hash(7, 2), Uint8Array.of(4, 5))).toThrow(ArenaExhaustedError);
    expect(memory.codeBuckets.includes(-1)).toBe(false);
    // Another thread deploying the same code, or code whose probe passes there, stops too (before: it
    // waited forever for the claim).
    expect(() => new SharedCode(memory).put(hash(7, 2), Uint8Array.of(4, 5))).toThrow(/code arena exhausted/);
    expect(() => new SharedCode(memory).put(hash(7, 3), Uint8Array.of(6))).toThrow(ArenaExhaustedError);
    expect(new SharedCode(memory).get(hash(7, 2))).toBeUndefined();
    expect(new SharedCode(memory).get(hash(7, 1))).toEqual(Uint8Array.of(1, 2, 3));
  });

  it("stops waiting on a bucket whose claimer never publishes once the block is stopped", () => {
    const memory = blockMemory(1024);
    memory.codeBuckets[9] = -1;
    controlStore(memory, Control.Abort, AbortReason.WorkerError);
    expect(() => new SharedCode(memory).put(hash(9, 1), Uint8Array.of(1))).toThrow(BlockAbortedError);
  });
});
