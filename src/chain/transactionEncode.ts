import { InvalidInputError } from "../primitives/errors.js";
import { bigIntToBytes, concatBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { encodeRlp, type RlpItem } from "../primitives/rlp.js";
import type { Transaction } from "./transaction.js";

const EMPTY = new Uint8Array(0);

function uint(value: bigint): Uint8Array {
  return bigIntToBytes(value);
}

function typedChainId(tx: Transaction): bigint {
  if (tx.chainId === undefined) {
    throw new InvalidInputError(`Cannot encode a type ${tx.type} transaction without a chainId`);
  }
  return tx.chainId;
}

/** The fields every signature covers, in wire order, without the signature itself. */
function unsignedFields(tx: Transaction): RlpItem[] {
  const to = tx.to ?? EMPTY;
  if (tx.type === 0) {
    return [uint(tx.nonce), uint(tx.gasPrice), uint(tx.gasLimit), to, uint(tx.value), tx.data];
  }
  const accessList: RlpItem = tx.accessList.map((e) => [e.address, e.storageKeys]);
  const head: RlpItem[] = [uint(typedChainId(tx)), uint(tx.nonce)];
  if (tx.type === 1) head.push(uint(tx.gasPrice));
  else head.push(uint(tx.maxPriorityFeePerGas), uint(tx.maxFeePerGas));
  head.push(uint(tx.gasLimit), to, uint(tx.value), tx.data, accessList);
  if (tx.type === 3) head.push(uint(tx.maxFeePerBlobGas), tx.blobVersionedHashes);
  if (tx.type === 4) {
    head.push(
      tx.authorizationList.map((a) => [
        uint(a.chainId),
        a.address,
        uint(a.nonce),
        uint(a.yParity),
        uint(a.r),
        uint(a.s),
      ]),
    );
  }
  return head;
}

/** Legacy: rlp(list); typed: type byte || rlp(list). */
function envelope(tx: Transaction, fields: RlpItem[]): Uint8Array {
  const body = encodeRlp(fields);
  return tx.type === 0 ? body : concatBytes(Uint8Array.of(tx.type), body);
}

/** Encodes a signed transaction in its canonical wire form (the inverse of decodeTransaction). */
export function encodeTransaction(tx: Transaction): Uint8Array {
  return envelope(tx, [...unsignedFields(tx), uint(tx.v), uint(tx.r), uint(tx.s)]);
}

/** Transaction hash: keccak256 of the wire encoding. */
export function transactionHash(tx: Transaction): Uint8Array {
  return keccak256(encodeTransaction(tx));
}

/**
 * The hash the sender signed. Legacy transactions with a chain id sign the EIP-155 form
 * rlp([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0]); typed ones sign
 * keccak256(type || rlp(fields without the signature)).
 */
export function signingHash(tx: Transaction): Uint8Array {
  const fields = unsignedFields(tx);
  if (tx.type === 0 && tx.chainId !== undefined) fields.push(uint(tx.chainId), EMPTY, EMPTY);
  return keccak256(envelope(tx, fields));
}
