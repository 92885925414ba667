import type { Block } from "../../src/chain/block.js";
import type { Transaction } from "../../src/chain/transaction.js";

/** An unsigned EIP-1559 call (fee caps 10 / 2 wei, no data): blocks here declare their senders. */
export function unsignedCall(fields: {
  nonce: bigint;
  to: Uint8Array;
  value: bigint;
  gasLimit: bigint;
}): Transaction {
  return {
    type: 2,
    chainId: 1n,
    gasPrice: 10n,
    maxPriorityFeePerGas: 2n,
    maxFeePerGas: 10n,
    data: new Uint8Array(0),
    accessList: [],
    maxFeePerBlobGas: 0n,
    blobVersionedHashes: [],
    authorizationList: [],
    v: 0n,
    r: 0n,
    s: 0n,
    ...fields,
  };
}

/** Block 1 (base fee 7, Cancun fields) of `transactions` from the declared `senders`: run it with trustSenders. */
export function declaredSenderBlock(
  coinbase: Uint8Array,
  gasLimit: bigint,
  transactions: Transaction[],
  senders: Uint8Array[],
): Block {
  const zero32 = new Uint8Array(32);
  return {
    header: {
      parentHash: zero32,
      ommersHash: zero32,
      coinbase,
      stateRoot: zero32,
      transactionsRoot: zero32,
      receiptsRoot: zero32,
      logsBloom: new Uint8Array(256),
      difficulty: 0n,
      number: 1n,
      gasLimit,
      gasUsed: 0n,
      timestamp: 1n,
      extraData: new Uint8Array(0),
      mixHash: zero32,
      nonce: new Uint8Array(8),
      baseFeePerGas: 7n,
      parentBeaconBlockRoot: zero32,
    },
    transactions,
    senders,
    uncles: [],
    uncleHashes: [],
    withdrawals: [],
  };
}
