import { writeBigUint } from "../../primitives/bigintBytes.js";
import { byteKey } from "../../primitives/byteKey.js";
import { equalBytes } from "../../primitives/hex.js";
import { KECCAK256_EMPTY } from "../../primitives/keccak.js";
import type { AccountInfo, StateReader } from "../stateReader.js";
import { DataDirError } from "./dataDirError.js";
import { STORAGE_KEY_BYTES } from "./lmdbLayout.js";
import { decodeAccount, decodeSlotValue, numberKey, storageKey } from "./lmdbRecords.js";
import type { LmdbReadOptions } from "./loadLmdb.js";
import { readValue } from "./loadLmdb.js";
import type { LmdbTables } from "./openLmdbTables.js";

const ZERO_HASH = new Uint8Array(32);
/** Contracts whose code a reader keeps at most. */
const CODE_CACHE_ENTRIES = 4096;

/**
 * The StateReader of a data dir: one LMDB lookup per read, in the thread's current read snapshot or in a
 * pinned one (`options`). Also answers the raw-key storage read and the optional-code read Block-STM
 * workers use, and trie nodes by hash.
 */
export class LmdbReads implements StateReader {
  protected readonly db: LmdbTables;
  private readonly options: LmdbReadOptions | undefined;
  private readonly key = new Uint8Array(STORAGE_KEY_BYTES);
  private readonly slotKey = new Uint8Array(32);
  private readonly scratch = new Uint8Array(32);
  /** Code never changes under its hash: kept to spare a copy per call, up to CODE_CACHE_ENTRIES. */
  private readonly codeCache = new Map<string, Uint8Array>();

  constructor(db: LmdbTables, options?: LmdbReadOptions) {
    this.db = db;
    this.options = options;
  }

  private corrupt(what: string, length: number): DataDirError {
    return new DataDirError("DATADIR_CORRUPT", this.db.path, `${what} is ${length} bytes long`);
  }

  account(address: Uint8Array): AccountInfo | undefined {
    const value = readValue(this.db.tables.accounts, address, this.options);
    if (value === undefined) return undefined;
    const info = decodeAccount(value);
    if (info === undefined) throw this.corrupt("an account record", value.length);
    return info;
  }

  code(codeHash: Uint8Array): Uint8Array {
    return this.knownCode(codeHash) ?? new Uint8Array(0);
  }

  /** Code by hash, or undefined when the data dir has none under it. */
  knownCode(codeHash: Uint8Array): Uint8Array | undefined {
    if (equalBytes(codeHash, KECCAK256_EMPTY)) return new Uint8Array(0);
    const cacheKey = byteKey(codeHash);
    const cached = this.codeCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const value = readValue(this.db.tables.code, codeHash, this.options);
    if (value === undefined) return undefined;
    const code = value.slice();
    // A long-lived reader (an LmdbState importing a chain) would otherwise keep every contract it ran.
    if (this.codeCache.size >= CODE_CACHE_ENTRIES) this.codeCache.clear();
    this.codeCache.set(cacheKey, code);
    return code;
  }

  storage(address: Uint8Array, slot: bigint): bigint {
    writeBigUint(this.slotKey, 0, 32, slot);
    return this.storageAt(address, this.slotKey);
  }

  /** The slot whose 32-byte big-endian key is `slotKey` (callers that already hold the key bytes). */
  storageAt(address: Uint8Array, slotKey: Uint8Array): bigint {
    const value = readValue(this.db.tables.storage, storageKey(this.key, address, slotKey), this.options);
    if (value === undefined) return 0n;
    if (value.length === 0 || value.length > 32) throw this.corrupt("a storage value", value.length);
    return decodeSlotValue(value, this.scratch);
  }

  blockHash(number: bigint): Uint8Array {
    const value = readValue(this.db.tables.blockHashes, numberKey(number), this.options);
    if (value === undefined) return ZERO_HASH;
    if (value.length !== 32) throw this.corrupt("a block hash", value.length);
    return value.slice();
  }

  /** A trie node's RLP by its hash, or undefined. */
  trieNode(hash: Uint8Array): Uint8Array | undefined {
    return readValue(this.db.tables.trieNodes, hash, this.options)?.slice();
  }
}
