import { addressKey } from "../primitives/address.js";
import { readBigUint, writeBigUint } from "../primitives/bigintBytes.js";
import { equalBytes } from "../primitives/hex.js";
import { KECCAK256_EMPTY } from "../primitives/keccak.js";
import type { AccountInfo, StateReader } from "../state/stateReader.js";

/** One account as the snapshot stores it. */
export interface SnapshotAccount {
  address: Uint8Array;
  nonce: bigint;
  balance: bigint;
  codeHash: Uint8Array;
  code: Uint8Array;
  storage: Map<bigint, bigint>;
}

const RECORD_BYTES = 128;
const SLOT_BYTES = 64;
// Record field offsets.
const NONCE = 20;
const BALANCE = 28;
const CODE_HASH = 60;
const CODE_OFFSET = 92;
const CODE_LENGTH = 96;
const STORAGE_BUCKETS = 100;
const STORAGE_CAPACITY = 104;
const STORAGE_ENTRIES = 108;
const STORAGE_COUNT = 112;

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function hashBytes(bytes: Uint8Array, offset: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ bytes[offset + i], 0x01000193);
  return hash >>> 0;
}

/**
 * The pre-block state serialized once into one SharedArrayBuffer that every worker reads in place:
 * an open-addressing table of fixed-size account records, each with its own slot table, plus code bytes.
 * Workers share it read-only, so no thread holds a copy of the state.
 */
export function buildStateSnapshot(accounts: Iterable<SnapshotAccount>): SharedArrayBuffer {
  const list = [...accounts];
  const accountCapacity = nextPowerOfTwo(Math.max(16, list.length * 2));
  let storageWords = 0;
  let slotCount = 0;
  let codeBytes = 0;
  for (const account of list) {
    storageWords += account.storage.size === 0 ? 0 : nextPowerOfTwo(account.storage.size * 2);
    slotCount += account.storage.size;
    codeBytes += account.code.length;
  }
  const headerBytes = 16;
  const bucketsOffset = headerBytes;
  // Code-hash index: bucket → record index (+1) of an account holding that code.
  const codeCapacity = nextPowerOfTwo(Math.max(16, list.length * 2));
  const codeIndexOffset = bucketsOffset + accountCapacity * 4;
  const recordsOffset = codeIndexOffset + codeCapacity * 4;
  const storageBucketsOffset = recordsOffset + list.length * RECORD_BYTES;
  const slotsOffset = storageBucketsOffset + storageWords * 4;
  const codeOffset = slotsOffset + slotCount * SLOT_BYTES;
  const buffer = new SharedArrayBuffer(codeOffset + codeBytes);
  const bytes = new Uint8Array(buffer);
  const words = new Int32Array(buffer, 0, codeOffset >> 2);
  words[0] = accountCapacity;
  words[1] = list.length;
  words[2] = codeIndexOffset;
  words[3] = codeCapacity;

  let nextStorageWord = storageBucketsOffset >> 2;
  let nextSlot = 0;
  let nextCode = codeOffset;
  const slotKey = new Uint8Array(32);
  list.forEach((account, index) => {
    const record = recordsOffset + index * RECORD_BYTES;
    bytes.set(account.address, record);
    writeBigUint(bytes, record + NONCE, 8, account.nonce);
    writeBigUint(bytes, record + BALANCE, 32, account.balance);
    bytes.set(account.codeHash, record + CODE_HASH);
    const meta = new Int32Array(buffer, record + CODE_OFFSET, 6);
    meta[0] = nextCode;
    meta[1] = account.code.length;
    bytes.set(account.code, nextCode);
    nextCode += account.code.length;
    const capacity = account.storage.size === 0 ? 0 : nextPowerOfTwo(account.storage.size * 2);
    meta[2] = nextStorageWord;
    meta[3] = capacity;
    meta[4] = slotsOffset + nextSlot * SLOT_BYTES;
    meta[5] = account.storage.size;
    let local = 0;
    for (const [slot, value] of account.storage) {
      const entry = slotsOffset + (nextSlot + local) * SLOT_BYTES;
      writeBigUint(slotKey, 0, 32, slot);
      bytes.set(slotKey, entry);
      writeBigUint(bytes, entry + 32, 32, value);
      let bucket = hashBytes(slotKey, 0, 32) & (capacity - 1);
      while (words[nextStorageWord + bucket] !== 0) bucket = (bucket + 1) & (capacity - 1);
      words[nextStorageWord + bucket] = local + 1;
      local++;
    }
    nextSlot += account.storage.size;
    nextStorageWord += capacity;
    if (account.code.length > 0) {
      let codeBucket = hashBytes(account.codeHash, 0, 4) & (codeCapacity - 1);
      for (;;) {
        const other = words[(codeIndexOffset >> 2) + codeBucket];
        if (other === 0) {
          words[(codeIndexOffset >> 2) + codeBucket] = index + 1;
          break;
        }
        const otherRecord = recordsOffset + (other - 1) * RECORD_BYTES;
        if (
          equalBytes(bytes.subarray(otherRecord + CODE_HASH, otherRecord + CODE_HASH + 32), account.codeHash)
        )
          break;
        codeBucket = (codeBucket + 1) & (codeCapacity - 1);
      }
    }
    let bucket = hashBytes(account.address, 0, 20) & (accountCapacity - 1);
    while (words[(bucketsOffset >> 2) + bucket] !== 0) bucket = (bucket + 1) & (accountCapacity - 1);
    words[(bucketsOffset >> 2) + bucket] = index + 1;
  });
  return buffer;
}

