import { byteKey } from "./byteKey.js";
import { InvalidInputError } from "./errors.js";
import { hexToBytes } from "./hex.js";

/** Map key for a 20-byte address (see byteKey). */
export function addressKey(address: Uint8Array): string {
  return byteKey(address);
}

/** Inverse of addressKey. */
export function addressFromKey(key: string): Uint8Array {
  const out = new Uint8Array(20);
  for (let i = 0; i < 20; i++) out[i] = key.charCodeAt(i);
  return out;
}

/** Parses a 20-byte hex address, naming the field on error. */
export function parseAddress(hex: string, what = "address"): Uint8Array {
  const bytes = hexToBytes(hex, what);
  if (bytes.length !== 20)
    throw new InvalidInputError(`Invalid ${what}: ${JSON.stringify(hex)} is not 20 bytes`);
  return bytes;
}
