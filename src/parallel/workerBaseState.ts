import { pinSharedState } from "../state/pinSharedState.js";
import { isSharedStateSource, type SharedStateDescriptor } from "../state/sharedStateSource.js";
import type { StateReader } from "../state/stateReader.js";
import type { PreBlockReader } from "./preBlockReader.js";
import { snapshotOf } from "./snapshotOf.js";
import { SnapshotReader } from "./stateSnapshot.js";

/**
 * How Block-STM threads reach a block's pre-state: a MemoryState serialized once into shared memory
 * (`snapshot`), or a persistent backend they open and read in place (a SharedStateDescriptor).
 */
export type WorkerBaseState =
  | { kind: "snapshot"; id: number; buffer: SharedArrayBuffer }
  | SharedStateDescriptor;

/** What workers are given for `state`; undefined for a backend they cannot read (the block runs sequentially). */
export function workerBaseOf(state: StateReader): WorkerBaseState | undefined {
  if (isSharedStateSource(state)) return state.sharedState();
  const snapshot = snapshotOf(state);
  return snapshot === undefined ? undefined : { kind: "snapshot", id: snapshot.id, buffer: snapshot.buffer };
}

/** A thread's pre-block reader for one block, and how to let go of it when the block ends. */
export interface OpenedBase {
  reader: PreBlockReader;
  release(): void;
}

let cachedSnapshotId = -1;
let cachedSnapshot: SnapshotReader | undefined;

/**
 * This thread's reader of `base` for one block. A snapshot reader is kept across blocks over the same
 * snapshot (decoding nothing twice); a shared state is pinned to its commit for this block only and must
 * be released when the block ends, so the next block reads the next commit.
 */
export function openWorkerBase(base: WorkerBaseState, blockHashes: [bigint, Uint8Array][]): OpenedBase {
  if (base.kind === "snapshot") {
    if (base.id !== cachedSnapshotId || cachedSnapshot === undefined) {
      cachedSnapshot = new SnapshotReader(base.buffer, new Map(blockHashes));
      cachedSnapshotId = base.id;
    }
    return { reader: cachedSnapshot, release: () => {} };
  }
  const pinned = pinSharedState(base);
  return { reader: pinned, release: () => pinned.release() };
}
