import { byteKey } from "./byteKey.js";
import { PevmError } from "./errors.js";
import { bytesToHex } from "./hex.js";

/**
 * Where a trie loads nodes it only knows by hash: the RLP of the node whose keccak256 is `hash`, or
 * undefined when the store does not have it. Synchronous, like StateReader: a trie update runs inside
 * block execution. Nodes shorter than 32 bytes are embedded in their parent and never stored on their
 * own, except a root (a root is always referred to by its hash).
 */
export interface TrieNodeStore {
  node(hash: Uint8Array): Uint8Array | undefined;
}

/**
 * Receives every node an update creates (the root included) as (keccak256 of the node, its RLP): what
 * a persistent store writes to hold the new trie version. The bytes may be a view into a shared buffer;
 * they are never modified.
 */
export type TrieNodeSink = (hash: Uint8Array, node: Uint8Array) => void;

/** A trie node the store does not have: the store is missing data or the root is not of this store. */
export class MissingTrieNodeError extends PevmError {
  override name = "MissingTrieNodeError";
  constructor(hash: Uint8Array) {
    super("MISSING_TRIE_NODE", `Trie node ${bytesToHex(hash)} is not in the node store`);
  }
}

/** Nodes by hash in a Map: tests, and the reference for what a persistent store must do. */
export class MemoryTrieNodeStore implements TrieNodeStore {
  private readonly nodes = new Map<string, Uint8Array>();

  node(hash: Uint8Array): Uint8Array | undefined {
    return this.nodes.get(byteKey(hash));
  }

  /** Stores one node; pass `(hash, node) => store.put(hash, node)` as an update's sink. */
  put(hash: Uint8Array, node: Uint8Array): void {
    this.nodes.set(byteKey(hash), node);
  }

  get size(): number {
    return this.nodes.size;
  }
}
