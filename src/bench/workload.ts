import type { Block } from "../chain/block.js";
import type { Transaction } from "../chain/transaction.js";
import type { BlockEnv } from "../evm/blockEnv.js";
import { Fork } from "../evm/fork.js";
import { MemoryState, type MemoryStateOptions } from "../state/memoryState.js";
import type { BenchAccount } from "./benchAccount.js";
import { signTypedTransaction } from "./signTransaction.js";

/** One account of a workload's pre-state. Storage holds non-zero slots only. */
export interface PreStateAccount {
  address: Uint8Array;
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  storage: Map<bigint, bigint>;
}

/** A signed transaction with its sender, recovered ahead of time so no benchmark times recovery. */
export interface SignedTransaction {
  tx: Transaction;
  sender: Uint8Array;
}

/**
 * Human names for addresses and storage slots (keyed by lower-case 0x address), so the analyzer can
 * say "erc20 token 1 balanceOf[hot recipient 2]" instead of two hashes.
 */
export interface LocationNames {
  addresses: Map<string, string>;
  slots: Map<string, Map<bigint, string>>;
}

/**
 * A reproducible block of transactions over a known pre-state: the input every executor under
 * comparison (ours sequential, ours parallel, ethereumjs) runs unchanged.
 */
export interface Workload {
  name: string;
  fork: Fork;
  env: BlockEnv;
  preState: PreStateAccount[];
  txs: SignedTransaction[];
  /** Hashes BLOCKHASH may ask for (mainnet fixtures); generated workloads have none. */
  blockHashes?: Map<bigint, Uint8Array>;
  /** Names for the analyzer's report; absent parts fall back to hex. */
  names?: LocationNames;
  /** The real block (mainnet fixtures); generated workloads derive theirs from `env` and `txs`. */
  block?: Block;
  /** The ethereumjs hardfork name to run the peer under, when `fork` does not map by name. */
  hardfork?: string;
  /**
   * `preState` is the whole state (generated blocks; a fixture that says so), not only what the block
   * touches (mainnet fixtures): its state root means something, and a dumped fixture records it.
   */
  preStateComplete?: boolean;
}

/** The fork every benchmark workload runs under. */
export const BENCH_FORK = Fork.Prague;
/** Chain id of the benchmark chain (mainnet's, so tooling defaults agree). */
export const BENCH_CHAIN_ID = 1n;
/** Base fee of the benchmark block; transactions pay it plus a priority fee of 1 wei. */
export const BENCH_BASE_FEE = 7n;
/** ETH given to each benchmark sender: enough for any transaction here at the benchmark's gas price. */
export const SENDER_BALANCE = 10n ** 21n;

/**
 * Block context shared by all workloads: a fixed coinbase, and a number and timestamp inside
 * mainnet's Prague era, so a dumped block replays as a mainnet Prague block.
 */
export function benchBlockEnv(): BlockEnv {
  return {
    number: 23_000_000n,
    coinbase: Uint8Array.from({ length: 20 }, (_, i) => 0xc0 + (i % 16)),
    timestamp: 1_750_000_000n,
    gasLimit: 1_000_000_000n,
    baseFee: BENCH_BASE_FEE,
    difficulty: 0n,
    prevRandao: new Uint8Array(32).fill(0x42),
    excessBlobGas: 0n,
    chainId: BENCH_CHAIN_ID,
  };
}

/** A signed EIP-1559 call from `from` (nonce as given) paying base fee + 1 wei per gas. */
export function signedCall(
  from: BenchAccount,
  nonce: bigint,
  to: Uint8Array,
  data: Uint8Array,
  gasLimit: bigint,
): SignedTransaction {
  const unsigned = unsignedCall(nonce, to, data, gasLimit);
  return { tx: signTypedTransaction(unsigned, from.secretKey), sender: from.address };
}

/** An unsigned EIP-1559 call (chain id 1) paying base fee + 1 wei per gas; `value` in wei. */
export function unsignedCall(
  nonce: bigint,
  to: Uint8Array,
  data: Uint8Array,
  gasLimit: bigint,
  value = 0n,
): Transaction {
  return {
    type: 2,
    chainId: BENCH_CHAIN_ID,
    nonce,
    gasPrice: BENCH_BASE_FEE + 3n,
    maxPriorityFeePerGas: 1n,
    maxFeePerGas: BENCH_BASE_FEE + 3n,
    gasLimit,
    to,
    value,
    data,
    accessList: [],
    maxFeePerBlobGas: 0n,
    blobVersionedHashes: [],
    authorizationList: [],
    v: 0n,
    r: 0n,
    s: 0n,
  };
}

/** An externally owned account funded with SENDER_BALANCE. */
export function fundedAccount(address: Uint8Array): PreStateAccount {
  return { address, nonce: 0n, balance: SENDER_BALANCE, code: new Uint8Array(0), storage: new Map() };
}

/**
 * A fresh MemoryState holding `preState`. Storage maps are copied: execution mutates the state, and
 * each benchmark repeat must start from the same pre-state. A generated workload's pre-state is the
 * whole state (`{ complete: true }` gives its state root); a mainnet fixture's is partial.
 */
export function memoryStateFrom(
  preState: readonly PreStateAccount[],
  blockHashes?: ReadonlyMap<bigint, Uint8Array>,
  options: MemoryStateOptions = {},
): MemoryState {
  const state = new MemoryState(options);
  for (const [number, hash] of blockHashes ?? []) state.setBlockHash(number, hash);
  for (const account of preState) {
    state.setAccount(account.address, {
      nonce: account.nonce,
      balance: account.balance,
      code: account.code,
      storage: new Map(account.storage),
    });
  }
  return state;
}
