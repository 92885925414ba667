import { bigIntToBytes, concatBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { encodeRlp } from "../primitives/rlp.js";

/** CREATE address: keccak256(rlp([sender, nonce]))[12:]. */
export function createAddress(sender: Uint8Array, nonce: bigint): Uint8Array {
  return keccak256(encodeRlp([sender, bigIntToBytes(nonce)])).slice(12);
}

/** CREATE2 address (EIP-1014): keccak256(0xff ++ sender ++ salt ++ keccak256(initcode))[12:]. */
export function create2Address(sender: Uint8Array, salt: Uint8Array, initcode: Uint8Array): Uint8Array {
  return keccak256(concatBytes(Uint8Array.of(0xff), sender, salt, keccak256(initcode))).slice(12);
}
