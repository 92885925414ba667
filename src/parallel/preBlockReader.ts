import type { StateReader } from "../state/stateReader.js";

/**
 * The committed pre-block state as a Block-STM thread reads it (a shared-memory snapshot or a pinned
 * persistent state): the StateReader plus two reads that spare VersionedState work on its hot path.
 */
export interface PreBlockReader extends StateReader {
  /** The slot whose 32-byte big-endian key is `slotKey` (the caller already built the key bytes). */
  storageAt(address: Uint8Array, slotKey: Uint8Array): bigint;
  /** Code by hash, undefined when the state has none under it (then code deployed in the block is asked). */
  knownCode(codeHash: Uint8Array): Uint8Array | undefined;
}
