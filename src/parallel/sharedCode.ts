import { addressKey } from "../primitives/address.js";
import { ArenaExhaustedError } from "./scheduler.js";
import { CACHE_LINE_WORDS, Control, type SharedBlockMemory } from "./sharedLayout.js";

/**
 * Code deployed during the block, by code hash, visible to every worker. Code is immutable per hash,
 * so it needs no versions: a writer stores the code before publishing the account that points at it.
 * Bucket states: 0 empty, -1 being written, 1 ready (entry index = bucket index).
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

  put(hash: Uint8Array, code: Uint8Array): void {
    const m = this.memory;
    let bucket = this.bucketOf(hash);
    for (let probes = 0; probes <= this.mask; probes++) {
      let state = Atomics.load(m.codeBuckets, bucket);
      if (state === 0 && Atomics.compareExchange(m.codeBuckets, bucket, 0, -1) === 0) {
        const offset = Atomics.add(m.control, Control.NextCodeByte * CACHE_LINE_WORDS, code.length);
        if (offset + code.length > m.codeBytes.length) throw new ArenaExhaustedError("code");
        m.codeBytes.set(code, offset);
        m.codeHashes.set(hash, bucket * 32);
        m.codeEntries[bucket * 2] = offset;
        m.codeEntries[bucket * 2 + 1] = code.length;
        Atomics.store(m.codeBuckets, bucket, 1);
        return;
      }
      state = Atomics.load(m.codeBuckets, bucket);
      while (state === -1) state = Atomics.load(m.codeBuckets, bucket);
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
      const state = Atomics.load(m.codeBuckets, bucket);
      if (state !== 1) return undefined;
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
