import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak256 } from "../../primitives/keccak.js";

/**
 * The address of the account controlled by a secp256k1 secret key: the last 20 bytes of the keccak256
 * of the uncompressed public key without its 0x04 prefix. Used when a fixture gives `secretKey` but
 * no `sender`.
 */
export function senderFromSecretKey(secretKey: Uint8Array): Uint8Array {
  const publicKey = secp256k1.getPublicKey(secretKey, false);
  return keccak256(publicKey.subarray(1)).slice(12);
}
