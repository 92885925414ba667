import { readBigUint, writeBigUint } from "../../primitives/bigintBytes.js";
import { KECCAK256_EMPTY } from "../../primitives/keccak.js";
import type { AccountInfo } from "../stateReader.js";
import { ACCOUNT_BYTES, ADDRESS_BYTES, HAS_STORAGE, STORAGE_KEY_BYTES } from "./lmdbLayout.js";

/*
 * Byte formats of the records in lmdbLayout.ts. Decoders take plain Uint8Array views of LMDB's reusable
 * buffers (never Buffers, whose slice() would not copy) and copy out what they keep; encoders write into
 * caller-owned scratch (LMDB copies on put).
 */

/** The chain head as the `meta` table stores it. */
export interface ChainHead {
  number: bigint;
  hash: Uint8Array;
  /** The head's state root, when the executor computed one. */
  stateRoot: Uint8Array | undefined;
}

/**
 * The 32-byte code hash at `offset`: the shared KECCAK256_EMPTY for code-less accounts (most of them),
 * else a copy, so decoding an EOA allocates no hash.
 */
function codeHashAt(bytes: Uint8Array, offset: number): Uint8Array {
  for (let i = 0; i < 32; i++) {
    if (bytes[offset + i] !== KECCAK256_EMPTY[i]) return bytes.slice(offset, offset + 32);
  }
  return KECCAK256_EMPTY;
}

/** Decodes an `accounts` value; undefined when it is not ACCOUNT_BYTES long (the caller reports corruption). */
export function decodeAccount(value: Uint8Array): AccountInfo | undefined {
  if (value.length !== ACCOUNT_BYTES) return undefined;
  return {
    nonce: readBigUint(value, 1, 8),
    balance: readBigUint(value, 9, 32),
    codeHash: codeHashAt(value, 41),
    hasStorage: (value[0] & HAS_STORAGE) !== 0,
  };
}

/** Encodes an account into `out` (ACCOUNT_BYTES). */
export function encodeAccount(
  out: Uint8Array,
  nonce: bigint,
  balance: bigint,
  codeHash: Uint8Array,
  hasStorage: boolean,
): Uint8Array {
  out[0] = hasStorage ? HAS_STORAGE : 0;
  writeBigUint(out, 1, 8, nonce);
  writeBigUint(out, 9, 32, balance);
  out.set(codeHash, 41);
  return out;
}

/** Writes the storage key of (`address`, 32-byte `slotKey`) into `out` (STORAGE_KEY_BYTES). */
export function storageKey(out: Uint8Array, address: Uint8Array, slotKey: Uint8Array): Uint8Array {
  out.set(address, 0);
  out.set(slotKey, ADDRESS_BYTES);
  return out;
}

/**
 * The key range of every slot of `address`: from the bare address (before any of its 52-byte keys) to
 * address ‖ 0xff×32 ‖ 0x00 (after all of them, before the next address).
 */
export function storageRange(address: Uint8Array): { start: Uint8Array; end: Uint8Array } {
  const end = new Uint8Array(STORAGE_KEY_BYTES + 1);
  end.set(address, 0);
  end.fill(0xff, ADDRESS_BYTES, STORAGE_KEY_BYTES);
  return { start: new Uint8Array(address), end };
}

/** Decodes a `storage` value (1-32 big-endian bytes) using `scratch` (32 bytes). */
export function decodeSlotValue(value: Uint8Array, scratch: Uint8Array): bigint {
  if (value.length <= 6) {
    let small = 0;
    for (let i = 0; i < value.length; i++) small = small * 256 + value[i];
    return BigInt(small);
  }
  scratch.fill(0, 0, 32 - value.length);
  scratch.set(value, 32 - value.length);
  return readBigUint(scratch, 0, 32);
}

/** Encodes a non-zero slot value without leading zeros, as a view of `scratch` (32 bytes). */
export function encodeSlotValue(value: bigint, scratch: Uint8Array): Uint8Array {
  writeBigUint(scratch, 0, 32, value);
  let first = 0;
  while (first < 31 && scratch[first] === 0) first++;
  return scratch.subarray(first, 32);
}

/** A block number as an 8-byte big-endian key. */
export function numberKey(number: bigint): Uint8Array {
  const out = new Uint8Array(8);
  writeBigUint(out, 0, 8, number);
  return out;
}

/** A uint64 meta value. */
export function encodeUint64(value: bigint): Uint8Array {
  return numberKey(value);
}

/** Decodes a uint64 meta value; undefined unless it is 8 bytes. */
export function decodeUint64(value: Uint8Array): bigint | undefined {
  return value.length === 8 ? readBigUint(value, 0, 8) : undefined;
}

/** Encodes the head record. */
export function encodeHead(head: ChainHead): Uint8Array {
  const out = new Uint8Array(head.stateRoot === undefined ? 40 : 72);
  writeBigUint(out, 0, 8, head.number);
  out.set(head.hash, 8);
  if (head.stateRoot !== undefined) out.set(head.stateRoot, 40);
  return out;
}

/** Decodes the head record; undefined when it is neither 40 nor 72 bytes. */
export function decodeHead(value: Uint8Array): ChainHead | undefined {
  if (value.length !== 40 && value.length !== 72) return undefined;
  return {
    number: readBigUint(value, 0, 8),
    hash: value.slice(8, 40),
    stateRoot: value.length === 72 ? value.slice(40, 72) : undefined,
  };
}
