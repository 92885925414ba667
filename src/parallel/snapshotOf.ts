import { MemoryState } from "../state/memoryState.js";
import type { StateReader } from "../state/stateReader.js";
import { buildStateSnapshot } from "./stateSnapshot.js";

/** A serialized pre-block state and the id workers cache it under. */
export interface StateSnapshot {
  id: number;
  buffer: SharedArrayBuffer;
}

const snapshots = new WeakMap<object, StateSnapshot>();
let nextId = 1;

/**
 * The shared snapshot of `state`, built once per state object (a state handed to the parallel executor
 * must not be mutated afterwards; the block executors never mutate their base). Undefined for backends
 * that cannot be enumerated.
 */
export function snapshotOf(state: StateReader): StateSnapshot | undefined {
  const cached = snapshots.get(state);
  if (cached !== undefined) return cached;
  if (!(state instanceof MemoryState)) return undefined;
  const accounts = [];
  for (const [address, account] of state.entries()) accounts.push({ address, ...account });
  const snapshot = { id: nextId++, buffer: buildStateSnapshot(accounts) };
  snapshots.set(state, snapshot);
  return snapshot;
}
