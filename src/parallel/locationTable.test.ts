import { describe, expect, it } from "vitest";
import { LocationTable, locationHash } from "./locationTable.js";
import { ArenaExhaustedError, BlockAbortedError } from "./parallelErrors.js";
import {
  AbortReason,
  Control,
  capacitiesFor,
  controlStore,
  createSharedBlockMemory,
  LocationKind,
  type SharedBlockMemory,
} from "./sharedLayout.js";

const TXS = 4;

/** A block's memory with room for `locations` ids, the first TXS of them reserved (fee locations). */
function blockMemory(locations: number): SharedBlockMemory {
  const memory = createSharedBlockMemory({ ...capacitiesFor(TXS), txs: TXS, locations });
  controlStore(memory, Control.NextLocationId, TXS);
  return memory;
}

function address(last: number): Uint8Array {
  const out = new Uint8Array(20).fill(0xaa);
  out[19] = last;
  return out;
}

function slot(last: number): Uint8Array {
  const out = new Uint8Array(32);
  out[31] = last;
  return out;
}

function internAccount(table: LocationTable, who: Uint8Array): number {
  table.setKey(LocationKind.Account, who, undefined);
  return table.intern();
}

function internSlot(table: LocationTable, who: Uint8Array, at: Uint8Array): number {
  table.setKey(LocationKind.Storage, who, at);
  return table.intern();
}

/** The bucket a key's probe starts at, in `memory`'s table. */
function homeBucket(memory: SharedBlockMemory, kind: number, who: Uint8Array, at?: Uint8Array): number {
  const table = new LocationTable(memory);
  table.setKey(kind, who, at);
  return locationHash(table.key, at === undefined ? 21 : 53) & (memory.locationBuckets.length - 1);
}

describe("LocationTable", () => {
  it("gives each location one dense id after the reserved ones, the same on every lookup and thread", () => {
    const memory = blockMemory(64);
    const table = new LocationTable(memory);
    const ids = [
      internAccount(table, address(1)),
      internSlot(table, address(1), slot(0)),
      internSlot(table, address(1), slot(1)),
      internAccount(table, address(2)),
      // Slot 0 of an account is not the account: the kind byte differs.
      internSlot(table, address(2), slot(0)),
    ];
    expect(ids).toEqual([TXS, TXS + 1, TXS + 2, TXS + 3, TXS + 4]);
    // Another thread's table over the same memory.
    const other = new LocationTable(memory);
    expect(internSlot(other, address(1), slot(1))).toBe(TXS + 2);
    expect(internAccount(other, address(2))).toBe(TXS + 3);
    expect(internAccount(table, address(1))).toBe(TXS);
  });

  it("resolves keys whose hashes collide by comparing the full key", () => {
    const memory = blockMemory(64);
    const first = address(0);
    const home = homeBucket(memory, LocationKind.Account, first);
    let last = 1;
    while (homeBucket(memory, LocationKind.Account, address(last)) !== home) last++;
    const second = address(last);
    const table = new LocationTable(memory);
    const firstId = internAccount(table, first);
    const secondId = internAccount(table, second);
    expect(secondId).not.toBe(firstId);
    // The second key went on probing past its home bucket.
    expect(memory.locationBuckets[home]).toBe(firstId + 1);
    expect(memory.locationBuckets[(home + 1) & (memory.locationBuckets.length - 1)]).toBe(secondId + 1);
    expect(internAccount(table, second)).toBe(secondId);
    expect(internAccount(table, first)).toBe(firstId);
  });

  it("throws ArenaExhaustedError when the ids run out, leaving no claimed bucket for another lookup to wait on", () => {
    const memory = blockMemory(TXS + 2);
    const table = new LocationTable(memory);
    const kept = [internAccount(table, address(1)), internAccount(table, address(2))];
    expect(() => internAccount(table, address(3))).toThrow(ArenaExhaustedError);
    expect(() => internAccount(table, address(3))).toThrow(/location arena exhausted/);
    expect(memory.locationBuckets.includes(-1)).toBe(false);
    // Another thread looking the same key up stops too (before: it waited forever for the claim).
    expect(() => internAccount(new LocationTable(memory), address(3))).toThrow(ArenaExhaustedError);
    // Locations interned before the arena filled still resolve.
    expect([internAccount(table, address(1)), internAccount(table, address(2))]).toEqual(kept);
  });

  it("stops waiting on a bucket whose claimer never publishes once the block is stopped", () => {
    const memory = blockMemory(64);
    memory.locationBuckets[homeBucket(memory, LocationKind.Account, address(9))] = -1;
    controlStore(memory, Control.Abort, AbortReason.WorkerError);
    expect(() => internAccount(new LocationTable(memory), address(9))).toThrow(BlockAbortedError);
  });
});
