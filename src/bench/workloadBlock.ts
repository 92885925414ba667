import type { Block } from "../chain/block.js";
import type { BlockHeader } from "../chain/blockHeader.js";
import { Fork } from "../evm/fork.js";
import { EMPTY_TRIE_ROOT, keccak256 } from "../primitives/keccak.js";
import { encodeRlp } from "../primitives/rlp.js";
import type { Workload } from "./workload.js";

const ZERO_HASH = new Uint8Array(32);
/** keccak256(rlp([])): the ommers hash of a block without uncles. */
const EMPTY_OMMERS_HASH = keccak256(encodeRlp([]));

/**
 * The header a generated workload runs under, from its BlockEnv. Roots and gasUsed are left zero:
 * the executor computes them (and `--dump` fills in what our sequential run produced).
 */
export function benchHeader(workload: Workload): BlockHeader {
  const { env, fork } = workload;
  return {
    parentHash: keccak256(new TextEncoder().encode(`pevm bench parent of ${env.number}`)),
    ommersHash: EMPTY_OMMERS_HASH,
    coinbase: env.coinbase,
    stateRoot: ZERO_HASH,
    transactionsRoot: EMPTY_TRIE_ROOT,
    receiptsRoot: EMPTY_TRIE_ROOT,
    logsBloom: new Uint8Array(256),
    difficulty: env.difficulty,
    number: env.number,
    gasLimit: env.gasLimit,
    gasUsed: 0n,
    timestamp: env.timestamp,
    extraData: new Uint8Array(0),
    mixHash: env.prevRandao,
    nonce: new Uint8Array(8),
    ...(fork >= Fork.London ? { baseFeePerGas: env.baseFee } : {}),
    ...(fork >= Fork.Shanghai ? { withdrawalsRoot: EMPTY_TRIE_ROOT } : {}),
    ...(fork >= Fork.Cancun
      ? { blobGasUsed: 0n, excessBlobGas: env.excessBlobGas, parentBeaconBlockRoot: ZERO_HASH }
      : {}),
  };
}

/** The workload as a Block for the block executors: its header, transactions and known senders. */
export function workloadBlock(workload: Workload): Block {
  if (workload.block !== undefined) return workload.block;
  return {
    header: benchHeader(workload),
    transactions: workload.txs.map((t) => t.tx),
    senders: workload.txs.map((t) => t.sender),
    uncles: [],
    uncleHashes: [],
    withdrawals: workload.fork >= Fork.Shanghai ? [] : undefined,
  };
}
