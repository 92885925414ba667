import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Block } from "../chain/block.js";
import type { BlockExecutionResult } from "../chain/blockExecutionResult.js";
import { type BlockHeader, headerHash } from "../chain/blockHeader.js";
import type { Transaction } from "../chain/transaction.js";
import { encodeTransaction, transactionHash } from "../chain/transactionEncode.js";
import { forkName } from "../evm/fork.js";
import { bytesToHex } from "../primitives/hex.js";
import { orderedTrieRoot } from "../primitives/orderedTrie.js";
import { memoryStateFrom, type Workload } from "./workload.js";
import { workloadBlock } from "./workloadBlock.js";

const quantity = (value: bigint): string => `0x${value.toString(16)}`;

/**
 * Writes `workload` to `<dir>/<name>.json` in the block-fixture format of
 * ../shared/fixtures/mainnet (see its README), with the header's transactionsRoot computed and its
 * gasUsed, receiptsRoot, logsBloom (and requestsHash) taken from our sequential run, so any client
 * can replay exactly the block we measured and check it. A workload whose pre-state is complete
 * (generated blocks) also gets the header's stateRoot, from the pre-state's trie and the run's state
 * diff, and `"preStateComplete": true` so `pevm run` checks it; otherwise the state root stays zero.
 * Returns the path.
 */
export function dumpFixture(dir: string, workload: Workload, sequential: BlockExecutionResult): string {
  const block = workloadBlock(workload);
  const complete = workload.preStateComplete === true;
  const header: BlockHeader = {
    ...block.header,
    ...(complete ? { stateRoot: postStateRoot(workload, sequential) } : {}),
    transactionsRoot: orderedTrieRoot(block.transactions.map(encodeTransaction)),
    gasUsed: sequential.gasUsed,
    logsBloom: sequential.logsBloom,
    receiptsRoot: sequential.receiptsRoot ?? block.header.receiptsRoot,
    ...(sequential.requestsHash !== undefined ? { requestsHash: sequential.requestsHash } : {}),
  };
  const hash = bytesToHex(headerHash(header));
  const fixture = {
    number: quantity(header.number),
    hash,
    hardfork: workload.hardfork ?? forkName(workload.fork).toLowerCase(),
    ...(complete ? { preStateComplete: true } : {}),
    header: rpcHeader(header, hash),
    transactions: block.transactions.map((tx, i) => rpcTransaction(tx, workload.txs[i].sender, i, header)),
    uncles: block.uncleHashes.map(bytesToHex),
    ...(block.withdrawals !== undefined ? { withdrawals: rpcWithdrawals(block) } : {}),
    preState: Object.fromEntries(
      workload.preState.map((account) => [
        bytesToHex(account.address),
        {
          balance: quantity(account.balance),
          nonce: quantity(account.nonce),
          code: bytesToHex(account.code),
          storage: Object.fromEntries(
            [...account.storage].map(([slot, value]) => [quantity(slot), quantity(value)]),
          ),
        },
      ]),
    ),
    blockHashes: Object.fromEntries(
      [...(workload.blockHashes ?? new Map())].map(([number, h]) => [number.toString(), bytesToHex(h)]),
    ),
  };
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${workload.name}.json`);
  writeFileSync(path, JSON.stringify(fixture));
  return path;
}

/** The root of the state after `sequential` (computed by it unless the run skipped the root). */
function postStateRoot(workload: Workload, sequential: BlockExecutionResult): Uint8Array {
  if (sequential.stateRoot !== undefined) return sequential.stateRoot;
  const pre = memoryStateFrom(workload.preState, workload.blockHashes, { complete: true });
  return pre.worldStateTrie()!.apply(sequential.stateDiff).rootHash();
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
