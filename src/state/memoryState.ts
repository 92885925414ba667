import { addressFromKey, addressKey } from "../primitives/address.js";
import { byteKey } from "../primitives/byteKey.js";
import { KECCAK256_EMPTY, keccak256 } from "../primitives/keccak.js";
import type { AccountInfo, StateReader } from "./stateReader.js";

/** An account held in memory with its full storage. */
export interface MemoryAccount {
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  codeHash: Uint8Array;
  /** Non-zero slots only. */
  storage: Map<bigint, bigint>;
}

const ZERO_HASH = new Uint8Array(32);

/** A complete in-memory world state: the default backend and the state tests' pre/post state. */
export class MemoryState implements StateReader {
  private readonly accountsByKey = new Map<string, MemoryAccount>();
  private readonly codeByHash = new Map<string, Uint8Array>();
  private readonly blockHashes = new Map<bigint, Uint8Array>();

  account(address: Uint8Array): AccountInfo | undefined {
    const account = this.accountsByKey.get(addressKey(address));
    if (account === undefined) return undefined;
    return {
      nonce: account.nonce,
      balance: account.balance,
      codeHash: account.codeHash,
      hasStorage: account.storage.size > 0,
    };
  }

  code(codeHash: Uint8Array): Uint8Array {
    return this.codeByHash.get(byteKey(codeHash)) ?? new Uint8Array(0);
  }

  storage(address: Uint8Array, slot: bigint): bigint {
    return this.accountsByKey.get(addressKey(address))?.storage.get(slot) ?? 0n;
  }

  blockHash(number: bigint): Uint8Array {
    return this.blockHashes.get(number) ?? ZERO_HASH;
  }

  /** Creates or replaces an account; `code` defaults to empty. */
  setAccount(
    address: Uint8Array,
    fields: { nonce?: bigint; balance?: bigint; code?: Uint8Array; storage?: Map<bigint, bigint> },
  ): MemoryAccount {
    const code = fields.code ?? new Uint8Array(0);
    const codeHash = code.length === 0 ? KECCAK256_EMPTY : keccak256(code);
    if (code.length > 0) this.codeByHash.set(byteKey(codeHash), code);
    const account: MemoryAccount = {
      nonce: fields.nonce ?? 0n,
      balance: fields.balance ?? 0n,
      code,
      codeHash,
      storage: fields.storage ?? new Map(),
    };
    this.accountsByKey.set(addressKey(address), account);
    return account;
  }

  /** The mutable account record, or undefined. */
  getAccount(address: Uint8Array): MemoryAccount | undefined {
    return this.accountsByKey.get(addressKey(address));
  }

  deleteAccount(address: Uint8Array): void {
    this.accountsByKey.delete(addressKey(address));
  }

  setBlockHash(number: bigint, hash: Uint8Array): void {
    this.blockHashes.set(number, hash);
  }

  /** Every account with its address. */
  *entries(): IterableIterator<[Uint8Array, MemoryAccount]> {
    for (const [key, account] of this.accountsByKey) yield [addressFromKey(key), account];
  }
}
