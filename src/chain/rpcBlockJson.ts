import { bytesToHex } from "../primitives/hex.js";
import type { Block } from "./block.js";
import { type BlockHeader, headerHash } from "./blockHeader.js";
import type { Transaction } from "./transaction.js";
import { transactionHash } from "./transactionEncode.js";

const quantity = (value: bigint): string => `0x${value.toString(16)}`;

/**
 * A block as Ethereum JSON-RPC returns it (`eth_getBlockByNumber` with full transactions, `from` set
 * from `senders`): what parseRpcBlock reads back, and the block-fixture format of
 * ../shared/fixtures/mainnet without its pre-state.
 */
export function rpcBlockJson(block: Block, senders: readonly Uint8Array[]): Record<string, unknown> {
  const { header } = block;
  const hash = bytesToHex(headerHash(header));
  return {
    number: quantity(header.number),
    hash,
    header: rpcHeader(header, hash),
    transactions: block.transactions.map((tx, i) => rpcTransaction(tx, senders[i], i, header)),
    uncles: block.uncleHashes.map(bytesToHex),
    ...(block.withdrawals !== undefined ? { withdrawals: rpcWithdrawals(block) } : {}),
  };
}

function rpcHeader(header: BlockHeader, hash: string): Record<string, string> {
  const out: Record<string, string> = {
    hash,
    parentHash: bytesToHex(header.parentHash),
    sha3Uncles: bytesToHex(header.ommersHash),
    miner: bytesToHex(header.coinbase),
    stateRoot: bytesToHex(header.stateRoot),
    transactionsRoot: bytesToHex(header.transactionsRoot),
    receiptsRoot: bytesToHex(header.receiptsRoot),
    logsBloom: bytesToHex(header.logsBloom),
    difficulty: quantity(header.difficulty),
    number: quantity(header.number),
    gasLimit: quantity(header.gasLimit),
    gasUsed: quantity(header.gasUsed),
    timestamp: quantity(header.timestamp),
    extraData: bytesToHex(header.extraData),
    mixHash: bytesToHex(header.mixHash),
    nonce: bytesToHex(header.nonce),
  };
  if (header.baseFeePerGas !== undefined) out.baseFeePerGas = quantity(header.baseFeePerGas);
  if (header.withdrawalsRoot !== undefined) out.withdrawalsRoot = bytesToHex(header.withdrawalsRoot);
  if (header.blobGasUsed !== undefined) out.blobGasUsed = quantity(header.blobGasUsed);
  if (header.excessBlobGas !== undefined) out.excessBlobGas = quantity(header.excessBlobGas);
  if (header.parentBeaconBlockRoot !== undefined)
    out.parentBeaconBlockRoot = bytesToHex(header.parentBeaconBlockRoot);
  if (header.requestsHash !== undefined) out.requestsHash = bytesToHex(header.requestsHash);
  return out;
}

/** RPC-style transaction; `gasPrice` is the effective price, as RPC reports it for mined type 2 txs. */
function rpcTransaction(
  tx: Transaction,
  from: Uint8Array,
  index: number,
  header: BlockHeader,
): Record<string, unknown> {
  const baseFee = header.baseFeePerGas ?? 0n;
  const effective =
    tx.type >= 2
      ? baseFee +
        (tx.maxPriorityFeePerGas < tx.maxFeePerGas - baseFee
          ? tx.maxPriorityFeePerGas
          : tx.maxFeePerGas - baseFee)
      : tx.gasPrice;
  return {
    hash: bytesToHex(transactionHash(tx)),
    transactionIndex: quantity(BigInt(index)),
    type: quantity(BigInt(tx.type)),
    ...(tx.chainId !== undefined ? { chainId: quantity(tx.chainId) } : {}),
    from: bytesToHex(from),
    to: tx.to === undefined ? null : bytesToHex(tx.to),
    nonce: quantity(tx.nonce),
    gas: quantity(tx.gasLimit),
    gasPrice: quantity(effective),
    ...(tx.type >= 2
      ? { maxFeePerGas: quantity(tx.maxFeePerGas), maxPriorityFeePerGas: quantity(tx.maxPriorityFeePerGas) }
      : {}),
    value: quantity(tx.value),
    input: bytesToHex(tx.data),
    ...(tx.type >= 1
      ? {
          accessList: tx.accessList.map((e) => ({
            address: bytesToHex(e.address),
            storageKeys: e.storageKeys.map(bytesToHex),
          })),
        }
      : {}),
    v: quantity(tx.v),
    ...(tx.type >= 1 ? { yParity: quantity(tx.v) } : {}),
    r: quantity(tx.r),
    s: quantity(tx.s),
  };
}

function rpcWithdrawals(block: Block): Record<string, string>[] {
  return (block.withdrawals ?? []).map((w) => ({
    index: quantity(w.index),
    validatorIndex: quantity(w.validatorIndex),
    address: bytesToHex(w.address),
    amount: quantity(w.amount),
  }));
}
