import type { AccessListEntry, Authorization } from "../transaction.js";

/** One account of a state test's `pre` section, decoded. */
export interface PreAccount {
  address: Uint8Array;
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  /** Non-zero slots only (a zero in the fixture is the same as absent). */
  storage: Map<bigint, bigint>;
}

/** A state test's `env`, decoded; optional fields the fixture may omit stay undefined. */
export interface StateTestEnv {
  coinbase: Uint8Array;
  gasLimit: bigint;
  number: bigint;
  timestamp: bigint;
  difficulty: bigint;
  /** `currentRandom`: PREVRANDAO from Paris on. */
  random: Uint8Array | undefined;
  baseFee: bigint | undefined;
  excessBlobGas: bigint | undefined;
}

/**
 * The `transaction` section: scalar fields plus the index arrays a case picks from
 * (`data[i]`, `gasLimit[g]`, `value[v]`, `accessLists[i]`).
 */
export interface TransactionTemplate {
  nonce: bigint;
  /** undefined for contract creation (`to: ""`). */
  to: Uint8Array | undefined;
  gasPrice: bigint | undefined;
  maxFeePerGas: bigint | undefined;
  maxPriorityFeePerGas: bigint | undefined;
  maxFeePerBlobGas: bigint | undefined;
  /** Present (possibly empty) makes the transaction type 3. */
  blobVersionedHashes: Uint8Array[] | undefined;
  /** Present (possibly empty) makes the transaction type 4. */
  authorizationList: Authorization[] | undefined;
  data: Uint8Array[];
  gasLimit: bigint[];
  value: bigint[];
  /** Per data index; a null entry means "no access list" (legacy) for that index. */
  accessLists: (AccessListEntry[] | null)[] | undefined;
  sender: Uint8Array;
}

/** Indexes into the transaction's `data`, `gasLimit` and `value` arrays. */
export interface CaseIndexes {
  data: number;
  gas: number;
  value: number;
}

/** One entry of `post[fork]`: what running the transaction with `indexes` must produce. */
export interface PostCase {
  indexes: CaseIndexes;
  /** Expected post-state root. */
  hash: Uint8Array;
  /** Expected keccak256 of the RLP-encoded logs. */
  logs: Uint8Array;
  /** The `|`-separated `TransactionException.*` names, when the transaction must be rejected. */
  expectException: string | undefined;
  /** EEST's full expected post-state (raw JSON), used only to explain a root mismatch. */
  expectedState: unknown;
}

/** A decoded state test, ready to run: one pre-state, one transaction template, many cases. */
export interface StateTest {
  name: string;
  env: StateTestEnv;
  pre: PreAccount[];
  transaction: TransactionTemplate;
  /** `config.chainid` (EEST), else 1. */
  chainId: bigint;
}
