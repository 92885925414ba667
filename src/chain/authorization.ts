import { bigIntToBytes, concatBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { encodeRlp } from "../primitives/rlp.js";
import { recoverSignerAddress, SECP256K1_HALF_N, SECP256K1_N } from "./recoverSender.js";
import type { Authorization } from "./transaction.js";

/** EIP-7702 MAGIC: the domain byte that keeps authorization signatures apart from transactions. */
const SET_CODE_MAGIC = 0x05;

/** keccak256(0x05 || rlp([chainId, address, nonce])): what an EIP-7702 authority signs. */
export function authorizationSigningHash(auth: Authorization): Uint8Array {
  const body = encodeRlp([bigIntToBytes(auth.chainId), auth.address, bigIntToBytes(auth.nonce)]);
  return keccak256(concatBytes(Uint8Array.of(SET_CODE_MAGIC), body));
}

/**
 * The authority (signer) of an EIP-7702 authorization, or undefined when its signature is invalid:
 * yParity not 0/1, r not in [1, n), s not in [1, n/2], or no key recovers. An invalid tuple is
 * skipped, not fatal to the transaction. The chain id (0 or the chain's) and nonce (< 2^64 - 1,
 * equal to the authority's) checks need chain and state, so they are the executor's.
 */
export function recoverAuthority(auth: Authorization): Uint8Array | undefined {
  if (auth.yParity !== 0n && auth.yParity !== 1n) return undefined;
  if (auth.r <= 0n || auth.r >= SECP256K1_N) return undefined;
  if (auth.s <= 0n || auth.s > SECP256K1_HALF_N) return undefined;
  return recoverSignerAddress(authorizationSigningHash(auth), Number(auth.yParity), auth.r, auth.s);
}
