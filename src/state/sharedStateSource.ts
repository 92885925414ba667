import type { StateReader } from "./stateReader.js";

/**
 * A committed state another thread can open and read in place, described by plain data (it crosses to
 * Block-STM workers in a postMessage). `generation` names the commit: a reader pinned to any other one
 * is refused, so a worker can never read a block's pre-state from a later (or earlier) commit.
 */
export interface SharedStateDescriptor {
  kind: "lmdb";
  /** Absolute path of the data dir. */
  path: string;
  /** Commits so far when the descriptor was taken. */
  generation: bigint;
}

/**
 * A state backend whose committed state workers read in place, with no per-block copy: the contract a
 * backend implements to run Block-STM. The owner must not commit while a block runs on the descriptor it
 * handed out (executeBlock is synchronous, so committing after it returns is enough).
 */
export interface SharedStateSource extends StateReader {
  sharedState(): SharedStateDescriptor;
}

/**
 * A reader of a shared state pinned to the descriptor's commit until `release`: a read snapshot that later
 * commits do not change. Also the raw-key storage read and optional-code read Block-STM workers use.
 */
export interface PinnedStateReader extends StateReader {
  /** The slot whose 32-byte big-endian key is `slotKey`. */
  storageAt(address: Uint8Array, slotKey: Uint8Array): bigint;
  /** Code by hash, undefined when the state has none under it. */
  knownCode(codeHash: Uint8Array): Uint8Array | undefined;
  /** Ends the pin (LMDB: frees the read transaction, so the pages it kept can be reused). */
  release(): void;
}

/** True when `state` implements SharedStateSource. */
export function isSharedStateSource(state: StateReader): state is SharedStateSource {
  return typeof (state as Partial<SharedStateSource>).sharedState === "function";
}
