import { InvalidInputError } from "../primitives/errors.js";
import { bytesToBigInt, bytesToHex } from "../primitives/hex.js";
import { decodeRlp, type RlpItem } from "../primitives/rlp.js";
import type { AccessListEntry, Authorization, Transaction, TransactionType } from "./transaction.js";

/*
 * Strict decoding: a transaction that decodes is canonical, so re-encoding it gives the same bytes
 * and transactionHash(decodeTransaction(b)) === keccak256(b). Integer widths follow the clients:
 * nonce and gas limit are uint64, fees, value, chain id and signature values are uint256.
 */

const U64_BYTES = 8;
const U256_BYTES = 32;

function fail(what: string, reason: string): never {
  throw new InvalidInputError(`Invalid transaction: ${what} ${reason}`);
}

function asBytes(item: RlpItem, what: string): Uint8Array {
  if (!(item instanceof Uint8Array)) fail(what, "is a list, expected a byte string");
  return item;
}

function asList(item: RlpItem, what: string): RlpItem[] {
  if (item instanceof Uint8Array) fail(what, "is a byte string, expected a list");
  return item;
}

/** A canonical unsigned integer: no leading zero bytes, at most `maxBytes` long. */
function asUint(item: RlpItem, what: string, maxBytes: number): bigint {
  const bytes = asBytes(item, what);
  if (bytes.length > 0 && bytes[0] === 0) fail(what, `has leading zero bytes (${bytesToHex(bytes)})`);
  if (bytes.length > maxBytes) fail(what, `does not fit in ${maxBytes * 8} bits (${bytes.length} bytes)`);
  return bytesToBigInt(bytes);
}

function asAddress(item: RlpItem, what: string): Uint8Array {
  const bytes = asBytes(item, what);
  if (bytes.length !== 20) fail(what, `must be 20 bytes, got ${bytes.length} (${bytesToHex(bytes)})`);
  return bytes.slice();
}

function asHash(item: RlpItem, what: string): Uint8Array {
  const bytes = asBytes(item, what);
  if (bytes.length !== 32) fail(what, `must be 32 bytes, got ${bytes.length}`);
  return bytes.slice();
}

/** `to`: 20 bytes, or empty for contract creation where the type allows it. */
function asTo(item: RlpItem, allowCreate: boolean, type: TransactionType): Uint8Array | undefined {
  const bytes = asBytes(item, "to");
  if (bytes.length === 0) {
    if (!allowCreate) fail("to", `is empty, but a type ${type} transaction cannot create a contract`);
    return undefined;
  }
  return asAddress(bytes, "to");
}

function asAccessList(item: RlpItem): AccessListEntry[] {
  return asList(item, "accessList").map((entry, i) => {
    const fields = asList(entry, `accessList[${i}]`);
    if (fields.length !== 2) fail(`accessList[${i}]`, `must have 2 fields, got ${fields.length}`);
    return {
      address: asAddress(fields[0], `accessList[${i}].address`),
      storageKeys: asList(fields[1], `accessList[${i}].storageKeys`).map((key, j) =>
        asHash(key, `accessList[${i}].storageKeys[${j}]`),
      ),
    };
  });
}

function asAuthorizationList(item: RlpItem): Authorization[] {
  return asList(item, "authorizationList").map((entry, i) => {
    const what = `authorizationList[${i}]`;
    const fields = asList(entry, what);
    if (fields.length !== 6) fail(what, `must have 6 fields, got ${fields.length}`);
    return {
      chainId: asUint(fields[0], `${what}.chainId`, U256_BYTES),
      address: asAddress(fields[1], `${what}.address`),
      nonce: asUint(fields[2], `${what}.nonce`, U64_BYTES),
      // EIP-7702 bounds y_parity to a uint8 when decoding; values other than 0/1 only void the tuple.
      yParity: asUint(fields[3], `${what}.yParity`, 1),
      r: asUint(fields[4], `${what}.r`, U256_BYTES),
      s: asUint(fields[5], `${what}.s`, U256_BYTES),
    };
  });
}

/** Field counts by type: legacy 9, then EIP-2930, EIP-1559, EIP-4844, EIP-7702. */
const FIELD_COUNTS: Record<TransactionType, number> = { 0: 9, 1: 11, 2: 12, 3: 14, 4: 13 };

function checkFieldCount(fields: RlpItem[], type: TransactionType): void {
  const expected = FIELD_COUNTS[type];
  if (fields.length !== expected) {
    fail(`type ${type} payload`, `must have ${expected} fields, got ${fields.length}`);
  }
}

