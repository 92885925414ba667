/** One EIP-2930 access-list entry. */
export interface AccessListEntry {
  address: Uint8Array;
  /** 32-byte storage keys. */
  storageKeys: Uint8Array[];
}

/** One EIP-7702 set-code authorization tuple. */
export interface Authorization {
  chainId: bigint;
  address: Uint8Array;
  nonce: bigint;
  yParity: bigint;
  r: bigint;
  s: bigint;
}

/** Transaction envelope types: legacy, EIP-2930, EIP-1559, EIP-4844 blob, EIP-7702 set-code. */
export type TransactionType = 0 | 1 | 2 | 3 | 4;

/**
 * A decoded transaction of any type. Fields a type lacks hold neutral values so the executor reads
 * them without branching: for legacy/2930 txs `maxFeePerGas` and `maxPriorityFeePerGas` equal `gasPrice`.
 */
export interface Transaction {
  type: TransactionType;
  /** undefined for a pre-EIP-155 legacy transaction. */
  chainId: bigint | undefined;
  nonce: bigint;
  gasPrice: bigint;
  maxPriorityFeePerGas: bigint;
  maxFeePerGas: bigint;
  gasLimit: bigint;
  /** undefined for contract creation. */
  to: Uint8Array | undefined;
  value: bigint;
  data: Uint8Array;
  accessList: AccessListEntry[];
  maxFeePerBlobGas: bigint;
  blobVersionedHashes: Uint8Array[];
  authorizationList: Authorization[];
  /** Legacy `v` (27/28 or EIP-155 form) or the typed tx `yParity`. */
  v: bigint;
  r: bigint;
  s: bigint;
}
