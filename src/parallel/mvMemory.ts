import { readBigUint } from "../primitives/bigintBytes.js";
import { ArenaExhaustedError } from "./parallelErrors.js";
import {
  CACHE_LINE_WORDS,
  Control,
  controlLoad,
  ENTRY_DELTA,
  ENTRY_ESTIMATE,
  ENTRY_WORDS,
  lock,
  READ_WORDS,
  type SharedBlockMemory,
  unlock,
  VALUE_BYTES,
} from "./sharedLayout.js";

/** `read` found no write by an earlier transaction: the value comes from the pre-block state. */
export const READ_BASE = -1;

/** Int32 words before a read set record's reads: count of read words, incarnation, job id. */
const READ_SET_HEADER = 3;

/**
 * Multi-version memory: per location, the values written by each transaction's latest incarnation,
 * in a list sorted by transaction index (descending) under a per-location spinlock.
 */
export class MvMemory {
  private readonly memory: SharedBlockMemory;
  /** The job whose read sets this thread writes and accepts (see Control.JobId). */
  private readonly jobId: number;
  /** Incarnation of the version the last successful `read` returned. */
  lastIncarnation = 0;
  /** Transaction whose ESTIMATE the last `read` hit, or -1. */
  blockingTx = -1;
  /** Sum of the lazy credits the last `read` passed on its way to the version it returned. */
  deltaSum = 0n;

  /** `jobId`: the block job this thread runs; by default the one the memory is running now. */
  constructor(memory: SharedBlockMemory, jobId = controlLoad(memory, Control.JobId)) {
    this.memory = memory;
    this.jobId = jobId;
  }

  /**
   * Latest value written to `location` by a transaction before `tx`, copied into `out`.
   * Returns the writer's index (its incarnation in `lastIncarnation`), READ_BASE when none wrote it,
   * or -2 when the latest writer's entry is an ESTIMATE (`blockingTx` names it).
   */
  read(location: number, tx: number, out: Uint8Array | undefined): number {
    const m = this.memory;
    const headers = m.entryHeaders;
    let deltaSum = 0n;
    // Most reads are of locations no transaction wrote: answer those without the lock. Missing a write
    // being inserted right now is the same as reading just before it, which validation catches.
    if (Atomics.load(m.locationHead, location) === 0) {
      this.deltaSum = 0n;
      return READ_BASE;
    }
    lock(m.locationLock, location);
    let entry = m.locationHead[location];
    while (entry !== 0) {
      const base = (entry - 1) * ENTRY_WORDS;
      const writer = headers[base];
      if (writer < tx) {
        const flags = headers[base + 2];
        if (flags & ENTRY_ESTIMATE) {
          unlock(m.locationLock, location);
          this.blockingTx = writer;
          return -2;
        }
        if (flags & ENTRY_DELTA) {
          deltaSum += readBigUint(m.entryValues, (entry - 1) * VALUE_BYTES, 32);
        } else {
          this.lastIncarnation = headers[base + 1];
          this.deltaSum = deltaSum;
          if (out !== undefined)
            out.set(m.entryValues.subarray((entry - 1) * VALUE_BYTES, entry * VALUE_BYTES));
          unlock(m.locationLock, location);
          return writer;
        }
      }
      entry = headers[base + 3];
    }
    unlock(m.locationLock, location);
    this.deltaSum = deltaSum;
    return READ_BASE;
  }

  /** Records `value` as what incarnation `incarnation` of `tx` wrote to `location`. */
  write(location: number, tx: number, incarnation: number, value: Uint8Array, flags = 0): void {
    const m = this.memory;
    const headers = m.entryHeaders;
    lock(m.locationLock, location);
    let previous = 0;
    let entry = m.locationHead[location];
    while (entry !== 0 && headers[(entry - 1) * ENTRY_WORDS] > tx) {
      previous = entry;
      entry = headers[(entry - 1) * ENTRY_WORDS + 3];
    }
    if (entry === 0 || headers[(entry - 1) * ENTRY_WORDS] !== tx) {
      const created = Atomics.add(m.control, Control.NextEntry * CACHE_LINE_WORDS, 1) + 1;
      if (created > m.capacities.entries) {
        unlock(m.locationLock, location);
        throw new ArenaExhaustedError("version entry");
      }
      headers[(created - 1) * ENTRY_WORDS] = tx;
      headers[(created - 1) * ENTRY_WORDS + 3] = entry;
      if (previous === 0) Atomics.store(m.locationHead, location, created);
      else headers[(previous - 1) * ENTRY_WORDS + 3] = created;
      entry = created;
    }
    const base = (entry - 1) * ENTRY_WORDS;
    headers[base + 1] = incarnation;
    headers[base + 2] = flags;
    m.entryValues.set(value.subarray(0, VALUE_BYTES), (entry - 1) * VALUE_BYTES);
    unlock(m.locationLock, location);
  }

  /** Drops what `tx` wrote to `location` (its new incarnation no longer writes there). */
  remove(location: number, tx: number): void {
    const m = this.memory;
    const headers = m.entryHeaders;
    lock(m.locationLock, location);
    let previous = 0;
    let entry = m.locationHead[location];
    while (entry !== 0) {
      const base = (entry - 1) * ENTRY_WORDS;
      if (headers[base] === tx) {
        if (previous === 0) Atomics.store(m.locationHead, location, headers[base + 3]);
        else headers[(previous - 1) * ENTRY_WORDS + 3] = headers[base + 3];
        break;
      }
      previous = entry;
      entry = headers[base + 3];
    }
    unlock(m.locationLock, location);
  }