function decodeLegacy(fields: RlpItem[]): Transaction {
  checkFieldCount(fields, 0);
  const gasPrice = asUint(fields[1], "gasPrice", U256_BYTES);
  const v = asUint(fields[6], "v", U256_BYTES);
  return {
    type: 0,
    // EIP-155: v = chainId * 2 + 35 + yParity. v of 27/28 (or anything invalid) has no chain id.
    chainId: v >= 35n ? (v - 35n) >> 1n : undefined,
    nonce: asUint(fields[0], "nonce", U64_BYTES),
    gasPrice,
    maxPriorityFeePerGas: gasPrice,
    maxFeePerGas: gasPrice,
    gasLimit: asUint(fields[2], "gasLimit", U64_BYTES),
    to: asTo(fields[3], true, 0),
    value: asUint(fields[4], "value", U256_BYTES),
    data: asBytes(fields[5], "data").slice(),
    accessList: [],
    maxFeePerBlobGas: 0n,
    blobVersionedHashes: [],
    authorizationList: [],
    v,
    r: asUint(fields[7], "r", U256_BYTES),
    s: asUint(fields[8], "s", U256_BYTES),
  };
}

function decodeTyped(type: TransactionType, fields: RlpItem[]): Transaction {
  checkFieldCount(fields, type);
  const chainId = asUint(fields[0], "chainId", U256_BYTES);
  const nonce = asUint(fields[1], "nonce", U64_BYTES);
  let i = 2;
  let gasPrice: bigint;
  let maxPriorityFeePerGas: bigint;
  let maxFeePerGas: bigint;
  if (type === 1) {
    gasPrice = maxPriorityFeePerGas = maxFeePerGas = asUint(fields[i++], "gasPrice", U256_BYTES);
  } else {
    maxPriorityFeePerGas = asUint(fields[i++], "maxPriorityFeePerGas", U256_BYTES);
    maxFeePerGas = asUint(fields[i++], "maxFeePerGas", U256_BYTES);
    // The price actually paid depends on the block's base fee; the cap is the neutral stand-in.
    gasPrice = maxFeePerGas;
  }
  const gasLimit = asUint(fields[i++], "gasLimit", U64_BYTES);
  const to = asTo(fields[i++], type <= 2, type);
  const value = asUint(fields[i++], "value", U256_BYTES);
  const data = asBytes(fields[i++], "data").slice();
  const accessList = asAccessList(fields[i++]);
  let maxFeePerBlobGas = 0n;
  let blobVersionedHashes: Uint8Array[] = [];
  let authorizationList: Authorization[] = [];
  if (type === 3) {
    maxFeePerBlobGas = asUint(fields[i++], "maxFeePerBlobGas", U256_BYTES);
    blobVersionedHashes = asList(fields[i++], "blobVersionedHashes").map((h, j) =>
      asHash(h, `blobVersionedHashes[${j}]`),
    );
  } else if (type === 4) {
    authorizationList = asAuthorizationList(fields[i++]);
  }
  return {
    type,
    chainId,
    nonce,
    gasPrice,
    maxPriorityFeePerGas,
    maxFeePerGas,
    gasLimit,
    to,
    value,
    data,
    accessList,
    maxFeePerBlobGas,
    blobVersionedHashes,
    authorizationList,
    v: asUint(fields[i++], "yParity", U256_BYTES),
    r: asUint(fields[i++], "r", U256_BYTES),
    s: asUint(fields[i++], "s", U256_BYTES),
  };
}

/**
 * Decodes a signed transaction as it appears in a block body or `eth_sendRawTransaction`: a legacy
 * RLP list, or a typed envelope `type || rlp(payload)` for types 0x01..0x04. Throws InvalidInputError
 * on anything non-canonical (wrong field count, integer with leading zeros or too wide, address not
 * 20 bytes, missing `to` on a blob or set-code transaction). Fork rules and the signature are
 * checked separately (validateTransaction, recoverSender).
 */
export function decodeTransaction(bytes: Uint8Array): Transaction {
  if (bytes.length === 0) throw new InvalidInputError("Invalid transaction: empty input");
  const first = bytes[0];
  if (first >= 0xc0) return decodeLegacy(asList(decodeRlp(bytes), "legacy transaction"));
  if (first >= 1 && first <= 4) {
    const payload = decodeRlp(bytes.subarray(1));
    return decodeTyped(first as TransactionType, asList(payload, `type ${first} payload`));
  }
  if (first >= 0x80) {
    throw new InvalidInputError(
      "Invalid transaction: an RLP byte string, expected a list or a typed envelope",
    );
  }
  throw new InvalidInputError(
    `Invalid transaction: unsupported transaction type 0x${first.toString(16).padStart(2, "0")}`,
  );
}
