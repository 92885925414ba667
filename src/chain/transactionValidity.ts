import { blobParams } from "../evm/blobGas.js";
import { Fork, forkName } from "../evm/fork.js";
import { floorDataGas, intrinsicGas } from "./intrinsicGas.js";
import { type InvalidTransactionCode, InvalidTransactionError } from "./invalidTransactionError.js";
import type { Transaction } from "./transaction.js";

/** First fork that accepts each transaction type. */
const TYPE_ACTIVATION: Record<number, Fork> = {
  0: Fork.Frontier,
  1: Fork.Berlin,
  2: Fork.London,
  3: Fork.Cancun,
  4: Fork.Prague,
};

/** EIP-3860: initcode of a creation transaction is capped at 2 * MAX_CODE_SIZE (Shanghai). */
const MAX_INITCODE_SIZE = 49152;
/** EIP-2681: an account nonce never reaches 2^64 - 1, so a transaction can't carry it. */
const MAX_NONCE = 2n ** 64n - 1n;
/** EIP-7825 (Osaka): per-transaction gas limit cap. */
const MAX_TX_GAS_LIMIT_OSAKA = 2n ** 24n;
/** EIP-4844: versioned hashes of KZG commitments start with this byte. */
const VERSIONED_HASH_VERSION_KZG = 0x01;
const U256_LIMIT = 2n ** 256n;

/** Gas figures validation computed, returned so the executor need not recompute them. */
export interface TransactionGas {
  intrinsicGas: bigint;
  /** EIP-7623 floor; 0 before Prague. */
  floorDataGas: bigint;
}

function reject(code: InvalidTransactionCode, message: string): never {
  throw new InvalidTransactionError(code, message);
}

/**
 * Every validity check that needs only the transaction, the fork and the chain id: the rules of
 * checkStatelessRules, then the gas limit covering the intrinsic gas and (Prague) the calldata floor
 * (checkIntrinsicGas). Throws InvalidTransactionError. Used where there is no state to check against
 * (transaction tests); executeTransaction runs the two halves around its state checks instead.
 */
export function validateTransaction(tx: Transaction, fork: Fork, chainId: bigint): TransactionGas {
  checkStatelessRules(tx, fork, chainId);
  return checkIntrinsicGas(tx, fork);
}

/**
 * Validity checks that need only the transaction, the fork and the chain id, other than intrinsic
 * gas: type enabled by the fork, chain id, nonce below 2^64 - 1, gasLimit * maxFeePerGas within 256
 * bits, priority fee <= max fee, blob and set-code shape rules, initcode size (Shanghai) and the Osaka
 * gas-limit cap. Throws InvalidTransactionError. Signature (recoverSender) and everything needing
 * state or the block (nonce match, balance, base fee, blob gas price, block blob limits) are checked
 * elsewhere.
 */
export function checkStatelessRules(tx: Transaction, fork: Fork, chainId: bigint): void {
  if (fork < TYPE_ACTIVATION[tx.type]) {
    reject("TYPE_NOT_SUPPORTED", `Transaction type ${tx.type} is not enabled at ${forkName(fork)}`);
  }
  if (tx.chainId !== undefined && tx.chainId !== chainId) {
    reject("INVALID_CHAINID", `Invalid chain id: expected ${chainId}, got ${tx.chainId}`);
  }
  if (tx.nonce >= MAX_NONCE) reject("NONCE_IS_MAX", `Transaction nonce ${tx.nonce} is at or above 2^64 - 1`);
  if (tx.gasLimit * tx.maxFeePerGas >= U256_LIMIT) {
    reject(
      "GASLIMIT_PRICE_PRODUCT_OVERFLOW",
      `gasLimit ${tx.gasLimit} * maxFeePerGas ${tx.maxFeePerGas} does not fit in 256 bits`,
    );
  }
  if (tx.maxPriorityFeePerGas > tx.maxFeePerGas) {
    reject(
      "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS",
      `maxPriorityFeePerGas ${tx.maxPriorityFeePerGas} exceeds maxFeePerGas ${tx.maxFeePerGas}`,
    );
  }
  if (tx.type === 3) checkBlobShape(tx, fork);
  if (tx.type === 4) {
    if (tx.to === undefined)
      reject("TYPE_4_TX_CONTRACT_CREATION", "A set-code transaction cannot create a contract");
    if (tx.authorizationList.length === 0) {
      reject("TYPE_4_EMPTY_AUTHORIZATION_LIST", "A set-code transaction needs at least one authorization");
    }
  }
  if (fork >= Fork.Shanghai && tx.to === undefined && tx.data.length > MAX_INITCODE_SIZE) {
    reject(
      "INITCODE_SIZE_EXCEEDED",
      `Initcode is ${tx.data.length} bytes, the limit is ${MAX_INITCODE_SIZE}`,
    );
  }
  if (fork >= Fork.Osaka && tx.gasLimit > MAX_TX_GAS_LIMIT_OSAKA) {
    reject(
      "GAS_LIMIT_EXCEEDS_MAXIMUM",
      `Gas limit ${tx.gasLimit} exceeds the EIP-7825 cap ${MAX_TX_GAS_LIMIT_OSAKA}`,
    );
  }
}

/**
 * Checks that the gas limit covers the intrinsic gas and (Prague, EIP-7623) the calldata floor, and
 * returns both figures. Throws InvalidTransactionError (INTRINSIC_GAS_TOO_LOW,
 * INTRINSIC_GAS_BELOW_FLOOR_GAS_COST).
 */
export function checkIntrinsicGas(tx: Transaction, fork: Fork): TransactionGas {
  const gas: TransactionGas = { intrinsicGas: intrinsicGas(tx, fork), floorDataGas: floorDataGas(tx, fork) };
  if (tx.gasLimit < gas.intrinsicGas) {
    reject(
      "INTRINSIC_GAS_TOO_LOW",
      `Gas limit ${tx.gasLimit} is below the intrinsic gas ${gas.intrinsicGas}`,
    );
  }
  if (tx.gasLimit < gas.floorDataGas) {
    reject(
      "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST",
      `Gas limit ${tx.gasLimit} is below the EIP-7623 calldata floor ${gas.floorDataGas}`,
    );
  }
  return gas;
}

function checkBlobShape(tx: Transaction, fork: Fork): void {
  if (tx.to === undefined)
    reject("TYPE_3_TX_CONTRACT_CREATION", "A blob transaction cannot create a contract");
  const count = tx.blobVersionedHashes.length;
  if (count === 0) reject("TYPE_3_TX_ZERO_BLOBS", "A blob transaction needs at least one blob");
  for (const hash of tx.blobVersionedHashes) {
    if (hash[0] !== VERSIONED_HASH_VERSION_KZG) {
      reject(
        "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH",
        `Blob versioned hash has version 0x${hash[0].toString(16)}, expected 0x01`,
      );
    }
  }
  // From Osaka the block's blob-gas allowance is checked before the EIP-7594 per-transaction cap.
  const params = blobParams(fork);
  if (fork >= Fork.Osaka && count > params.max) {
    reject(
      "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED",
      `${count} blobs exceed the block limit ${params.max}`,
    );
  }
  if (count > params.maxPerTx) {
    reject(
      "TYPE_3_TX_BLOB_COUNT_EXCEEDED",
      `${count} blobs exceed the per-transaction limit ${params.maxPerTx}`,
    );
  }
}
