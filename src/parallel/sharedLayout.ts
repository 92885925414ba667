/**
 * The one description of every SharedArrayBuffer the Block-STM threads share. Each block gets a
 * `SharedBlockMemory` sized for it; workers receive it once per block (a postMessage of SAB handles)
 * and from then on coordinate only through Atomics on these arrays.
 *
 * Memory ordering: every Atomics operation is sequentially consistent. Plain (non-atomic) typed-array
 * writes to an entry's payload are published by a later Atomics.store/compareExchange on the word that
 * makes the entry reachable (bucket, list head, status), and read after the Atomics.load that found it.
 */

/** Int32 words between hot counters: one 64-byte cache line each, so workers do not false-share. */
export const CACHE_LINE_WORDS = 16;

/** Slots of the control array (each its own cache line). */
export const Control = {
  /** Next transaction index to hand out for execution (Block-STM `execution_idx`). */
  ExecutionIndex: 0,
  /** Next transaction index to hand out for validation (`validation_idx`). */
  ValidationIndex: 1,
  /** Bumped whenever either index is lowered, so `check_done` can detect a race (`decrease_cnt`). */
  DecreaseCount: 2,
  /** Tasks handed out and not yet finished (`num_active_tasks`). */
  ActiveTasks: 3,
  /** 1 when every transaction is executed and validated; the main thread waits on this word. */
  Done: 4,
  /** Non-zero when a worker hit a hazard or error: everyone stops and the block runs sequentially. */
  Abort: 5,
  /** Workers that finished the block and posted their results. */
  WorkersFinished: 6,
  /** Allocation cursors of the shared arenas below. */
  NextLocationId: 7,
  NextEntry: 8,
  NextReadWord: 9,
  NextWriteWord: 10,
  NextDependency: 11,
  NextCodeByte: 12,
  /** Metrics: executions started, validation aborts, suspensions on ESTIMATE. */
  Executions: 13,
  ValidationAborts: 14,
  Suspensions: 15,
  /** Allocation cursor of the result arena. */
  NextResultByte: 16,
  /** Metrics: time the workers spent in execution and in validation tasks, summed, in µs. */
  ExecuteMicros: 17,
  ValidateMicros: 18,
  /** Suspensions on the same sender's previous transaction, taken before executing (no work lost). */
  SenderWaits: 19,
  /**
   * The running block's job id (BlockJob.jobId). Result and read-set records carry the job id of their
   * writer, and readers skip records of another job: a worker still inside an earlier block must never
   * have its results taken for this one's.
   */
  JobId: 20,
} as const;
export const CONTROL_SLOTS = 21;

/** Why a block left the parallel path (value of Control.Abort). */
export const AbortReason = {
  None: 0,
  ArenaExhausted: 2,
  WorkerError: 3,
  /** The main thread met a result it must not fold (see executeTransactionsParallel) and resumes sequentially. */
  CommitStopped: 4,
} as const;

/** Transaction status (low 2 bits of the status word; the incarnation is the rest). */
export const TxState = { ReadyToExecute: 0, Executing: 1, Executed: 2, Aborting: 3 } as const;

/**
 * Kinds of interned location a transaction can read or write. Location ids 0..txs-1 are reserved, not
 * interned: id k is transaction k's deferred coinbase fee (NextLocationId starts at the block's txs).
 */
export const LocationKind = { Account: 1, Storage: 2 } as const;

/** Bytes of an interned location key: kind (1) + address (20) + slot (32), padded. */
export const KEY_BYTES = 56;
/** Int32 words per MV entry header: txIndex, incarnation, flags, next entry (+1, 0 = none). */
export const ENTRY_WORDS = 4;
/** Bytes of an entry's value: account = flags (1) + nonce (8) + balance (32) + codeHash (32); slot = 32. */
export const VALUE_BYTES = 80;
export const ENTRY_ESTIMATE = 1;
/** The entry is a lazy credit (value = amount added to the balance below it), not an absolute value. */
export const ENTRY_DELTA = 2;
/**
 * Int32 words per read-set record: location id, version tx (-1 = pre-block state), version incarnation,
 * and the sum of lazy credits above that version in three 32-bit words (low first).
 */
