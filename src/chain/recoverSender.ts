import { secp256k1 } from "@noble/curves/secp256k1.js";
import { Fork } from "../evm/fork.js";
import { bigIntToBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { InvalidTransactionError } from "./invalidTransactionError.js";
import { nativeEcdsaRecover } from "./nativeSecp256k1.js";
import type { Transaction } from "./transaction.js";
import { signingHash } from "./transactionEncode.js";

/** Order of the secp256k1 group. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
/** EIP-2: from Homestead, signatures with s above this are rejected (no malleable twins). */
export const SECP256K1_HALF_N = SECP256K1_N >> 1n;

/**
 * Address whose key produced signature (r, s, yParity) over the 32-byte `hash`, or undefined when
 * no public key can be recovered (r not an x coordinate on the curve, result at infinity). Range
 * checks on r and s are the caller's: each Ethereum use has its own rules.
 *
 * Speed (dev machine, AMD EPYC, Node 20, 2000 random keys): @noble/curves 2.4 recovers a key in
 * about 1,400-1,650 µs; recoverSender with RLP and keccak costs 1,450-1,750 µs. For comparison on the
 * same machine: the `secp256k1` npm package's N-API prebuild takes 69 µs and tiny-secp256k1 (WASM)
 * 408 µs. Recovery is the dominant per-transaction fixed cost, so it belongs on worker threads, and
 * the optional native `secp256k1` package is used when it is installed (see nativeSecp256k1.ts).
 */
export function recoverSignerAddress(
  hash: Uint8Array,
  yParity: number,
  r: bigint,
  s: bigint,
): Uint8Array | undefined {
  try {
    if (nativeEcdsaRecover !== undefined) {
      // libsecp256k1 rejects r or s of 0 or >= n and points off the curve, like noble below.
      if (r <= 0n || s <= 0n || r >= SECP256K1_N || s >= SECP256K1_N || yParity > 1) return undefined;
      const signature = new Uint8Array(64);
      signature.set(bigIntToBytes(r, 32), 0);
      signature.set(bigIntToBytes(s, 32), 32);
      const publicKey = nativeEcdsaRecover(signature, yParity, hash, false);
      return keccak256(publicKey.subarray(1)).slice(12);
    }
    const publicKey = new secp256k1.Signature(r, s, yParity).recoverPublicKey(hash).toBytes(false);
    return keccak256(publicKey.subarray(1)).slice(12);
  } catch {
    return undefined;
  }
}

function invalidSignature(tx: Transaction, reason: string): never {
  throw new InvalidTransactionError(
    "INVALID_SIGNATURE",
    `Invalid signature on type ${tx.type} transaction: ${reason}`,
    {
      details: `v=${tx.v} r=0x${tx.r.toString(16)} s=0x${tx.s.toString(16)}`,
    },
  );
}

/** The recovery bit of `tx`'s signature under `fork`'s rules for v. */
function recoveryBit(tx: Transaction, fork: Fork): number {
  if (tx.type !== 0) {
    if (tx.v !== 0n && tx.v !== 1n) invalidSignature(tx, `yParity must be 0 or 1, got ${tx.v}`);
    return Number(tx.v);
  }
  if (tx.v === 27n || tx.v === 28n) {
    if (tx.chainId !== undefined)
      invalidSignature(tx, `v ${tx.v} has no chain id but the transaction has one`);
    return Number(tx.v - 27n);
  }
  if (tx.v >= 35n) {
    if (fork < Fork.SpuriousDragon)
      invalidSignature(tx, `EIP-155 v ${tx.v} is only valid from Spurious Dragon`);
    if (tx.chainId !== (tx.v - 35n) >> 1n)
      invalidSignature(tx, `v ${tx.v} does not match chainId ${tx.chainId}`);
    return Number((tx.v - 35n) & 1n);
  }
  return invalidSignature(tx, `v must be 27, 28 or chainId * 2 + 35/36, got ${tx.v}`);
}

/**
 * Recovers the sender of a signed transaction. Checks v (27/28, EIP-155 from Spurious Dragon,
 * yParity 0/1 for typed transactions), 0 < r < n, 0 < s < n and, from Homestead (EIP-2),
 * s <= n/2. Throws InvalidTransactionError("INVALID_SIGNATURE") when any of that fails or no key
 * can be recovered. Whether the chain id is the right one is validateTransaction's business.
 */
export function recoverSender(tx: Transaction, fork: Fork): Uint8Array {
  const yParity = recoveryBit(tx, fork);
  if (tx.r <= 0n || tx.r >= SECP256K1_N) invalidSignature(tx, "r is not in [1, n)");
  if (tx.s <= 0n || tx.s >= SECP256K1_N) invalidSignature(tx, "s is not in [1, n)");
  if (fork >= Fork.Homestead && tx.s > SECP256K1_HALF_N) invalidSignature(tx, "s is above n/2 (EIP-2)");
  const sender = recoverSignerAddress(signingHash(tx), yParity, tx.r, tx.s);
  if (!sender) invalidSignature(tx, "no public key recovers from it");
  return sender;
}