/**
 * The 32-byte code hash at `offset`: the shared KECCAK256_EMPTY for code-less accounts (most of them),
 * else a copy, so reading an account out of shared memory allocates no hash for an EOA.
 */
export function codeHashAt(bytes: Uint8Array, offset: number): Uint8Array {
  for (let i = 0; i < 32; i++) {
    if (bytes[offset + i] !== KECCAK256_EMPTY[i]) return bytes.slice(offset, offset + 32);
  }
  return KECCAK256_EMPTY;
}

/** Read-only StateReader over a snapshot buffer (any thread). Block hashes are supplied separately. */
export class SnapshotReader implements StateReader {
  private readonly bytes: Uint8Array;
  private readonly words: Int32Array;
  private readonly capacity: number;
  private readonly recordsOffset: number;
  private readonly blockHashes: Map<bigint, Uint8Array>;
  private readonly slotScratch = new Uint8Array(32);
  private readonly codeCache = new Map<string, Uint8Array>();

  constructor(buffer: SharedArrayBuffer, blockHashes: Map<bigint, Uint8Array>) {
    this.bytes = new Uint8Array(buffer);
    this.words = new Int32Array(buffer, 0, Math.floor(buffer.byteLength / 4));
    this.capacity = this.words[0];
    this.recordsOffset = this.words[2] + this.words[3] * 4;
    this.blockHashes = blockHashes;
  }

  /** Byte offset of the account's record, or -1. */
  private find(address: Uint8Array): number {
    const mask = this.capacity - 1;
    let bucket = hashBytes(address, 0, 20) & mask;
    for (;;) {
      const index = this.words[4 + bucket];
      if (index === 0) return -1;
      const record = this.recordsOffset + (index - 1) * RECORD_BYTES;
      let same = true;
      for (let i = 0; i < 20; i++) {
        if (this.bytes[record + i] !== address[i]) {
          same = false;
          break;
        }
      }
      if (same) return record;
      bucket = (bucket + 1) & mask;
    }
  }

  account(address: Uint8Array): AccountInfo | undefined {
    const record = this.find(address);
    if (record < 0) return undefined;
    return {
      nonce: readBigUint(this.bytes, record + NONCE, 8),
      balance: readBigUint(this.bytes, record + BALANCE, 32),
      codeHash: codeHashAt(this.bytes, record + CODE_HASH),
      hasStorage: this.words[(record + STORAGE_COUNT) >> 2] > 0,
    };
  }

  /** Code by hash (empty when no snapshot account holds it). */
  code(codeHash: Uint8Array): Uint8Array {
    return this.knownCode(codeHash) ?? new Uint8Array(0);
  }

  /** Code by hash when some snapshot account holds it, else undefined. */
  knownCode(codeHash: Uint8Array): Uint8Array | undefined {
    if (equalBytes(codeHash, KECCAK256_EMPTY)) return new Uint8Array(0);
    const key = addressKey(codeHash);
    const cached = this.codeCache.get(key);
    if (cached !== undefined) return cached;
    const indexWords = this.words[2] >> 2;
    const mask = this.words[3] - 1;
    let bucket = hashBytes(codeHash, 0, 4) & mask;
    for (;;) {
      const index = this.words[indexWords + bucket];
      if (index === 0) return undefined;
      const record = this.recordsOffset + (index - 1) * RECORD_BYTES;
      if (equalBytes(this.bytes.subarray(record + CODE_HASH, record + CODE_HASH + 32), codeHash)) {
        const offset = this.words[(record + CODE_OFFSET) >> 2];
        const code = this.bytes.subarray(offset, offset + this.words[(record + CODE_LENGTH) >> 2]);
        this.codeCache.set(key, code);
        return code;
      }
      bucket = (bucket + 1) & mask;
    }
  }

  storage(address: Uint8Array, slot: bigint): bigint {
    writeBigUint(this.slotScratch, 0, 32, slot);
    return this.storageAt(address, this.slotScratch);
  }

  /** The slot whose 32-byte big-endian key is `key` (callers that already hold the key bytes). */
  storageAt(address: Uint8Array, key: Uint8Array): bigint {
    const record = this.find(address);
    if (record < 0) return 0n;
    const capacity = this.words[(record + STORAGE_CAPACITY) >> 2];
    if (capacity === 0) return 0n;
    const buckets = this.words[(record + STORAGE_BUCKETS) >> 2];
    const entries = this.words[(record + STORAGE_ENTRIES) >> 2];
    let bucket = hashBytes(key, 0, 32) & (capacity - 1);
    for (;;) {
      const local = this.words[buckets + bucket];
      if (local === 0) return 0n;
      const entry = entries + (local - 1) * SLOT_BYTES;
      let same = true;
      for (let i = 0; i < 32; i++) {
        if (this.bytes[entry + i] !== key[i]) {
          same = false;
          break;
        }
      }
      if (same) return readBigUint(this.bytes, entry + 32, 32);
      bucket = (bucket + 1) & (capacity - 1);
    }
  }

  blockHash(number: bigint): Uint8Array {
    return this.blockHashes.get(number) ?? new Uint8Array(32);
  }
}
