import { concatBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";
import { type AbiWord, abiWord } from "./abiEncode.js";

/**
 * Storage slot of `mapping[key]` for a Solidity mapping declared at `slot`:
 * keccak256(pad32(key) ++ pad32(slot)). Nest calls for mappings of mappings:
 * `allowance[owner][spender]` is `mappingSlot(spender, mappingSlot(owner, 1n))`.
 */
export function mappingSlot(key: AbiWord, slot: bigint): bigint {
  const hash = keccak256(concatBytes(abiWord(key), abiWord(slot)));
  let value = 0n;
  for (let i = 0; i < 32; i++) value = (value << 8n) | BigInt(hash[i]);
  return value;
}
