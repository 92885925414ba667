import type { BlockHeader } from "./blockHeader.js";
import type { Transaction } from "./transaction.js";

/** An EIP-4895 withdrawal from the beacon chain (Shanghai). */
export interface Withdrawal {
  index: bigint;
  validatorIndex: bigint;
  address: Uint8Array;
  /** In gwei; credited as amount * 10^9 wei. */
  amount: bigint;
}

/** A block: header, body and what the source told us about it. */
export interface Block {
  header: BlockHeader;
  transactions: Transaction[];
  /**
   * Senders as the source declared them (RPC `from`), index-aligned with `transactions`. Used only
   * when the executor is told to trust them; otherwise senders are recovered from the signatures.
   */
  senders?: Uint8Array[];
  /** Full uncle (ommer) headers, when the source has them (RLP blocks do, RPC blocks don't). */
  uncles: BlockHeader[];
  /** Uncle hashes; always as many as the block has uncles. */
  uncleHashes: Uint8Array[];
  /** Shanghai on; undefined before. */
  withdrawals?: Withdrawal[];
}
