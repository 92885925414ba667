import { ArenaExhaustedError } from "./scheduler.js";
import { CACHE_LINE_WORDS, Control, KEY_BYTES, type SharedBlockMemory } from "./sharedLayout.js";

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

  /** Id of the scratch key, interning it on first sight. */
  intern(): number {
    const key = this.key;
    const { locationBuckets: buckets, locationKeys: keys } = this.memory;
    // FNV-1a over every byte that can differ: addresses and slots from generators share long prefixes.
    const length = this.keyLength;
    let hash = 0x811c9dc5;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ key[i], 0x01000193);
    let bucket = hash & this.mask;
    for (let probes = 0; probes <= this.mask; probes++) {
      let entry = Atomics.load(buckets, bucket);
      if (entry === 0) {
        if (Atomics.compareExchange(buckets, bucket, 0, -1) === 0) {
          const id = Atomics.add(this.memory.control, Control.NextLocationId * CACHE_LINE_WORDS, 1);
          if (id >= this.memory.capacities.locations) throw new ArenaExhaustedError("location");
          keys.set(key, id * KEY_BYTES);
          Atomics.store(buckets, bucket, id + 1);
          return id;
        }
        entry = Atomics.load(buckets, bucket);
      }
      while (entry === -1) entry = Atomics.load(buckets, bucket);
      const id = entry - 1;
      if (sameKey(keys, id * KEY_BYTES, key, length)) return id;
      bucket = (bucket + 1) & this.mask;
    }
    throw new ArenaExhaustedError("location table");
  }
}

/** The first `length` bytes decide: the kind (byte 0) fixes which bytes a key may use, the rest are zero. */
function sameKey(keys: Uint8Array, offset: number, key: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (keys[offset + i] !== key[i]) return false;
  return true;
}
