import { resolve } from "node:path";
import { readBigUint } from "../../primitives/bigintBytes.js";
import { PevmError } from "../../primitives/errors.js";
import type { SharedStateDescriptor, SharedStateSource } from "../sharedStateSource.js";
import type { StateDiff } from "../stateDiff.js";
import type { AccountInfo } from "../stateReader.js";
import type { StateRootProvider } from "../stateRootProvider.js";
import { WorldStateTrie } from "../worldStateTrie.js";
import { DataDirError } from "./dataDirError.js";
import { ADDRESS_BYTES, META, STORAGE_KEY_BYTES } from "./lmdbLayout.js";
import { LmdbReads } from "./lmdbReads.js";
import {
  type ChainHead,
  decodeAccount,
  decodeHead,
  decodeSlotValue,
  decodeUint64,
  encodeHead,
  encodeUint64,
  numberKey,
  storageRange,
} from "./lmdbRecords.js";
import { readValue } from "./loadLmdb.js";
import { type LmdbTables, metaKey, openDataDir } from "./openLmdbTables.js";
import { isDataDirOwnedHere, registerOwnedDataDir, unregisterOwnedDataDir } from "./threadDataDirs.js";
import { writeStateDiff } from "./writeStateDiff.js";

/** Trie nodes to store with a commit, hash → RLP; produced by the state-root computation, opaque here. */
export type TrieNodeBatch = Iterable<readonly [hash: Uint8Array, rlp: Uint8Array]>;

/** The state a data dir starts from. */
export interface GenesisCommit {
  /** The chain the blocks will run on (ChainConfig.name); later imports must name the same one. */
  chain: string;
  /** Every account of the genesis state (genesisDiff of an allocation). */
  diff: StateDiff;
  /** The genesis block, when known (blockchain tests); undefined for a bare allocation. */
  head?: ChainHead;
  /** A bare allocation's state root (with `trieNodes`): the first block's pre-state root. */
  allocationRoot?: Uint8Array;
  trieNodes?: TrieNodeBatch;
}

/** One block's changes, committed atomically. */
export interface BlockCommit {
  /** The block's net effect on state (BlockExecutionResult.stateDiff against this state). */
  diff: StateDiff;
  /** The block itself, which becomes the head: it must follow the current head, if there is one. */
  head: ChainHead;
  /** Other block hashes learned with it (the parent of the first block after a bare allocation). */
  blockHashes?: readonly (readonly [bigint, Uint8Array])[];
  trieNodes?: TrieNodeBatch;
  /**
   * Test hook, called inside the write transaction after each account is written: crash tests kill
   * the process there to show that an interrupted commit leaves the previous head.
   */
  duringCommit?: (accountsWritten: number) => void;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Persistent state in an LMDB data dir (table layout in lmdbLayout.ts): a synchronous StateReader over
 * memory-mapped reads, whose commits (genesis, then one per block) are each one LMDB write transaction,
 * so a process killed at any moment leaves either the previous head or the new one. Block-STM workers read
 * its committed state in place (SharedStateSource).
 */
export class LmdbState extends LmdbReads implements SharedStateSource, StateRootProvider {
  readonly path: string;
  /** Blocks hand their state root's new nodes back for commitBlock's `trieNodes`. */
  readonly storesTrieNodes = true;
  private trie: { generation: bigint; trie: WorldStateTrie } | undefined;
  private currentGeneration: bigint;
  private currentHead: ChainHead | undefined;
  private closed = false;

  private constructor(db: LmdbTables) {
    super(db);
    this.path = db.path;
    const meta = db.tables.meta;
    this.currentGeneration = decodeUint64(readValue(meta, metaKey(META.generation))!)!;
    const head = readValue(meta, metaKey(META.head));
    this.currentHead = head === undefined ? undefined : decodeHead(head);
    if (head !== undefined && this.currentHead === undefined) {
      throw new DataDirError("DATADIR_CORRUPT", db.path, `the head record is ${head.length} bytes long`);
    }
  }

  /**
   * Opens the data dir at `path`, creating it when missing (see openDataDir for what is refused). One
   * LmdbState per data dir and thread.
   */
  static open(path: string): LmdbState {
    if (isDataDirOwnedHere(resolve(path))) {
      throw new PevmError("DATADIR_IN_USE", `${resolve(path)} is already open on this thread`);
    }
    const db = openDataDir(path);
    try {
      const state = new LmdbState(db);
      registerOwnedDataDir(db);
      return state;
    } catch (error) {
      void db.root.close();
      throw error;
    }
  }

  /** Commits so far: 0 for a new data dir, 1 after the genesis, one more per block. */
  get generation(): bigint {
    return this.currentGeneration;
  }

  /** The last committed block; undefined before the first (a new data dir, or a bare allocation loaded). */
  head(): ChainHead | undefined {
    return this.currentHead;
  }

  /** The chain name recorded with the genesis; undefined for a new data dir. */
  chain(): string | undefined {
    const value = readValue(this.db.tables.meta, metaKey(META.chain));
    return value === undefined ? undefined : decoder.decode(value);
  }