export const READ_WORDS = 6;

/** Capacities of one block's shared memory. */
export interface Capacities {
  txs: number;
  locations: number;
  entries: number;
  readWords: number;
  writeWords: number;
  dependencies: number;
  codeBytes: number;
  resultBytes: number;
}

/** The shared arrays of one block. Created on the main thread, rebuilt in each worker from `buffers`. */
export interface SharedBlockMemory {
  capacities: Capacities;
  control: Int32Array;
  /** Per tx: status word = incarnation << 2 | TxState. */
  txStatus: Int32Array;
  /** Per tx: spinlock guarding its status transitions and its dependents list. */
  txLock: Int32Array;
  /** Per tx: head of the list of transactions suspended on it (+1, 0 = none). */
  txDependents: Int32Array;
  /** Dependency list nodes: [dependent tx, next (+1)]. */
  dependencies: Int32Array;
  /**
   * Per tx: where its latest read set lives in `readArena` (start + 1; 0 = none). A read set record is
   * [words, incarnation, job id, ...reads] and is never rewritten, so one atomic load of this word names a
   * consistent record even while a newer incarnation runs.
   */
  readSetStart: Int32Array;
  /** Per tx: where its last write set lives in `writeArena`. */
  writeSetStart: Int32Array;
  writeSetLength: Int32Array;
  readArena: Int32Array;
  writeArena: Int32Array;
  /** Location interning: open-addressing buckets holding id + 1 (0 empty, -1 being written, -2 ids ran out). */
  locationBuckets: Int32Array;
  locationKeys: Uint8Array;
  /** Per location: spinlock and head of its version list (entry + 1), sorted by tx index descending. */
  locationLock: Int32Array;
  locationHead: Int32Array;
  entryHeaders: Int32Array;
  entryValues: Uint8Array;
  /** Code deployed during the block: bucket states by code hash (see SharedCode); entries [offset, length] + hash. */
  codeBuckets: Int32Array;
  codeEntries: Int32Array;
  codeHashes: Uint8Array;
  codeBytes: Uint8Array;
  /**
   * Per tx: where its latest incarnation's result record lies in `resultBytes` (start + 1; 0 = none).
   * A record is [length u32, incarnation u32, job id u32, txResultCodec bytes], written once and never
   * changed: the main thread reads records while workers run (rolling commit).
   */
  resultStart: Int32Array;
  resultBytes: Uint8Array;
  buffers: SharedArrayBuffer[];
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Sizes generous enough for `txs` transactions (re-executions included); exhaustion aborts to sequential. */
export function capacitiesFor(txs: number): Capacities {
  const n = Math.max(txs, 1);
  return {
    txs: n,
    locations: nextPowerOfTwo(Math.max(4096, n * 24)),
    entries: Math.max(8192, n * 48),
    readWords: Math.max(65536, n * READ_WORDS * 96),
    writeWords: Math.max(16384, n * 64),
    dependencies: Math.max(4096, n * 8),
    codeBytes: Math.max(1 << 20, n * 512),
    // Results of every incarnation (re-executions append); an erc20 transfer's is ~450 bytes.
    resultBytes: Math.max(4 << 20, n * 4096),
  };
}

const CODE_BUCKETS = 1 << 12;

/** Open-addressing buckets for `locations` ids: a power of two (probing masks) at most half full. */
function locationBucketCount(locations: number): number {
  return nextPowerOfTwo(locations * 2);
}

/** Allocates a block's shared memory (zeroed, ready). */
export function createSharedBlockMemory(capacities: Capacities): SharedBlockMemory {
  const c = capacities;
  const int32 = (length: number) => new SharedArrayBuffer(length * 4);
  const buffers = [
    int32(CONTROL_SLOTS * CACHE_LINE_WORDS),
    int32(c.txs),
    int32(c.txs),
    int32(c.txs),
    int32(c.dependencies * 2),
    int32(c.txs),
    int32(c.txs),
    int32(c.txs),
    int32(c.readWords),
    int32(c.writeWords),
    int32(locationBucketCount(c.locations)),
    new SharedArrayBuffer(c.locations * KEY_BYTES),
    int32(c.locations),
    int32(c.locations),
    int32(c.entries * ENTRY_WORDS),
    new SharedArrayBuffer(c.entries * VALUE_BYTES),
    int32(CODE_BUCKETS),
    int32(CODE_BUCKETS * 2),
    new SharedArrayBuffer(CODE_BUCKETS * 32),
    new SharedArrayBuffer(c.codeBytes),
    int32(c.txs),
    new SharedArrayBuffer(c.resultBytes),
  ];
  return attachSharedBlockMemory(capacities, buffers);
}

/** Rebuilds the typed-array views over buffers received from another thread. */
export function attachSharedBlockMemory(
  capacities: Capacities,
  buffers: SharedArrayBuffer[],
): SharedBlockMemory {
  const [
    control,
    txStatus,
    txLock,
    txDependents,
    dependencies,
    readSetStart,
    writeSetStart,
    writeSetLength,
    readArena,
    writeArena,
    locationBuckets,
    locationKeys,
    locationLock,
    locationHead,
    entryHeaders,
    entryValues,
    codeBuckets,
    codeEntries,
    codeHashes,
    codeBytes,
    resultStart,
    resultBytes,
  ] = buffers;
  return {
    capacities,
    control: new Int32Array(control),
    txStatus: new Int32Array(txStatus),
    txLock: new Int32Array(txLock),
    txDependents: new Int32Array(txDependents),
    dependencies: new Int32Array(dependencies),
    readSetStart: new Int32Array(readSetStart),
    writeSetStart: new Int32Array(writeSetStart),
    writeSetLength: new Int32Array(writeSetLength),
    readArena: new Int32Array(readArena),
    writeArena: new Int32Array(writeArena),
    locationBuckets: new Int32Array(locationBuckets),
    locationKeys: new Uint8Array(locationKeys),
    locationLock: new Int32Array(locationLock),
    locationHead: new Int32Array(locationHead),
    entryHeaders: new Int32Array(entryHeaders),
    entryValues: new Uint8Array(entryValues),
    codeBuckets: new Int32Array(codeBuckets),
    codeEntries: new Int32Array(codeEntries),
    codeHashes: new Uint8Array(codeHashes),
    codeBytes: new Uint8Array(codeBytes),
    resultStart: new Int32Array(resultStart),
    resultBytes: new Uint8Array(resultBytes),
    buffers,
  };
}

/** Reads a control counter (its own cache line). */
export function controlLoad(memory: SharedBlockMemory, slot: number): number {
  return Atomics.load(memory.control, slot * CACHE_LINE_WORDS);
}

export function controlAdd(memory: SharedBlockMemory, slot: number, delta: number): number {
  return Atomics.add(memory.control, slot * CACHE_LINE_WORDS, delta);
}

export function controlStore(memory: SharedBlockMemory, slot: number, value: number): void {
  Atomics.store(memory.control, slot * CACHE_LINE_WORDS, value);
}

/** Lowers a control index to `target` if it is higher (atomic min). */
export function controlMin(memory: SharedBlockMemory, slot: number, target: number): void {
  const index = slot * CACHE_LINE_WORDS;
  for (;;) {
    const current = Atomics.load(memory.control, index);
    if (current <= target) return;
    if (Atomics.compareExchange(memory.control, index, current, target) === current) return;
  }
}

/**
 * Spinlock on one Int32 word (critical sections here are a few dozen instructions). After a short spin
 * it sleeps in 20 µs slices: when threads outnumber cores the holder may be descheduled, and spinning
 * for its whole time slice would waste it. No critical section can throw (an exhausted arena releases
 * the lock before it throws), so a holder always releases it.
 */
export function lock(words: Int32Array, index: number): void {
  let spins = 0;
  while (Atomics.compareExchange(words, index, 0, 1) !== 0) {
    if (++spins > 2048) Atomics.wait(words, index, 1, 0.02);
  }
}

export function unlock(words: Int32Array, index: number): void {
  Atomics.store(words, index, 0);
}
