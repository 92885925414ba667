import { secp256k1 } from "@noble/curves/secp256k1.js";
import type { Transaction } from "../chain/transaction.js";
import { signingHash } from "../chain/transactionEncode.js";

/**
 * Signs a typed (EIP-2930 and later) transaction: returns a copy with `v` set to the y-parity and
 * `r`, `s` from an RFC 6979 deterministic, low-s signature over its signing hash.
 */
export function signTypedTransaction(tx: Transaction, secretKey: Uint8Array): Transaction {
  if (tx.type === 0) throw new Error("signTypedTransaction does not sign legacy transactions");
  // prehash: false — the signing hash is already keccak256; noble would otherwise hash it again with sha256.
  const bytes = secp256k1.sign(signingHash(tx), secretKey, { prehash: false, format: "recovered" });
  const signature = secp256k1.Signature.fromBytes(bytes, "recovered");
  return { ...tx, v: BigInt(signature.recovery!), r: signature.r, s: signature.s };
}
