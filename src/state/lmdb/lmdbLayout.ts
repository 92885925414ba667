/**
 * The on-disk layout of a pevm data directory: one LMDB environment (`data.mdb`, `lock.mdb`) holding
 * the named tables below. Keys and values are raw bytes; numbers are big-endian, so keys sort
 * numerically and an account's slots are one contiguous key range.
 *
 * | table         | key                         | value                                                         |
 * |---------------|-----------------------------|---------------------------------------------------------------|
 * | `accounts`    | address (20)                | flags (1) ‖ nonce (8) ‖ balance (32) ‖ codeHash (32): 73 bytes; flags bit 0 = the account has a non-zero slot (EIP-7610) |
 * | `storage`     | address (20) ‖ slot (32)    | the value, big-endian without leading zeros (1-32 bytes); zero slots are absent |
 * | `code`        | codeHash (32)               | bytecode; never deleted (content-addressed, shared by accounts) |
 * | `blockHashes` | number (8)                  | block hash (32): every imported block, plus the parent of the first one |
 * | `trieNodes`   | node hash (32)              | node RLP, written as the state-root computation hands them over (opaque here) |
 * | `meta`        | ASCII name                  | see META                                                      |
 *
 * Accounts and slots are the flat post-state of the head block: what the EVM reads, one B-tree lookup
 * each. The Merkle-Patricia trie, when computed, lives beside it in `trieNodes` and never replaces it.
 */
export const TABLES = ["accounts", "storage", "code", "blockHashes", "trieNodes", "meta"] as const;

/** One of TABLES. */
export type TableName = (typeof TABLES)[number];

/** Bumped whenever a table's key or value format changes; a data dir of another version is refused. */
export const LAYOUT_VERSION = 1;

/** The `meta` table's keys. */
export const META = {
  /** "pevm-state": tells our environment from any other LMDB environment. */
  magic: "magic",
  /** LAYOUT_VERSION as uint32. */
  layout: "layout",
  /** Commits so far (genesis included) as uint64: workers check they read the state they were promised. */
  generation: "generation",
  /** Name of the chain (ChainConfig.name) the genesis was loaded for, UTF-8. */
  chain: "chain",
  /** The head block: number (8) ‖ hash (32) ‖ state root (32, absent while roots are not computed). */
  head: "head",
  /** State root (32) of a bare allocation loaded without a genesis block: the first block's pre-state. */
  allocationRoot: "allocationRoot",
} as const;

/** The value of META.magic. */
export const MAGIC = "pevm-state";

/** Address bytes, the prefix of every storage key. */
export const ADDRESS_BYTES = 20;
/** Storage key: address ‖ slot. */
export const STORAGE_KEY_BYTES = ADDRESS_BYTES + 32;
/** Account value: flags ‖ nonce ‖ balance ‖ codeHash. */
export const ACCOUNT_BYTES = 1 + 8 + 32 + 32;
/** Account flags bit: the account has at least one non-zero slot. */
export const HAS_STORAGE = 1;
