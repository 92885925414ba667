import type { Block } from "../../src/chain/block.js";
import type { BlockHeader } from "../../src/chain/blockHeader.js";
import type { Transaction } from "../../src/chain/transaction.js";
import { EMPTY_TRIE_ROOT, KECCAK256_EMPTY } from "../../src/primitives/keccak.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { addressOf, makeTransaction, signTransaction } from "./testSigner.js";

/** Test keys and their addresses. */
export const ALICE_KEY = new Uint8Array(32).fill(1);
export const BOB_KEY = new Uint8Array(32).fill(2);
export const ALICE = addressOf(ALICE_KEY);
export const BOB = addressOf(BOB_KEY);
export const COINBASE = new Uint8Array(20).fill(0xcb);
export const RECIPIENT = new Uint8Array(20).fill(0x11);
export const ETHER = 10n ** 18n;

/** A London-style (base fee) header for block 1 with base fee 7 and the given gas limit; roots are placeholders. */
export function feeMarketHeader(fields: Partial<BlockHeader> = {}): BlockHeader {
  return {
    parentHash: new Uint8Array(32),
    ommersHash: KECCAK256_EMPTY,
    coinbase: COINBASE,
    stateRoot: EMPTY_TRIE_ROOT,
    transactionsRoot: EMPTY_TRIE_ROOT,
    receiptsRoot: EMPTY_TRIE_ROOT,
    logsBloom: new Uint8Array(256),
    difficulty: 1n,
    number: 1n,
    gasLimit: 1_000_000n,
    gasUsed: 0n,
    timestamp: 1n,
    extraData: new Uint8Array(0),
    mixHash: new Uint8Array(32),
    nonce: new Uint8Array(8),
    baseFeePerGas: 7n,
    ...fields,
  };
}

/** A signed EIP-1559 value transfer of `value` wei from `key` with `nonce`. */
export function transfer(
  key: Uint8Array,
  nonce: bigint,
  value: bigint,
  fields: Partial<Transaction> = {},
): Transaction {
  return signTransaction(
    makeTransaction(2, {
      nonce,
      value,
      to: RECIPIENT,
      gasLimit: 21_000n,
      maxFeePerGas: 10n,
      maxPriorityFeePerGas: 2n,
      ...fields,
    }),
    key,
  );
}

/** A block of `transactions` on a base-fee header (London to Paris; Shanghai on also needs withdrawals). */
export function feeMarketBlock(transactions: Transaction[], header: Partial<BlockHeader> = {}): Block {
  return { header: feeMarketHeader(header), transactions, uncles: [], uncleHashes: [] };
}

/** Alice and Bob with one ether each. */
export function fundedState(balance = ETHER): MemoryState {
  const state = new MemoryState();
  state.setAccount(ALICE, { balance });
  state.setAccount(BOB, { balance });
  return state;
}
