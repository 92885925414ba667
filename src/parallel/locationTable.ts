import { ArenaExhaustedError, BlockAbortedError } from "./parallelErrors.js";
import { CACHE_LINE_WORDS, Control, KEY_BYTES, type SharedBlockMemory } from "./sharedLayout.js";

/** Bucket states besides id + 1 (a published location). */
const EMPTY = 0;
/** Claimed by a thread that is writing the key; it publishes id + 1 or EXHAUSTED next. */
const CLAIMED = -1;
/** Claimed when the ids had run out: never published, lookups that reach it stop. */
const EXHAUSTED = -2;

/**
 * Interns locations (account, storage slot, per-tx coinbase fee) into dense ids shared by all threads.
 * Lookup hashes the full key into an open-addressing table and compares the full key bytes, so two
 * locations can never share an id even when their hashes collide.
 */
export class LocationTable {
  private readonly memory: SharedBlockMemory;
  private readonly mask: number;
  /** Scratch key of the lookup in progress. */
  readonly key = new Uint8Array(KEY_BYTES);
  /** Bytes of the scratch key that can be non-zero: kind + address (21), + slot (53). */
  private keyLength = KEY_BYTES;

  constructor(memory: SharedBlockMemory) {
    this.memory = memory;
    this.mask = memory.locationBuckets.length - 1;
  }

  /** Sets the scratch key to (kind, address, slot). `slot` may be undefined for account-level locations. */
  setKey(kind: number, address: Uint8Array, slot: Uint8Array | undefined): void {
    const key = this.key;
    key.fill(0);
    key[0] = kind;
    key.set(address, 1);
    if (slot !== undefined) key.set(slot, 21);
    this.keyLength = slot === undefined ? 21 : 53;
  }

  /**
   * Id of the scratch key, interning it on first sight. Throws ArenaExhaustedError when the id space or
   * the buckets run out, and BlockAbortedError when the block stops while it waits on a claimed bucket.
   */
  intern(): number {
    const key = this.key;
    const { locationBuckets: buckets, locationKeys: keys, control } = this.memory;
    const length = this.keyLength;
    let bucket = locationHash(key, length) & this.mask;
    for (let probes = 0; probes <= this.mask; probes++) {
      let entry = Atomics.load(buckets, bucket);
      if (entry === EMPTY) {
        if (Atomics.compareExchange(buckets, bucket, EMPTY, CLAIMED) === EMPTY) {
          const id = Atomics.add(control, Control.NextLocationId * CACHE_LINE_WORDS, 1);
          if (id >= this.memory.capacities.locations) {
            // Left CLAIMED, the bucket would hold every later lookup that reaches it forever.
            Atomics.store(buckets, bucket, EXHAUSTED);
            throw new ArenaExhaustedError("location");
          }
          keys.set(key, id * KEY_BYTES);
          Atomics.store(buckets, bucket, id + 1);
          return id;
        }
        entry = Atomics.load(buckets, bucket);
      }
      // The claimer publishes within a few instructions; only a thread that died there would not, and
      // then the block has been stopped (by the watchdog at the latest).
      while (entry === CLAIMED) {
        if (Atomics.load(control, Control.Abort * CACHE_LINE_WORDS) !== 0) throw new BlockAbortedError();
        entry = Atomics.load(buckets, bucket);
      }
      if (entry === EXHAUSTED) throw new ArenaExhaustedError("location");
      const id = entry - 1;
      if (sameKey(keys, id * KEY_BYTES, key, length)) return id;
      bucket = (bucket + 1) & this.mask;
    }
    throw new ArenaExhaustedError("location table");
  }
}

/** FNV-1a over the first `length` bytes of `key` (every byte that can differ: generated addresses and slots share long prefixes). */
export function locationHash(key: Uint8Array, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ key[i], 0x01000193);
  return hash;
}

/** The first `length` bytes decide: the kind (byte 0) fixes which bytes a key may use, the rest are zero. */
function sameKey(keys: Uint8Array, offset: number, key: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (keys[offset + i] !== key[i]) return false;
  return true;
}
