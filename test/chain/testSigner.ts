import { secp256k1 } from "@noble/curves/secp256k1.js";
import { authorizationSigningHash } from "../../src/chain/authorization.js";
import type { Authorization, Transaction } from "../../src/chain/transaction.js";
import { signingHash } from "../../src/chain/transactionEncode.js";
import { bytesToBigInt } from "../../src/primitives/hex.js";
import { keccak256 } from "../../src/primitives/keccak.js";

/** Test-only signing: (yParity, r, s) of a low-s signature over `hash`. */
export function sign(hash: Uint8Array, secretKey: Uint8Array): { yParity: bigint; r: bigint; s: bigint } {
  const sig = secp256k1.sign(hash, secretKey, { prehash: false, format: "recovered" });
  return {
    yParity: BigInt(sig[0]),
    r: bytesToBigInt(sig.subarray(1, 33)),
    s: bytesToBigInt(sig.subarray(33, 65)),
  };
}

/** The address of `secretKey`. */
export function addressOf(secretKey: Uint8Array): Uint8Array {
  return keccak256(secp256k1.getPublicKey(secretKey, false).subarray(1)).slice(12);
}

/** Signs `tx` in place: typed txs get yParity as v; legacy ones 27/28, or EIP-155 v when chainId is set. */
export function signTransaction(tx: Transaction, secretKey: Uint8Array): Transaction {
  const { yParity, r, s } = sign(signingHash(tx), secretKey);
  let v = yParity;
  if (tx.type === 0) v = tx.chainId === undefined ? 27n + yParity : tx.chainId * 2n + 35n + yParity;
  return { ...tx, v, r, s };
}

/** Signs an EIP-7702 authorization for (chainId, address, nonce). */
export function signAuthorization(
  fields: { chainId: bigint; address: Uint8Array; nonce: bigint },
  secretKey: Uint8Array,
): Authorization {
  const unsigned: Authorization = { ...fields, yParity: 0n, r: 0n, s: 0n };
  return { ...unsigned, ...sign(authorizationSigningHash(unsigned), secretKey) };
}

/** A transaction of `type` with neutral fields, unsigned; override what a test needs. */
export function makeTransaction(type: Transaction["type"], fields: Partial<Transaction> = {}): Transaction {
  return {
    type,
    chainId: type === 0 ? undefined : 1n,
    nonce: 0n,
    gasPrice: 10n,
    maxPriorityFeePerGas: type >= 2 ? 1n : 10n,
    maxFeePerGas: 10n,
    gasLimit: 100_000n,
    to: new Uint8Array(20).fill(0x11),
    value: 0n,
    data: new Uint8Array(0),
    accessList: [],
    maxFeePerBlobGas: type === 3 ? 1n : 0n,
    blobVersionedHashes: type === 3 ? [Uint8Array.of(1, ...new Uint8Array(31).fill(7))] : [],
    authorizationList: [],
    v: 0n,
    r: 0n,
    s: 0n,
    ...fields,
  };
}
