import { bytesToBigInt, concatBytes } from "../primitives/hex.js";
import { keccak256 } from "../primitives/keccak.js";

/**
 * A static ABI argument: a bigint (uint256) or up to 32 bytes placed right-aligned in the word,
 * which is the ABI encoding of `address` (20 bytes) and of `bytes32`. Left-aligned `bytesN` (N < 32)
 * and dynamic types are not supported: the benchmark contracts do not take them.
 */
export type AbiWord = bigint | Uint8Array;

/** The 32-byte ABI word for `value`. */
export function abiWord(value: AbiWord): Uint8Array {
  const word = new Uint8Array(32);
  if (typeof value === "bigint") {
    if (value < 0n || value >= 1n << 256n) throw new RangeError(`ABI uint256 out of range: ${value}`);
    let v = value;
    for (let i = 31; i >= 0 && v > 0n; i--) {
      word[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  } else {
    if (value.length > 32) throw new RangeError(`ABI word longer than 32 bytes: ${value.length}`);
    word.set(value, 32 - value.length);
  }
  return word;
}

/** First four bytes of keccak256 of a canonical signature such as `transfer(address,uint256)`. */
export function functionSelector(signature: string): Uint8Array {
  return keccak256(new TextEncoder().encode(signature)).slice(0, 4);
}

/** Calldata for `signature` with static arguments: selector followed by one word per argument. */
export function encodeFunctionCall(signature: string, args: readonly AbiWord[]): Uint8Array {
  return concatBytes(functionSelector(signature), ...args.map(abiWord));
}

/** keccak256 of an event signature: topic 0 of its logs. */
export function eventTopic(signature: string): Uint8Array {
  return keccak256(new TextEncoder().encode(signature));
}

/** Reads the `index`-th 32-byte word of ABI-encoded return data as a uint256. */
export function decodeUint256(data: Uint8Array, index = 0): bigint {
  const start = index * 32;
  if (data.length < start + 32)
    throw new RangeError(`Return data of ${data.length} bytes has no word ${index}`);
  return bytesToBigInt(data.subarray(start, start + 32));
}
