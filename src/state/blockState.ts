import { addressKey } from "../primitives/address.js";
import { byteKey } from "../primitives/byteKey.js";
import { equalBytes } from "../primitives/hex.js";
import type { AccountWrite } from "./accountWrite.js";
import type { AccountDiff, AccountSnapshot, SlotChange, StateDiff } from "./stateDiff.js";
import { isNoopDiff } from "./stateDiff.js";
import type { AccountInfo, StateReader } from "./stateReader.js";

/** One account as changed so far in the block. */
interface OverlayAccount {
  address: Uint8Array;
  /** false: deleted (self-destructed or EIP-161 cleared); reads see no account. */
  exists: boolean;
  nonce: bigint;
  balance: bigint;
  codeHash: Uint8Array;
  /** The base's storage no longer applies (deleted or re-created in this block). */
  storageCleared: boolean;
  /** Slots written in this block with their current value; 0n entries shadow the base. */
  storage: Map<bigint, bigint>;
}

function hasNonZero(storage: Map<bigint, bigint>): boolean {
  for (const value of storage.values()) if (value !== 0n) return true;
  return false;
}

function compareSlots(a: SlotChange, b: SlotChange): number {
  return a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : 0;
}

function compareAddresses(a: AccountDiff, b: AccountDiff): number {
  const x = a.address;
  const y = b.address;
  for (let i = 0; i < 20; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * The state during a block: a StateReader over a base state plus the write sets folded in so far, in
 * order, so each transaction reads what earlier ones wrote. The base is never modified; `diff()`
 * reports the block's net effect against it.
 *
 * `hasStorage` (EIP-7610) is exact for accounts created or cleared in the block; for others it is the
 * base's answer OR a non-zero slot written here (an account whose every slot was zeroed in this block
 * still reports the base's storage: only possible for contracts, which collide on code anyway).
 */
export class BlockState implements StateReader {
  readonly base: StateReader;
  private readonly accounts = new Map<string, OverlayAccount>();
  private readonly codes = new Map<string, Uint8Array>();

  constructor(base: StateReader) {
    this.base = base;
  }

  account(address: Uint8Array): AccountInfo | undefined {
    const entry = this.accounts.get(addressKey(address));
    if (entry === undefined) return this.base.account(address);
    if (!entry.exists) return undefined;
    const hasStorage = entry.storageCleared
      ? hasNonZero(entry.storage)
      : hasNonZero(entry.storage) || (this.base.account(address)?.hasStorage ?? false);
    return { nonce: entry.nonce, balance: entry.balance, codeHash: entry.codeHash, hasStorage };
  }

  code(codeHash: Uint8Array): Uint8Array {
    if (this.codes.size > 0) {
      const code = this.codes.get(byteKey(codeHash));
      if (code !== undefined) return code;
    }
    return this.base.code(codeHash);
  }

  storage(address: Uint8Array, slot: bigint): bigint {
    const entry = this.accounts.get(addressKey(address));
    if (entry === undefined) return this.base.storage(address, slot);
    if (!entry.exists) return 0n;
    const value = entry.storage.get(slot);
    if (value !== undefined) return value;
    return entry.storageCleared ? 0n : this.base.storage(address, slot);
  }

  blockHash(number: bigint): Uint8Array {
    return this.base.blockHash(number);
  }

  /** Folds one transaction's (or system step's) write set in. */
  apply(writes: readonly AccountWrite[]): void {
    for (const write of writes) {
      const key = addressKey(write.address);
      let entry = this.accounts.get(key);
      if (write.deleted) {
        if (entry === undefined) {
          entry = {
            address: write.address,
            exists: false,
            nonce: 0n,
            balance: 0n,
            codeHash: write.codeHash,
            storageCleared: true,
            storage: new Map(),
          };
          this.accounts.set(key, entry);
        } else {
          entry.exists = false;
          entry.storageCleared = true;
          entry.storage = new Map();
        }
        continue;
      }
      if (entry === undefined) {
        entry = {
          address: write.address,
          exists: true,
          nonce: write.nonce,
          balance: write.balance,
          codeHash: write.codeHash,
          storageCleared: false,
          storage: new Map(),
        };
        this.accounts.set(key, entry);
      } else if (!entry.exists) {
        // Re-created after a deletion earlier in the block: the old storage stays gone.
        entry.exists = true;
        entry.storageCleared = true;
        entry.storage = new Map();
      }
      if (write.storageCleared) {
        entry.storageCleared = true;
        entry.storage = new Map();
      }
      entry.nonce = write.nonce;
      entry.balance = write.balance;
      entry.codeHash = write.codeHash;
      if (write.code !== undefined && write.code.length > 0)
        this.codes.set(byteKey(write.codeHash), write.code);
      for (const [slot, value] of write.storage) entry.storage.set(slot, value);
    }
  }

  /**
   * The diff a write set would make against the current state, without applying it: a transaction's
   * own state diff (call before `apply`).
   */
  diffOf(writes: readonly AccountWrite[]): StateDiff {
    const out: StateDiff = [];
    for (const write of writes) {
      const before = snapshot(this.account(write.address));
      const after: AccountSnapshot | undefined = write.deleted
        ? undefined
        : { nonce: write.nonce, balance: write.balance, codeHash: write.codeHash };
      const storage: SlotChange[] = [];
      if (!write.deleted) {
        for (const [slot, value] of write.storage) {
          const old = this.storage(write.address, slot);
          if (old !== value) storage.push({ slot, before: old, after: value });
        }
      }
      const codeChanged =
        after !== undefined && (before === undefined || !equalBytes(before.codeHash, after.codeHash));
      const diff: AccountDiff = {
        address: write.address,
        before,
        after,
        code: codeChanged && write.code !== undefined ? write.code : undefined,
        storageCleared: write.storageCleared && this.hadStorage(write.address),
        storage: storage.sort(compareSlots),
      };
      if (!isNoopDiff(diff)) out.push(diff);
    }
    return out.sort(compareAddresses);
  }

  /** The block's net effect on every account it changed, against the base state. */
  diff(): StateDiff {
    const out: StateDiff = [];
    for (const entry of this.accounts.values()) {
      const before = snapshot(this.base.account(entry.address));
      const after: AccountSnapshot | undefined = entry.exists
        ? { nonce: entry.nonce, balance: entry.balance, codeHash: entry.codeHash }
        : undefined;
      const wiped = entry.storageCleared && (this.base.account(entry.address)?.hasStorage ?? false);
      const storage: SlotChange[] = [];
      for (const [slot, value] of entry.storage) {
        const old = before === undefined ? 0n : this.base.storage(entry.address, slot);
        // After a wipe the storage restarts empty: a slot written back with its old value is still set.
        if (old !== value || (wiped && value !== 0n)) storage.push({ slot, before: old, after: value });
      }
      const codeChanged =
        after !== undefined && (before === undefined || !equalBytes(before.codeHash, after.codeHash));
      const diff: AccountDiff = {
        address: entry.address,
        before,
        after,
        code: codeChanged ? this.code(after.codeHash) : undefined,
        storageCleared: wiped,
        storage: storage.sort(compareSlots),
      };
      if (!isNoopDiff(diff)) out.push(diff);
    }
    return out.sort(compareAddresses);
  }

  /** True when the account currently reads any storage (the wipe of a storage-less account is no change). */
  private hadStorage(address: Uint8Array): boolean {
    return this.account(address)?.hasStorage ?? false;
  }

  /** Addresses changed so far (for callers that walk the overlay). */
  *changedAddresses(): IterableIterator<Uint8Array> {
    for (const entry of this.accounts.values()) yield entry.address;
  }
}

function snapshot(info: AccountInfo | undefined): AccountSnapshot | undefined {
  return info === undefined
    ? undefined
    : { nonce: info.nonce, balance: info.balance, codeHash: info.codeHash };
}
