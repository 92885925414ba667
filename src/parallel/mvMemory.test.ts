import { describe, expect, it } from "vitest";
import { MvMemory, READ_BASE } from "./mvMemory.js";
import { ArenaExhaustedError } from "./parallelErrors.js";
import {
  capacitiesFor,
  createSharedBlockMemory,
  ENTRY_DELTA,
  READ_WORDS,
  VALUE_BYTES,
} from "./sharedLayout.js";

function setup(capacities = capacitiesFor(8)) {
  const memory = createSharedBlockMemory(capacities);
  return { memory, mv: new MvMemory(memory) };
}

function value(n: number): Uint8Array {
  const out = new Uint8Array(VALUE_BYTES);
  out[31] = n;
  return out;
}

/** A lazy credit of `n` wei (the entry value is the amount, big-endian in 32 bytes). */
function credit(n: number): Uint8Array {
  return value(n);
}

/** One read-set record entry: location, version (tx, incarnation), credit sum (low word only here). */
function readRecord(...reads: [number, number, number, number][]): Int32Array {
  const words = new Int32Array(reads.length * READ_WORDS);
  reads.forEach(([location, tx, incarnation, sum], i) => {
    words.set([location, tx, incarnation, sum, 0, 0], i * READ_WORDS);
  });
  return words;
}

const L = 7;
const M = 8;

describe("MvMemory", () => {
  it("reads the latest write of an earlier transaction, or the pre-block state", () => {
    const { mv } = setup();
    const out = new Uint8Array(VALUE_BYTES);
    expect(mv.read(L, 5, out)).toBe(READ_BASE);
    mv.write(L, 1, 0, value(11));
    mv.write(L, 3, 2, value(33));
    mv.write(L, 6, 0, value(66));
    expect(mv.read(L, 5, out)).toBe(3);
    expect(mv.lastIncarnation).toBe(2);
    expect(out[31]).toBe(33);
    expect(mv.read(L, 3, out)).toBe(1);
    expect(out[31]).toBe(11);
    expect(mv.read(L, 1, out)).toBe(READ_BASE);
    // A rewrite by the same transaction replaces its entry in place.
    mv.write(L, 3, 3, value(34));
    expect(mv.read(L, 5, out)).toBe(3);
    expect(mv.lastIncarnation).toBe(3);
    expect(out[31]).toBe(34);
  });

  it("stops at an ESTIMATE and names the transaction to wait for", () => {
    const { mv } = setup();
    mv.write(L, 2, 0, value(1));
    mv.markEstimate(L, 2);
    expect(mv.read(L, 4, undefined)).toBe(-2);
    expect(mv.blockingTx).toBe(2);
    expect(mv.read(L, 2, undefined)).toBe(READ_BASE);
  });

  it("sums lazy credits above the version it returns", () => {
    const { mv } = setup();
    mv.write(L, 1, 0, value(100));
    mv.write(L, 2, 0, credit(5), ENTRY_DELTA);
    mv.write(L, 4, 0, credit(7), ENTRY_DELTA);
    expect(mv.read(L, 5, undefined)).toBe(1);
    expect(mv.deltaSum).toBe(12n);
    expect(mv.read(L, 3, undefined)).toBe(1);
    expect(mv.deltaSum).toBe(5n);
    mv.remove(L, 1);
    expect(mv.read(L, 5, undefined)).toBe(READ_BASE);
    expect(mv.deltaSum).toBe(12n);
  });

  it("records write sets: reports new locations and drops what the new incarnation no longer writes", () => {
    const { mv } = setup();
    mv.write(L, 2, 0, value(1));
    mv.write(M, 2, 0, value(2));
    expect(mv.recordWriteSet(2, Int32Array.of(L, M), 2)).toBe(true);
    mv.write(L, 2, 1, value(3));
    expect(mv.recordWriteSet(2, Int32Array.of(L), 1)).toBe(false);
    expect(mv.read(M, 3, undefined)).toBe(READ_BASE);
    expect(mv.read(L, 3, undefined)).toBe(2);
    mv.convertWritesToEstimates(2);
    expect(mv.read(L, 3, undefined)).toBe(-2);
  });

  it("validates a read set only while every location resolves to the version and credit sum read", () => {
    const { mv } = setup();
    mv.write(L, 1, 0, value(1));
    mv.write(M, 1, 0, credit(9), ENTRY_DELTA);
    const reads = readRecord([L, 1, 0, 0], [M, READ_BASE, 0, 9]);
    mv.recordReadSet(3, 0, reads, reads.length);
    expect(mv.readSetIncarnation(mv.readSetRecord(3))).toBe(0);
    expect(mv.validateReadSet(3)).toBe(true);
    // A newer incarnation of the writer: same transaction, different version.
    mv.write(L, 1, 1, value(1));
    expect(mv.validateReadSet(3)).toBe(false);
    mv.write(L, 1, 0, value(1));
    expect(mv.validateReadSet(3)).toBe(true);
    // Another credit below the reader changes the sum.
    mv.write(M, 2, 0, credit(1), ENTRY_DELTA);
    expect(mv.validateReadSet(3)).toBe(false);
    mv.remove(M, 2);
    // A write between the version read and the reader.
    mv.write(L, 2, 0, value(5));
    expect(mv.validateReadSet(3)).toBe(false);
  });

  it("keeps an older read set record readable after a newer incarnation records its own", () => {
    const { mv } = setup();
    const first = readRecord([L, READ_BASE, 0, 0]);
    mv.recordReadSet(2, 0, first, first.length);
    const older = mv.readSetRecord(2);
    const second = readRecord([L, 1, 0, 0]);
    mv.recordReadSet(2, 1, second, second.length);
    expect(mv.readSetIncarnation(older)).toBe(0);
    expect(mv.readSetIncarnation(mv.readSetRecord(2))).toBe(1);
    expect(mv.validateReadSet(2, older)).toBe(true);
    expect(mv.validateReadSet(2)).toBe(false);
  });

  it("ignores a read set an earlier block's worker wrote into the reused memory (another job id)", () => {
    const { mv, memory } = setup();
    new MvMemory(memory, 6).recordReadSet(0, 0, new Int32Array(0), 0);
    expect(mv.readSetRecord(0)).toBe(0);
    expect(mv.validateReadSet(0)).toBe(false);
    mv.recordReadSet(0, 0, new Int32Array(0), 0);
    expect(mv.readSetRecord(0)).not.toBe(0);
    expect(mv.validateReadSet(0)).toBe(true);
  });

  it("throws ArenaExhaustedError when version entries, write or read sets run out, and stays usable", () => {
    const { memory, mv } = setup({ ...capacitiesFor(8), entries: 1, writeWords: 1, readWords: 4 });
    mv.write(L, 1, 0, value(1));
    expect(() => mv.write(M, 1, 0, value(1))).toThrow(ArenaExhaustedError);
    expect(memory.locationLock[M]).toBe(0);
    expect(() => mv.recordWriteSet(1, Int32Array.of(L, M), 2)).toThrow(ArenaExhaustedError);
    const reads = readRecord([L, READ_BASE, 0, 0]);
    expect(() => mv.recordReadSet(1, 0, reads, reads.length)).toThrow(ArenaExhaustedError);
    expect(mv.read(L, 2, undefined)).toBe(1);
  });
});
