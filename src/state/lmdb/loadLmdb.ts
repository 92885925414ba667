import { createRequire } from "node:module";

/** An LMDB read transaction pinned with `useReadTransaction` until `done`. */
export interface LmdbReadTransaction {
  done(): void;
}

/** Read options naming the transaction to read in (the thread's current one when absent). */
export interface LmdbReadOptions {
  transaction: LmdbReadTransaction;
}

/** The part of an lmdb-js database (one named table) pevm uses: binary keys and values. */
export interface LmdbTable {
  /** The value in LMDB's reusable buffer (valid until the next read on this thread), or undefined. */
  getBinaryFast(key: Uint8Array, options?: LmdbReadOptions): Buffer | undefined;
  getKeys(options: {
    start?: Uint8Array;
    end?: Uint8Array;
    limit?: number;
    transaction?: LmdbReadTransaction;
  }): Iterable<Buffer>;
  getRange(options: { start?: Uint8Array; end?: Uint8Array; transaction?: LmdbReadTransaction }): Iterable<{
    key: Buffer;
    value: Buffer;
  }>;
  /** Inside `transactionSync`: writes into that transaction. */
  putSync(key: Uint8Array, value: Uint8Array): boolean;
  removeSync(key: Uint8Array): boolean;
}

/** The environment's root database: opens tables, runs write transactions, pins read snapshots. */
export interface LmdbRoot {
  openDB(options: { name: string; keyEncoding: "binary"; encoding: "binary"; create?: boolean }): LmdbTable;
  getKeys(options?: { limit?: number }): Iterable<Buffer>;
  /** Runs `action` in one write transaction and commits it (or aborts it if `action` throws). */
  transactionSync<T>(action: () => T): T;
  /** Drops this thread's current read snapshot, so the next read (or pin) sees the latest commit. */
  resetReadTxn(): void;
  useReadTransaction(): LmdbReadTransaction;
  close(): Promise<void>;
}

interface LmdbModule {
  open(options: {
    path: string;
    noSubdir?: boolean;
    maxDbs: number;
    mapSize: number;
    keyEncoding: "binary";
    encoding: "binary";
  }): LmdbRoot;
}

let lmdb: LmdbModule | undefined;

/**
 * lmdb-js, loaded on first use: importing it costs ~70-110 ms (native addon, msgpackr), which every CLI
 * command and every Block-STM worker would otherwise pay whether or not it touches a data dir.
 */
export function loadLmdb(): LmdbModule {
  lmdb ??= createRequire(import.meta.url)("lmdb") as LmdbModule;
  return lmdb;
}

/**
 * `table`'s value at `key` as a plain Uint8Array view of LMDB's reusable buffer (valid until the next read
 * on this thread), or undefined. A view, not the Buffer: Buffer#slice would not copy, Uint8Array#slice does.
 */
export function readValue(
  table: LmdbTable,
  key: Uint8Array,
  options?: LmdbReadOptions,
): Uint8Array | undefined {
  const buffer = table.getBinaryFast(key, options);
  // `length` is the value's, `byteLength` the whole reusable buffer's.
  return buffer === undefined ? undefined : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}
