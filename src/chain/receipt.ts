import type { Log } from "../evm/log.js";
import { bigIntToBytes, concatBytes } from "../primitives/hex.js";
import { orderedTrieRoot } from "../primitives/orderedTrie.js";
import { encodeRlp } from "../primitives/rlp.js";
import type { TransactionType } from "./transaction.js";

/**
 * A transaction receipt. From Byzantium (EIP-658) it carries `status`; before, the state root after
 * the transaction (`postState`), which is undefined when it could not be computed (partial state).
 */
export interface Receipt {
  type: TransactionType;
  /** 1 success, 0 failure; undefined before Byzantium. */
  status: 0 | 1 | undefined;
  /** Pre-Byzantium intermediate state root, when known. */
  postState: Uint8Array | undefined;
  cumulativeGasUsed: bigint;
  logs: Log[];
  logsBloom: Uint8Array;
}

const STATUS_SUCCESS = Uint8Array.of(1);
const STATUS_FAILURE = new Uint8Array(0);

/** True when the receipt can be encoded: it has a status, or a known pre-Byzantium state root. */
export function receiptIsEncodable(receipt: Receipt): boolean {
  return receipt.status !== undefined || receipt.postState !== undefined;
}

/**
 * The consensus encoding: rlp([statusOrRoot, cumulativeGasUsed, logsBloom, logs]), prefixed with the
 * type byte for typed transactions (EIP-2718). Throws when a pre-Byzantium receipt has no state root.
 */
export function encodeReceipt(receipt: Receipt): Uint8Array {
  let first: Uint8Array;
  if (receipt.status !== undefined) first = receipt.status === 1 ? STATUS_SUCCESS : STATUS_FAILURE;
  else if (receipt.postState !== undefined) first = receipt.postState;
  else throw new Error("Cannot encode a pre-Byzantium receipt without its intermediate state root");
  const body = encodeRlp([
    first,
    bigIntToBytes(receipt.cumulativeGasUsed),
    receipt.logsBloom,
    receipt.logs.map((log) => [log.address, log.topics, log.data]),
  ]);
  return receipt.type === 0 ? body : concatBytes(Uint8Array.of(receipt.type), body);
}

/** The receipts root: the ordered trie of encoded receipts keyed by rlp(index). */
export function receiptsRoot(receipts: readonly Receipt[]): Uint8Array {
  return orderedTrieRoot(receipts.map(encodeReceipt));
}
