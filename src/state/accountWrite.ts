/** The net effect of a transaction on one account: what the sequential executor folds into state. */
export interface AccountWrite {
  address: Uint8Array;
  /** The account no longer exists (SELFDESTRUCT, or EIP-161 touched-empty deletion). */
  deleted: boolean;
  nonce: bigint;
  balance: bigint;
  codeHash: Uint8Array;
  /** Present when the code changed (contract creation or EIP-7702 delegation). */
  code: Uint8Array | undefined;
  /** Storage under this account before the transaction no longer applies (created or destroyed). */
  storageCleared: boolean;
  /** Slots whose value changed, with their final value (0n = deleted). */
  storage: Map<bigint, bigint>;
}
