import type { AccountFields, Common, StateManagerInterface } from "@ethereumjs/common";
import { OriginalStorageCache } from "@ethereumjs/statemanager";
import { Account, type Address, bytesToHex } from "@ethereumjs/util";
import { keccak256 } from "../primitives/keccak.js";

/** Undoes one write when its checkpoint is reverted. */
type UndoEntry = () => void;

function copyAccount(account: Account): Account {
  return Object.assign(Object.create(Account.prototype), account) as Account;
}

/**
 * An in-memory ethereumjs StateManagerInterface whose checkpoints cost O(writes), for benchmarking
 * ethereumjs' EVM and runTx without its state backends' costs. Why: SimpleStateManager copies every
 * account, code and storage map on each checkpoint (several per transaction), so its per-transaction
 * cost grows with the state — 26% of a 1,000-transfer ERC20 run was `checkpointSync` — and
 * MerkleStateManager writes into the trie on every transaction commit. Neither is EVM work.
 *
 * Semantics follow SimpleStateManager (plain maps, no state root); reads return copies of accounts
 * because ethereumjs mutates the Account it reads before writing it back.
 */
export class JournalStateManager implements StateManagerInterface {
  readonly common?: Common;
  readonly originalStorageCache: OriginalStorageCache;
  private readonly accounts = new Map<string, Account | undefined>();
  private readonly codes = new Map<string, Uint8Array>();
  /** Storage per address, slot key (hex) → value bytes. */
  private readonly storages = new Map<string, Map<string, Uint8Array>>();
  /** One undo log per open checkpoint, innermost last. */
  private readonly journal: UndoEntry[][] = [];

  constructor(opts: { common?: Common } = {}) {
    this.common = opts.common;
    this.originalStorageCache = new OriginalStorageCache(this.getStorage.bind(this));
  }

  private record(undo: UndoEntry): void {
    if (this.journal.length > 0) this.journal[this.journal.length - 1].push(undo);
  }

  /** Sets `key` in `map`, journaling how to restore the previous entry (or its absence). */
  private setJournaled<V>(map: Map<string, V>, key: string, value: V): void {
    if (this.journal.length > 0) {
      if (map.has(key)) {
        const previous = map.get(key) as V;
        this.record(() => map.set(key, previous));
      } else {
        this.record(() => map.delete(key));
      }
    }
    map.set(key, value);
  }

  async getAccount(address: Address): Promise<Account | undefined> {
    const account = this.accounts.get(address.toString());
    return account === undefined ? undefined : copyAccount(account);
  }

  async putAccount(address: Address, account?: Account): Promise<void> {
    this.setJournaled(
      this.accounts,
      address.toString(),
      account === undefined ? undefined : copyAccount(account),
    );
  }

  /**
   * Removes the account with its code and storage, as MerkleStateManager does (its caches drop all
   * three). Keeping them was this class's bug on SELFDESTRUCT-heavy mainnet blocks (11743952,
   * 12047794, 12159808): a contract destroyed earlier in the block still had code and storage when a
   * later transaction called it or re-created it, so ethereumjs ran the old code.
   */
  async deleteAccount(address: Address): Promise<void> {
    const key = address.toString();
    this.setJournaled(this.accounts, key, undefined);
    if (this.codes.has(key)) this.setJournaled(this.codes, key, new Uint8Array(0));
    if (this.storages.has(key)) this.setJournaled(this.storages, key, new Map());
  }

  async modifyAccountFields(address: Address, fields: AccountFields): Promise<void> {
    const account = (await this.getAccount(address)) ?? new Account();
    account.nonce = fields.nonce ?? account.nonce;
    account.balance = fields.balance ?? account.balance;
    account.storageRoot = fields.storageRoot ?? account.storageRoot;
    account.codeHash = fields.codeHash ?? account.codeHash;
    account.codeSize = fields.codeSize ?? account.codeSize;
    await this.putAccount(address, account);
  }

  async getCode(address: Address): Promise<Uint8Array> {
    return this.codes.get(address.toString()) ?? new Uint8Array(0);
  }

  async putCode(address: Address, value: Uint8Array): Promise<void> {
    this.setJournaled(this.codes, address.toString(), value);
    await this.modifyAccountFields(address, { codeHash: keccak256(value) });
  }

  async getCodeSize(address: Address): Promise<number> {
    return (await this.getCode(address)).length;
  }

  async getStorage(address: Address, key: Uint8Array): Promise<Uint8Array> {
    return this.storages.get(address.toString())?.get(bytesToHex(key)) ?? new Uint8Array(0);
  }

  async putStorage(address: Address, key: Uint8Array, value: Uint8Array): Promise<void> {
    const addressKey = address.toString();
    let storage = this.storages.get(addressKey);
    if (storage === undefined) {
      storage = new Map();
      this.setJournaled(this.storages, addressKey, storage);
    }
    this.setJournaled(storage, bytesToHex(key), value);
  }

  async clearStorage(address: Address): Promise<void> {
    this.setJournaled(this.storages, address.toString(), new Map());
  }

  async checkpoint(): Promise<void> {
    this.journal.push([]);
  }

  async commit(): Promise<void> {
    const undo = this.journal.pop();
    if (undo === undefined) throw new Error("JournalStateManager: commit without checkpoint");
    // The parent must still be able to undo these writes if it reverts.
    if (this.journal.length > 0) {
      const parent = this.journal[this.journal.length - 1];
      for (const entry of undo) parent.push(entry);
    }
  }

  async revert(): Promise<void> {
    const undo = this.journal.pop();
    if (undo === undefined) throw new Error("JournalStateManager: revert without checkpoint");
    for (let i = undo.length - 1; i >= 0; i--) undo[i]();
  }

  async flush(): Promise<void> {}

  clearCaches(): void {}

  shallowCopy(): StateManagerInterface {
    throw new Error("JournalStateManager does not support shallowCopy");
  }

  /**
   * A placeholder (32 zero bytes): runTx asks for the root to put in pre-Byzantium receipts, which
   * the benchmark never compares (the pre-state is partial anyway). Keeps no real root.
   */
  async getStateRoot(): Promise<Uint8Array> {
    return new Uint8Array(32);
  }

  async setStateRoot(): Promise<void> {
    throw new Error("JournalStateManager keeps no state root");
  }

  async hasStateRoot(): Promise<boolean> {
    return false;
  }
}
