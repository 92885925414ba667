import { attachDataDir, type LmdbTables } from "./openLmdbTables.js";

/*
 * The data dirs open on this thread. LMDB allows one environment per file per process (lmdb-js shares
 * it between threads), and each thread needs its own handles to it: the owner's (LmdbState, which
 * writes) and, on threads that only read, handles attached for pins.
 */
const owned = new Map<string, LmdbTables>();
/** Attached by a pin on a thread that does not own the data dir (a Block-STM worker): the last one only. */
let attached: LmdbTables | undefined;

/** Records `db` as opened for writing on this thread (one LmdbState per data dir and thread). */
export function registerOwnedDataDir(db: LmdbTables): void {
  owned.set(db.path, db);
}

/** Forgets an owned data dir (its LmdbState closed). */
export function unregisterOwnedDataDir(path: string): void {
  owned.delete(path);
}

/** True when an LmdbState of this thread has `path` open. */
export function isDataDirOwnedHere(path: string): boolean {
  return owned.has(path);
}

/**
 * This thread's handles to the data dir at `path`: the owner's when it is open here, else handles
 * attached for reading and kept for the next blocks (a worker attaches once, not per block). Attaching
 * another data dir closes the previous one's handles; LMDB keeps the environment while others use it.
 */
export function dataDirOnThisThread(path: string): LmdbTables {
  const own = owned.get(path);
  if (own !== undefined) return own;
  if (attached?.path !== path) {
    void attached?.root.close();
    attached = undefined;
    attached = attachDataDir(path);
  }
  return attached;
}
