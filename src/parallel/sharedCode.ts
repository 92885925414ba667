import { addressKey } from "../primitives/address.js";
import { ArenaExhaustedError, BlockAbortedError } from "./parallelErrors.js";
import { CACHE_LINE_WORDS, Control, type SharedBlockMemory } from "./sharedLayout.js";

/** Bucket states (see SharedCode). */
const EMPTY = 0;
const CLAIMED = -1;
const READY = 1;
const EXHAUSTED = -2;

/**
 * Code deployed during the block, by code hash, visible to every worker. Code is immutable per hash,
 * so it needs no versions: a writer stores the code before publishing the account that points at it.
 * Bucket states: EMPTY, CLAIMED (being written), READY (entry index = bucket index), EXHAUSTED (claimed
 * when the code bytes had run out: never published, and puts that reach it stop).
 */
export class SharedCode {
  private readonly memory: SharedBlockMemory;
  private readonly mask: number;
  private readonly cache = new Map<string, Uint8Array>();

  constructor(memory: SharedBlockMemory) {
    this.memory = memory;
    this.mask = memory.codeBuckets.length - 1;
  }

  private bucketOf(hash: Uint8Array): number {
    return ((hash[0] << 24) | (hash[1] << 16) | (hash[2] << 8) | hash[3]) & this.mask;
  }

  private sameHash(bucket: number, hash: Uint8Array): boolean {
    const stored = this.memory.codeHashes;
    for (let i = 0; i < 32; i++) if (stored[bucket * 32 + i] !== hash[i]) return false;
    return true;
  }

  /**
   * Stores `code` under `hash` unless it is there already. Throws ArenaExhaustedError when the code bytes
   * or the buckets run out, and BlockAbortedError when the block stops while it waits on a claimed bucket.
   */
  put(hash: Uint8Array, code: Uint8Array): void {
    const m = this.memory;
    let bucket = this.bucketOf(hash);
    for (let probes = 0; probes <= this.mask; probes++) {
      let state = Atomics.load(m.codeBuckets, bucket);
      if (state === EMPTY && Atomics.compareExchange(m.codeBuckets, bucket, EMPTY, CLAIMED) === EMPTY) {
        const offset = Atomics.add(m.control, Control.NextCodeByte * CACHE_LINE_WORDS, code.length);
        if (offset + code.length > m.codeBytes.length) {
          // Left CLAIMED, the bucket would hold every later put of this code (or past it) forever.
          Atomics.store(m.codeBuckets, bucket, EXHAUSTED);
          throw new ArenaExhaustedError("code");
        }
        m.codeBytes.set(code, offset);
        m.codeHashes.set(hash, bucket * 32);
        m.codeEntries[bucket * 2] = offset;
        m.codeEntries[bucket * 2 + 1] = code.length;
        Atomics.store(m.codeBuckets, bucket, READY);
        return;
      }
      state = Atomics.load(m.codeBuckets, bucket);
      // The claimer publishes within a few instructions; only a thread that died there would not, and
      // then the block has been stopped (by the watchdog at the latest).
      while (state === CLAIMED) {
        if (Atomics.load(m.control, Control.Abort * CACHE_LINE_WORDS) !== 0) throw new BlockAbortedError();
        state = Atomics.load(m.codeBuckets, bucket);
      }
      if (state === EXHAUSTED) throw new ArenaExhaustedError("code");
      if (this.sameHash(bucket, hash)) return;
      bucket = (bucket + 1) & this.mask;
    }
    throw new ArenaExhaustedError("code table");
  }

  get(hash: Uint8Array): Uint8Array | undefined {
    const key = addressKey(hash);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const m = this.memory;
    let bucket = this.bucketOf(hash);
    for (let probes = 0; probes <= this.mask; probes++) {
      // A put waits on claimed buckets and stops at exhausted ones, so every bucket before a stored code
      // is READY: any other state ends the search.
      if (Atomics.load(m.codeBuckets, bucket) !== READY) return undefined;
      if (this.sameHash(bucket, hash)) {
        const offset = m.codeEntries[bucket * 2];
        const code = m.codeBytes.slice(offset, offset + m.codeEntries[bucket * 2 + 1]);
        this.cache.set(key, code);
        return code;
      }
      bucket = (bucket + 1) & this.mask;
    }
    return undefined;
  }
}
