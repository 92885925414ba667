import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bigIntToBytes, concatBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";

/** An externally owned account with its secp256k1 secret key. */
export interface BenchAccount {
  secretKey: Uint8Array;
  address: Uint8Array;
}

const SEED_TAG = new TextEncoder().encode("parallel-evm bench account");

/**
 * The `index`-th deterministic benchmark account: secret key keccak256(tag ++ index), so every run,
 * and both EVMs under comparison, see the same addresses.
 */
export function benchAccount(index: number): BenchAccount {
  const secretKey = benchSecretKey(index);
  const publicKey = secp256k1.getPublicKey(secretKey, false);
  return { secretKey, address: keccak256(publicKey.subarray(1)).slice(12) };
}

/** The secret key of benchAccount(index), without the ~1 ms public-key derivation. */
export function benchSecretKey(index: number): Uint8Array {
  return keccak256(concatBytes(SEED_TAG, bigIntToBytes(BigInt(index), 8)));
}

/**
 * A deterministic contract or recipient address that nobody holds a key for: the last 20 bytes of
 * keccak256(`label` ++ index). Cheaper than benchAccount when no signature is needed.
 */
export function benchAddress(label: string, index: number): Uint8Array {
  return keccak256(concatBytes(new TextEncoder().encode(label), bigIntToBytes(BigInt(index), 8))).slice(12);
}