  /**
   * The head's world-state trie over the stored trie nodes (loaded lazily by hash, so a block costs the
   * paths it touches); undefined when no state root is recorded (a data dir written without roots).
   */
  worldStateTrie(): WorldStateTrie | undefined {
    const root =
      this.currentHead === undefined
        ? readValue(this.db.tables.meta, metaKey(META.allocationRoot))?.slice()
        : this.currentHead.stateRoot;
    if (root === undefined) return undefined;
    if (this.trie?.generation !== this.currentGeneration) {
      const trie = WorldStateTrie.fromRootHash(root, { node: (hash) => this.trieNode(hash) });
      this.trie = { generation: this.currentGeneration, trie };
    }
    return this.trie.trie;
  }

  sharedState(): SharedStateDescriptor {
    return { kind: "lmdb", path: this.path, generation: this.currentGeneration };
  }

  /** Loads the genesis state: the first commit, into a new data dir only. */
  commitGenesis(genesis: GenesisCommit): void {
    if (this.currentGeneration !== 0n) {
      throw new PevmError(
        "STATE_NOT_EMPTY",
        `${this.path} already holds a state; a genesis goes into a new data dir`,
      );
    }
    const { tables } = this.db;
    this.commit(() => {
      writeStateDiff(this.db, genesis.diff);
      tables.meta.putSync(metaKey(META.chain), encoder.encode(genesis.chain));
      if (genesis.head !== undefined) this.writeHead(genesis.head);
      if (genesis.allocationRoot !== undefined)
        tables.meta.putSync(metaKey(META.allocationRoot), genesis.allocationRoot);
      this.writeTrieNodes(genesis.trieNodes);
    }, genesis.head);
  }

  /**
   * Applies a block in one write transaction: its state diff, its hash (and `blockHashes`), its trie
   * nodes, the new head and generation. Nothing of it is visible, on disk or to readers, unless all of it is.
   */
  commitBlock(commit: BlockCommit): void {
    if (this.currentGeneration === 0n) {
      throw new PevmError(
        "STATE_NO_GENESIS",
        `${this.path} has no genesis state to apply block ${commit.head.number} to`,
      );
    }
    const head = this.currentHead;
    if (head !== undefined && commit.head.number !== head.number + 1n) {
      throw new PevmError(
        "STATE_NOT_CONSECUTIVE",
        `${this.path}: block ${commit.head.number} does not follow the head, block ${head.number}`,
      );
    }
    const { blockHashes } = this.db.tables;
    this.commit(() => {
      writeStateDiff(this.db, commit.diff, commit.duringCommit);
      for (const [number, hash] of commit.blockHashes ?? []) blockHashes.putSync(numberKey(number), hash);
      this.writeHead(commit.head);
      this.writeTrieNodes(commit.trieNodes);
    }, commit.head);
  }

  private commit(write: () => void, head: ChainHead | undefined): void {
    if (this.closed) throw new PevmError("STATE_CLOSED", `${this.path} is closed`);
    const generation = this.currentGeneration + 1n;
    this.db.root.transactionSync(() => {
      write();
      this.db.tables.meta.putSync(metaKey(META.generation), encodeUint64(generation));
    });
    this.currentGeneration = generation;
    if (head !== undefined) this.currentHead = head;
  }

  private writeHead(head: ChainHead): void {
    this.db.tables.blockHashes.putSync(numberKey(head.number), head.hash);
    this.db.tables.meta.putSync(metaKey(META.head), encodeHead(head));
  }

  private writeTrieNodes(nodes: TrieNodeBatch | undefined): void {
    for (const [hash, rlp] of nodes ?? []) this.db.tables.trieNodes.putSync(hash, rlp);
  }

  /** Every account, ascending by address (a consistent snapshot for the iteration). */
  *accounts(): IterableIterator<[Uint8Array, AccountInfo]> {
    for (const { key, value } of this.db.tables.accounts.getRange({})) {
      const info = decodeAccount(new Uint8Array(value));
      if (info === undefined)
        throw new DataDirError(
          "DATADIR_CORRUPT",
          this.path,
          `an account record is ${value.length} bytes long`,
        );
      yield [new Uint8Array(key), info];
    }
  }

  /** Every non-zero slot of `address`, ascending by slot. */
  *slots(address: Uint8Array): IterableIterator<[bigint, bigint]> {
    const scratch = new Uint8Array(32);
    for (const { key, value } of this.db.tables.storage.getRange(storageRange(address))) {
      if (key.length !== STORAGE_KEY_BYTES)
        throw new DataDirError("DATADIR_CORRUPT", this.path, `a storage key is ${key.length} bytes long`);
      yield [
        readBigUint(new Uint8Array(key), ADDRESS_BYTES, 32),
        decodeSlotValue(new Uint8Array(value), scratch),
      ];
    }
  }

  /** Closes the data dir (waits for LMDB to flush); the object is unusable afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    unregisterOwnedDataDir(this.path);
    await this.db.root.close();
  }
}
