import { InvalidInputError } from "../../primitives/errors.js";
import type { Transaction, TransactionType } from "../transaction.js";
import type { CaseIndexes, TransactionTemplate } from "./stateTestModel.js";

/**
 * What a case's transaction turned out to be: a Transaction to execute, or a transaction no client
 * could have decoded from its RLP (a field wider than its RLP type allows). Fixtures expect the
 * latter rejected as `RLP_INVALID_VALUE`; InvalidTransactionError has no such code because the
 * executor only ever sees decoded transactions, so the runner rejects it itself.
 */
export type BuiltTransaction =
  | { kind: "transaction"; tx: Transaction }
  | { kind: "undecodable"; reason: "RLP_INVALID_VALUE"; message: string };

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_UINT256 = (1n << 256n) - 1n;

function pick<T>(values: T[], i: number, field: string): T {
  if (i >= values.length) {
    throw new InvalidInputError(
      `Invalid indexes: ${field} index ${i} is out of range (transaction.${field} has ${values.length} entries)`,
    );
  }
  return values[i];
}

function requireFee(value: bigint | undefined, field: string, type: TransactionType): bigint {
  if (value === undefined)
    throw new InvalidInputError(`Missing field transaction.${field} (type ${type} transaction)`);
  return value;
}

/** The transaction type a fixture's fields imply, highest feature first. */
function transactionType(template: TransactionTemplate, hasAccessList: boolean): TransactionType {
  if (template.authorizationList !== undefined) return 4;
  if (template.blobVersionedHashes !== undefined) return 3;
  if (template.maxFeePerGas !== undefined) return 2;
  if (hasAccessList) return 1;
  return 0;
}

/** Fields that exceed the width their RLP encoding allows (uint64 for nonce and gas, else uint256). */
function firstOverflow(tx: Transaction): string | undefined {
  if (tx.nonce > MAX_UINT64) return `nonce ${tx.nonce} exceeds 2^64-1`;
  if (tx.gasLimit > MAX_UINT64) return `gasLimit ${tx.gasLimit} exceeds 2^64-1`;
  const wide: [string, bigint][] = [
    ["value", tx.value],
    ["gasPrice", tx.gasPrice],
    ["maxFeePerGas", tx.maxFeePerGas],
    ["maxPriorityFeePerGas", tx.maxPriorityFeePerGas],
    ["maxFeePerBlobGas", tx.maxFeePerBlobGas],
  ];
  for (const [field, value] of wide)
    if (value > MAX_UINT256) return `${field} 0x${value.toString(16)} exceeds 2^256-1`;
  return undefined;
}

/**
 * Builds the transaction of one case: `data[i]`, `gasLimit[g]`, `value[v]` and `accessLists[i]` of
 * the template. Type 4 if it has an authorization list, 3 if blob hashes, 2 if maxFeePerGas, 1 if
 * this data index has an access list, else 0. Signature fields are zero: the sender is given.
 * Throws InvalidInputError when an index is out of range or a fee field the type needs is missing.
 */
export function buildTransaction(
  template: TransactionTemplate,
  indexes: CaseIndexes,
  chainId: bigint,
): BuiltTransaction {
  const data = pick(template.data, indexes.data, "data");
  const gasLimit = pick(template.gasLimit, indexes.gas, "gasLimit");
  const value = pick(template.value, indexes.value, "value");
  const accessList = template.accessLists ? pick(template.accessLists, indexes.data, "accessLists") : null;
  const type = transactionType(template, accessList !== null);

  let gasPrice: bigint;
  let maxFeePerGas: bigint;
  let maxPriorityFeePerGas: bigint;
  if (type >= 2) {
    maxFeePerGas = requireFee(template.maxFeePerGas, "maxFeePerGas", type);
    maxPriorityFeePerGas = requireFee(template.maxPriorityFeePerGas, "maxPriorityFeePerGas", type);
    // No gasPrice in a fee-market transaction; the cap is the neutral stand-in.
    gasPrice = maxFeePerGas;
  } else {
    gasPrice = requireFee(template.gasPrice, "gasPrice", type);
    maxFeePerGas = gasPrice;
    maxPriorityFeePerGas = gasPrice;
  }

  const tx: Transaction = {
    type,
    chainId,
    nonce: template.nonce,
    gasPrice,
    maxPriorityFeePerGas,
    maxFeePerGas,
    gasLimit,
    to: template.to,
    value,
    data,
    accessList: accessList ?? [],
    maxFeePerBlobGas: type === 3 ? requireFee(template.maxFeePerBlobGas, "maxFeePerBlobGas", type) : 0n,
    blobVersionedHashes: template.blobVersionedHashes ?? [],
    authorizationList: template.authorizationList ?? [],
    v: 0n,
    r: 0n,
    s: 0n,
  };
  const overflow = firstOverflow(tx);
  if (overflow !== undefined) return { kind: "undecodable", reason: "RLP_INVALID_VALUE", message: overflow };
  return { kind: "transaction", tx };
}
