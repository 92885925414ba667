import type { TrieNodeSink } from "../primitives/trieNodeStore.js";
import type { StateReader } from "./stateReader.js";
import type { WorldStateTrie } from "./worldStateTrie.js";

/**
 * A capability a state backend may have beside StateReader: it holds the whole world state, so it can
 * give the state's tries, and `executeBlock` then returns the post-block state root. A backend holding
 * only part of the state (a mainnet block fixture's pre-state: only what the block touches) must not
 * give one, since a root over part of the accounts is not the state root.
 */
export interface StateRootProvider {
  /**
   * The world-state trie of the state as it is now (built on first use, then kept), or undefined when
   * the backend does not hold the full state.
   */
  worldStateTrie(): WorldStateTrie | undefined;
  /**
   * True for backends that persist trie nodes (LMDB): executeBlock then hands the nodes the block's root
   * created back with the result (`trieNodesOf`), for the caller to commit with the block.
   */
  readonly storesTrieNodes?: boolean;
}

/** A batch of trie nodes by hash, each a private copy. */
export type TrieNodeList = Array<[hash: Uint8Array, node: Uint8Array]>;

/**
 * A trie sink that keeps copies of what it receives in `nodes`: sinks are handed views the trie may
 * reuse (nodes are hashed in place), and a persistent backend commits the batch later.
 */
export function collectTrieNodes(): { nodes: TrieNodeList; sink: TrieNodeSink } {
  const nodes: TrieNodeList = [];
  return { nodes, sink: (hash, node) => void nodes.push([hash.slice(), node.slice()]) };
}

/** Whether `state`'s backend wants the trie nodes a block creates (see StateRootProvider.storesTrieNodes). */
export function storesTrieNodes(state: StateReader): boolean {
  return (state as Partial<StateRootProvider>).storesTrieNodes === true;
}

/** The world-state trie of `state` when its backend provides one (see StateRootProvider). */
export function worldStateTrieOf(state: StateReader): WorldStateTrie | undefined {
  const provider = state as Partial<StateRootProvider>;
  return typeof provider.worldStateTrie === "function" ? provider.worldStateTrie() : undefined;
}
