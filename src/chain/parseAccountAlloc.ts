import { InvalidInputError } from "../primitives/errors.js";
import { bytesToBigInt, bytesToHex, equalBytes, hexToBytes, parseQuantity } from "../primitives/hex.js";
import { KECCAK256_EMPTY, keccak256 } from "../primitives/keccak.js";
import type { MemoryState } from "../state/memoryState.js";

/** One account of an allocation, missing fields filled in: zero balance and nonce, no code, no storage. */
export interface AllocAccount {
  address: Uint8Array;
  balance: bigint;
  nonce: bigint;
  code: Uint8Array;
  /** Every slot listed, zero-valued ones included (a trace that read a zero slot lists it). */
  storage: Map<bigint, bigint>;
}

/** A JSON object, or an InvalidInputError naming `what`. */
export function jsonObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    throw new InvalidInputError(`Invalid ${what}: expected an object, got ${got}`);
  }
  return value as Record<string, unknown>;
}

function quantity(value: unknown, what: string, maxBits: number): bigint {
  const n = parseQuantity(value as string | number | bigint, what);
  if (n >= 1n << BigInt(maxBits))
    throw new InvalidInputError(`Invalid ${what}: ${n} does not fit in ${maxBits} bits`);
  return n;
}

/** Hex of at most `maxBytes` bytes, `0x` optional (geth reads storage keys and values that way). */
function hexBytes(value: unknown, what: string, maxBytes?: number): Uint8Array {
  const bytes = hexToBytes(value as string, what);
  if (maxBytes !== undefined && bytes.length > maxBytes)
    throw new InvalidInputError(`Invalid ${what}: ${bytes.length} bytes, at most ${maxBytes} allowed`);
  return bytes;
}

/** Code from `code`, checked against `codeHash` when the JSON has both; a codeHash alone must be empty code. */
function codeOf(json: Record<string, unknown>, what: string): Uint8Array {
  const code =
    json.code === undefined || json.code === null ? new Uint8Array(0) : hexBytes(json.code, `${what}.code`);
  if (json.codeHash === undefined || json.codeHash === null) return code;
  const declared = hexBytes(json.codeHash, `${what}.codeHash`);
  if (equalBytes(declared, code.length === 0 ? KECCAK256_EMPTY : keccak256(code))) return code;
  throw new InvalidInputError(
    code.length === 0
      ? `${what} has codeHash ${bytesToHex(declared)} but no code (traced with disableCode?)`
      : `${what}.code does not hash to its codeHash ${bytesToHex(declared)}`,
  );
}

/**
 * Parses an account allocation, `{ "<address>": { balance, nonce, code, storage: { "<slot>": "<value>" } } }`,
 * as geth genesis files, prestate-tracer output, Ethereum test fixtures and our mainnet fixtures write it.
 * Addresses, code, slots and values are hex (`0x` optional, slots and values up to 32 bytes); balance and
 * nonce are hex with `0x`, decimal strings, or JSON numbers; absent fields are zero or empty. An optional
 * `codeHash` must match the code. `what` names the input in errors
 * (`Invalid genesis alloc[0xab…].balance: …`), which are InvalidInputError.
 */
export function parseAccountAlloc(json: unknown, what: string): AllocAccount[] {
  return Object.entries(jsonObject(json, what)).map(([key, value]) => {
    const at = `${what}[${key}]`;
    const account = jsonObject(value, at);
    const storage = new Map<bigint, bigint>();
    const slots = account.storage === undefined || account.storage === null ? {} : account.storage;
    for (const [slot, word] of Object.entries(jsonObject(slots, `${at}.storage`))) {
      const v = bytesToBigInt(hexBytes(word, `${at}.storage[${slot}]`, 32));
      storage.set(bytesToBigInt(hexBytes(slot, `${at}.storage key ${slot}`, 32)), v);
    }
    const address = hexBytes(key, `${what} address ${key}`);
    if (address.length !== 20)
      throw new InvalidInputError(`Invalid ${what} address ${key}: ${address.length} bytes, expected 20`);
    return {
      address,
      balance:
        account.balance === undefined || account.balance === null
          ? 0n
          : quantity(account.balance, `${at}.balance`, 256),
      nonce:
        account.nonce === undefined || account.nonce === null
          ? 0n
          : quantity(account.nonce, `${at}.nonce`, 64),
      code: codeOf(account, at),
      storage,
    };
  });
}

/**
 * Puts `account` into `state`, dropping zero-valued slots: absent and zero are the same in Ethereum
 * storage, and EIP-7610's "has storage" must not see them.
 */
export function setAllocAccount(state: MemoryState, account: AllocAccount): void {
  const storage = new Map<bigint, bigint>();
  for (const [slot, value] of account.storage) if (value !== 0n) storage.set(slot, value);
  state.setAccount(account.address, { ...account, storage });
}
