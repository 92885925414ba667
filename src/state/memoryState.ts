import { addressFromKey, addressKey } from "../primitives/address.js";
import { byteKey } from "../primitives/byteKey.js";
import { KECCAK256_EMPTY, keccak256 } from "../primitives/keccak.js";
import type { AccountInfo, StateReader } from "./stateReader.js";
import type { StateRootProvider } from "./stateRootProvider.js";
import { WorldStateTrie } from "./worldStateTrie.js";

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

/** How a MemoryState is made. */
export interface MemoryStateOptions {
  /**
   * The state holds every account of the chain (a genesis alloc, a blockchain test's pre-state, a
   * generated workload), so it provides its state trie and `executeBlock` returns the state root.
   * Default false: a mainnet block fixture's pre-state holds only what its block touches.
   */
  complete?: boolean;
}

/**
 * An in-memory world state: the default backend, the state tests' pre/post state, generated workloads
 * and block fixtures' pre-states. A complete one (see MemoryStateOptions) keeps its world-state trie
 * once built: a change through setAccount or deleteAccount drops it (the next use rebuilds it), and
 * applyStateDiff replaces it with the post-block trie the block's execution returned, so consecutive
 * blocks each hash only what they touched.
 */
export class MemoryState implements StateReader, StateRootProvider {
  private readonly accountsByKey = new Map<string, MemoryAccount>();
  private readonly codeByHash = new Map<string, Uint8Array>();
  private readonly blockHashes = new Map<bigint, Uint8Array>();
  readonly complete: boolean;
  private trie: WorldStateTrie | undefined;

  constructor(options: MemoryStateOptions = {}) {
    this.complete = options.complete ?? false;
  }

  worldStateTrie(): WorldStateTrie | undefined {
    if (!this.complete) return undefined;
    this.trie ??= WorldStateTrie.build(this.entries());
    return this.trie;
  }

  /** The world-state trie if one is built and current, without building it. */
  get builtWorldStateTrie(): WorldStateTrie | undefined {
    return this.trie;
  }

  /**
   * Makes `trie` this state's trie, which must be the trie of exactly these accounts (applyStateDiff
   * passes the post-block trie of the diff it just applied). Ignored for a state that is not complete.
   */
  setWorldStateTrie(trie: WorldStateTrie): void {
    if (this.complete) this.trie = trie;
  }

  /** A copy with its own account records and storage maps, sharing the (immutable) trie and code. */
  clone(): MemoryState {
    const copy = new MemoryState({ complete: this.complete });
    for (const [key, account] of this.accountsByKey) {
      copy.accountsByKey.set(key, { ...account, storage: new Map(account.storage) });
    }
    for (const [key, code] of this.codeByHash) copy.codeByHash.set(key, code);
    for (const [number, hash] of this.blockHashes) copy.blockHashes.set(number, hash);
    copy.trie = this.trie;
    return copy;
  }

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
    this.trie = undefined;
    return account;
  }

  /**
   * The mutable account record, or undefined. Changing it in place does not reach a trie already built:
   * change accounts through setAccount.
   */
  getAccount(address: Uint8Array): MemoryAccount | undefined {
    return this.accountsByKey.get(addressKey(address));
  }

  deleteAccount(address: Uint8Array): void {
    this.accountsByKey.delete(addressKey(address));
    this.trie = undefined;
  }

  setBlockHash(number: bigint, hash: Uint8Array): void {
    this.blockHashes.set(number, hash);
  }

  /** Every account with its address. */
  *entries(): IterableIterator<[Uint8Array, MemoryAccount]> {
    for (const [key, account] of this.accountsByKey) yield [addressFromKey(key), account];
  }
}
