/** Account fields as stored in the state trie (storage root aside). */
export interface AccountInfo {
  nonce: bigint;
  balance: bigint;
  /** keccak256 of the code; KECCAK256_EMPTY for accounts without code. */
  codeHash: Uint8Array;
  /** True when the account has any non-zero storage slot (EIP-7610 create-collision check). */
  hasStorage?: boolean;
}

/**
 * The only view of storage the EVM has: four synchronous reads. Backends (in-memory, embedded,
 * RPC-prefetched, multi-version) implement this; everything else (journal, warm sets, refunds) lives above it.
 */
export interface StateReader {
  /** The account at `address`, or undefined when it does not exist. */
  account(address: Uint8Array): AccountInfo | undefined;
  /** Code by its hash (empty for KECCAK256_EMPTY). */
  code(codeHash: Uint8Array): Uint8Array;
  /** A storage slot's value; 0n when unset. */
  storage(address: Uint8Array, slot: bigint): bigint;
  /** Hash of block `number` (only the last 256 are reachable from the EVM); zero hash when unknown. */
  blockHash(number: bigint): Uint8Array;
}
