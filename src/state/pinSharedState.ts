import { pinLmdbState } from "./lmdb/pinLmdbState.js";
import type { PinnedStateReader, SharedStateDescriptor } from "./sharedStateSource.js";

/**
 * Opens the shared state `descriptor` names on this thread, pinned to its commit (see SharedStateSource):
 * how a Block-STM worker turns the descriptor it received into its pre-block reader.
 */
export function pinSharedState(descriptor: SharedStateDescriptor): PinnedStateReader {
  switch (descriptor.kind) {
    case "lmdb":
      return pinLmdbState(descriptor);
  }
}