  /** Marks `tx`'s value at `location` as an ESTIMATE: readers wait for its re-execution. */
  markEstimate(location: number, tx: number): void {
    const m = this.memory;
    const headers = m.entryHeaders;
    lock(m.locationLock, location);
    let entry = m.locationHead[location];
    while (entry !== 0) {
      const base = (entry - 1) * ENTRY_WORDS;
      if (headers[base] === tx) {
        headers[base + 2] |= ENTRY_ESTIMATE;
        break;
      }
      entry = headers[base + 3];
    }
    unlock(m.locationLock, location);
  }

  /**
   * Publishes an incarnation's write set: writes were already applied with `write`; this removes
   * locations the previous incarnation wrote but this one did not, stores the set, and reports
   * whether any location is new (which forces re-validation of later transactions).
   */
  recordWriteSet(tx: number, locations: Int32Array, count: number): boolean {
    const m = this.memory;
    const oldStart = m.writeSetStart[tx];
    const oldLength = m.writeSetLength[tx];
    let wroteNew = false;
    for (let i = 0; i < count; i++) {
      let found = false;
      for (let j = 0; j < oldLength; j++) {
        if (m.writeArena[oldStart + j] === locations[i]) {
          found = true;
          break;
        }
      }
      if (!found) wroteNew = true;
    }
    for (let j = 0; j < oldLength; j++) {
      const old = m.writeArena[oldStart + j];
      let kept = false;
      for (let i = 0; i < count; i++) {
        if (locations[i] === old) {
          kept = true;
          break;
        }
      }
      if (!kept) this.remove(old, tx);
    }
    const start = Atomics.add(m.control, Control.NextWriteWord * CACHE_LINE_WORDS, count);
    if (start + count > m.capacities.writeWords) throw new ArenaExhaustedError("write set");
    m.writeArena.set(locations.subarray(0, count), start);
    m.writeSetStart[tx] = start;
    m.writeSetLength[tx] = count;
    return wroteNew;
  }

  /**
   * Stores incarnation `incarnation`'s read set: a record [words, incarnation, job id, reads...] of
   * READ_WORDS per read (location, version, credit sum).
   */
  recordReadSet(tx: number, incarnation: number, reads: Int32Array, words: number): void {
    const m = this.memory;
    const start = Atomics.add(m.control, Control.NextReadWord * CACHE_LINE_WORDS, words + READ_SET_HEADER);
    if (start + words + READ_SET_HEADER > m.capacities.readWords) throw new ArenaExhaustedError("read set");
    m.readArena[start] = words;
    m.readArena[start + 1] = incarnation;
    m.readArena[start + 2] = this.jobId;
    m.readArena.set(reads.subarray(0, words), start + READ_SET_HEADER);
    Atomics.store(m.readSetStart, tx, start + 1);
  }

  /**
   * Where `tx`'s latest read set record is (0 = none, or only one written by another block's job);
   * pass it to the two methods below.
   */
  readSetRecord(tx: number): number {
    const at = Atomics.load(this.memory.readSetStart, tx);
    return at !== 0 && this.memory.readArena[at + 1] !== this.jobId ? 0 : at;
  }

  /** The incarnation a read set record belongs to. */
  readSetIncarnation(record: number): number {
    return this.memory.readArena[record];
  }

  /**
   * Block-STM validation: every location in `tx`'s read set record (by default its latest) must still
   * resolve to the version that was read.
   */
  validateReadSet(tx: number, record = this.readSetRecord(tx)): boolean {
    const m = this.memory;
    const at = record;
    if (at === 0) return false;
    const start = at - 1 + READ_SET_HEADER;
    const end = start + m.readArena[at - 1];
    for (let p = start; p < end; p += READ_WORDS) {
      const writer = this.read(m.readArena[p], tx, undefined);
      if (writer === -2) return false;
      if (writer !== m.readArena[p + 1]) return false;
      if (writer !== READ_BASE && this.lastIncarnation !== m.readArena[p + 2]) return false;
      const sum = this.deltaSum;
      if (sum === 0n) {
        if (m.readArena[p + 3] !== 0 || m.readArena[p + 4] !== 0 || m.readArena[p + 5] !== 0) return false;
      } else if (
        Number(sum & 0xffffffffn) !== m.readArena[p + 3] >>> 0 ||
        Number((sum >> 32n) & 0xffffffffn) !== m.readArena[p + 4] >>> 0 ||
        Number(sum >> 64n) !== m.readArena[p + 5] >>> 0
      ) {
        return false;
      }
    }
    return true;
  }

  /** After an aborted validation, turns the transaction's writes into ESTIMATE markers. */
  convertWritesToEstimates(tx: number): void {
    const m = this.memory;
    const start = m.writeSetStart[tx];
    for (let i = 0; i < m.writeSetLength[tx]; i++) this.markEstimate(m.writeArena[start + i], tx);
  }
}
