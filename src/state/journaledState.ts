import { addressKey } from "../primitives/address.js";
import { equalBytes } from "../primitives/hex.js";
import { KECCAK256_EMPTY, keccak256 } from "../primitives/keccak.js";
import type { AccountWrite } from "./accountWrite.js";
import type { StateReader } from "./stateReader.js";

/** One account as seen (and changed) by the running transaction. */
export interface AccountRecord {
  readonly address: Uint8Array;
  exists: boolean;
  nonce: bigint;
  balance: bigint;
  codeHash: Uint8Array;
  /** Loaded on first use. */
  code: Uint8Array | undefined;
  /** setCode ran (the write set then carries the code; otherwise it stays out of it). */
  codeChanged: boolean;
  /** Current values of every slot read or written in this transaction. */
  storage: Map<bigint, bigint>;
  /** Values at transaction start (EIP-2200 "original"), cached from the reader. */
  committed: Map<bigint, bigint>;
  /** Storage in the reader no longer applies (account re-created in this transaction). */
  storageCleared: boolean;
  /** The reader reports storage under this account (EIP-7610 collision check). */
  hadStorage: boolean;
  warm: boolean;
  warmSlots: Set<bigint> | undefined;
  transient: Map<bigint, bigint> | undefined;
  touched: boolean;
  createdInTx: boolean;
  selfDestructed: boolean;
  /** Any field other than warmth changed: the account appears in the write set. */
  dirty: boolean;
}

enum Change {
  Balance,
  Nonce,
  Code,
  Storage,
  Transient,
  WarmAccount,
  WarmSlot,
  Touch,
  Exists,
  Create,
  SelfDestruct,
}

interface JournalEntry {
  change: Change;
  record: AccountRecord;
  slot: bigint;
  previous: unknown;
}

const RIPEMD160_ADDRESS_KEY = addressKey(Uint8Array.of(...new Array(19).fill(0), 3));

/**
 * The slot maps of a record that has no slot yet (most accounts a transaction touches: senders,
 * recipients, the coinbase): one shared empty Map, never written, swapped for a Map of the record's own
 * on its first slot (ownStorage / ownCommitted). Two Map allocations fewer per such account.
 */
const NO_SLOTS = new Map<bigint, bigint>();

function ownStorage(record: AccountRecord): Map<bigint, bigint> {
  if (record.storage === NO_SLOTS) record.storage = new Map();
  return record.storage;
}

function ownCommitted(record: AccountRecord): Map<bigint, bigint> {
  if (record.committed === NO_SLOTS) record.committed = new Map();
  return record.committed;
}

/** A checkpoint to revert to: journal and log lengths plus the refund counter. */
export interface Checkpoint {
  journalLength: number;
  refund: number;
}

/**
 * Transaction-scoped state over a StateReader: account cache, undo journal for nested call reverts,
 * EIP-2929 warm sets, EIP-1153 transient storage, touched/created/destroyed tracking.
 */
export class JournaledState {
  readonly reader: StateReader;
  private readonly records = new Map<string, AccountRecord>();
  private readonly journal: JournalEntry[] = [];
  /** Gas refund counter (may go negative inside a transaction under EIP-2200). */
  refund = 0;
  /** Addresses (and slots) warmed before execution without loading their accounts. */
  private readonly prewarmed = new Map<string, Set<bigint> | undefined>();
  /** Keys of addresses that are always warm (the fork's precompiles), shared between transactions. */
  private alwaysWarm: ReadonlySet<string> | undefined;

  constructor(reader: StateReader) {
    this.reader = reader;
  }

  /** The account record, loading it from the reader on first access. */
  account(address: Uint8Array): AccountRecord {
    const key = addressKey(address);
    let record = this.records.get(key);
    if (record === undefined) {
      const info = this.reader.account(address);
      record = {
        address,
        exists: info !== undefined,
        nonce: info?.nonce ?? 0n,
        balance: info?.balance ?? 0n,
        codeHash: info?.codeHash ?? KECCAK256_EMPTY,
        code: info === undefined ? new Uint8Array(0) : undefined,
        codeChanged: false,
        storage: NO_SLOTS,
        committed: NO_SLOTS,
        storageCleared: false,
        hadStorage: info?.hasStorage ?? false,
        warm: false,
        warmSlots: undefined,
        transient: undefined,
        touched: false,
        createdInTx: false,
        selfDestructed: false,
        dirty: false,
      };
      if (this.alwaysWarm?.has(key)) record.warm = true;
      if (this.prewarmed.has(key)) {
        record.warm = true;
        const slots = this.prewarmed.get(key);
        if (slots !== undefined) record.warmSlots = new Set(slots);
      }
      this.records.set(key, record);
    }
    return record;
  }

  /**
   * Warms an address (and a slot of it, when given) before execution starts, without reading the
   * account (EIP-2929/2930 pre-warming is never reverted, so it needs no journal entry).
   */
  prewarm(address: Uint8Array, slot: bigint | undefined): void {
    const key = addressKey(address);
    const record = this.records.get(key);
    if (record !== undefined) {
      record.warm = true;
      if (slot !== undefined) {
        if (record.warmSlots === undefined) record.warmSlots = new Set();
        record.warmSlots.add(slot);
      }
      return;
    }
    let slots = this.prewarmed.get(key);
    if (slot !== undefined) {
      if (slots === undefined) slots = new Set();
      slots.add(slot);
    }
    this.prewarmed.set(key, slots);
  }

  /** Treats every address in `keys` (see addressKey) as pre-warmed; cheaper than `prewarm` for fixed sets. */
  prewarmAll(keys: ReadonlySet<string>): void {
    this.alwaysWarm = keys;
    for (const [key, record] of this.records) if (keys.has(key)) record.warm = true;
  }

  code(record: AccountRecord): Uint8Array {
    if (record.code === undefined) record.code = this.reader.code(record.codeHash);
    return record.code;
  }

  /** EIP-161 empty: no nonce, no balance, no code. */
  isEmpty(record: AccountRecord): boolean {
    return record.nonce === 0n && record.balance === 0n && equalBytes(record.codeHash, KECCAK256_EMPTY);
  }

  /**
   * Whether the account at `address` self-destructed in this transaction (and is deleted at finalize),
   * without loading it: an account never loaded did not.
   */
  isSelfDestructed(address: Uint8Array): boolean {
    return this.records.get(addressKey(address))?.selfDestructed === true;
  }

  /** Non-existent or empty (what EIP-161 calls "dead"). */
  isDead(record: AccountRecord): boolean {
    return !record.exists || this.isEmpty(record);
  }

  private record(change: Change, record: AccountRecord, slot: bigint, previous: unknown): void {
    this.journal.push({ change, record, slot, previous });
  }

  setBalance(record: AccountRecord, balance: bigint): void {
    this.record(Change.Balance, record, 0n, record.balance);
    record.balance = balance;
    record.dirty = true;
    this.ensureExists(record);
  }

  setNonce(record: AccountRecord, nonce: bigint): void {
    this.record(Change.Nonce, record, 0n, record.nonce);
    record.nonce = nonce;
    record.dirty = true;
    this.ensureExists(record);
  }

  setCode(record: AccountRecord, code: Uint8Array): void {
    this.record(Change.Code, record, 0n, [record.code, record.codeHash, record.codeChanged]);
    record.code = code;
    record.codeChanged = true;
    record.codeHash = code.length === 0 ? KECCAK256_EMPTY : keccak256(code);
    record.dirty = true;
    this.ensureExists(record);
  }

  private ensureExists(record: AccountRecord): void {
    if (!record.exists) {
      this.record(Change.Exists, record, 0n, false);
      record.exists = true;
    }
  }

  /** Marks an account touched (EIP-161); a touched non-existent account comes into existence. */
  touch(record: AccountRecord): void {
    if (!record.touched) {
      this.record(Change.Touch, record, 0n, false);
      record.touched = true;
      record.dirty = true;
    }
    this.ensureExists(record);
  }

  /** Current value of a storage slot. */
  storage(record: AccountRecord, slot: bigint): bigint {
    const current = record.storage.get(slot);
    if (current !== undefined) return current;
    const value = this.committedStorage(record, slot);
    ownStorage(record).set(slot, value);
    return value;
  }

  /** Value at transaction start (0 for accounts created in this transaction). */
  originalStorage(record: AccountRecord, slot: bigint): bigint {
    if (record.createdInTx) return 0n;
    return this.committedStorage(record, slot);
  }

  private committedStorage(record: AccountRecord, slot: bigint): bigint {
    let value = record.committed.get(slot);
    if (value === undefined) {
      value = record.storageCleared || !record.exists ? 0n : this.reader.storage(record.address, slot);
      ownCommitted(record).set(slot, value);
    }
    return record.storageCleared ? 0n : value;
  }

  setStorage(record: AccountRecord, slot: bigint, value: bigint): void {
    const previous = this.storage(record, slot);
    this.record(Change.Storage, record, slot, previous);
    ownStorage(record).set(slot, value);
    record.dirty = true;
  }

  transientStorage(record: AccountRecord, slot: bigint): bigint {
    return record.transient?.get(slot) ?? 0n;
  }

  setTransientStorage(record: AccountRecord, slot: bigint, value: bigint): void {
    if (record.transient === undefined) record.transient = new Map();
    this.record(Change.Transient, record, slot, record.transient.get(slot) ?? 0n);
    record.transient.set(slot, value);
  }

  /** Marks the account warm; returns whether it was already warm (EIP-2929). */
  warmAccount(record: AccountRecord): boolean {
    if (record.warm) return true;
    this.record(Change.WarmAccount, record, 0n, false);
    record.warm = true;
    return false;
  }

  /** Marks the slot warm; returns whether it was already warm (EIP-2929). */
  warmSlot(record: AccountRecord, slot: bigint): boolean {
    if (record.warmSlots === undefined) record.warmSlots = new Set();
    else if (record.warmSlots.has(slot)) return true;
    this.record(Change.WarmSlot, record, slot, false);
    record.warmSlots.add(slot);
    return false;
  }

  /** Starts a new contract at this address: storage wiped, marked created in this transaction. */
  markCreated(record: AccountRecord): void {
    this.record(Change.Create, record, 0n, [record.storageCleared, record.createdInTx, record.storage]);
    record.storageCleared = true;
    record.createdInTx = true;
    record.storage = NO_SLOTS;
    record.dirty = true;
    this.ensureExists(record);
  }

  markSelfDestructed(record: AccountRecord): void {
    if (record.selfDestructed) return;
    this.record(Change.SelfDestruct, record, 0n, false);
    record.selfDestructed = true;
    record.dirty = true;
  }

  checkpoint(): Checkpoint {
    return { journalLength: this.journal.length, refund: this.refund };
  }

  /** Undoes every change made since `checkpoint`. */
  revert(checkpoint: Checkpoint): void {
    const journal = this.journal;
    for (let i = journal.length - 1; i >= checkpoint.journalLength; i--) {
      const { change, record, slot, previous } = journal[i];
      switch (change) {
        case Change.Balance:
          record.balance = previous as bigint;
          break;
        case Change.Nonce:
          record.nonce = previous as bigint;
          break;
        case Change.Code: {
          const [code, codeHash, codeChanged] = previous as [Uint8Array | undefined, Uint8Array, boolean];
          record.code = code;
          record.codeHash = codeHash;
          record.codeChanged = codeChanged;
          break;
        }
        case Change.Storage:
          ownStorage(record).set(slot, previous as bigint);
          break;
        case Change.Transient:
          record.transient!.set(slot, previous as bigint);
          break;
        case Change.WarmAccount:
          record.warm = false;
          break;
        case Change.WarmSlot:
          record.warmSlots!.delete(slot);
          break;
        case Change.Touch:
          // The RIPEMD-160 precompile stays touched through reverts: a mainnet consensus quirk
          // (block 2675119) that every client reproduces.
          if (addressKey(record.address) !== RIPEMD160_ADDRESS_KEY) record.touched = false;
          break;
        case Change.Exists:
          record.exists = false;
          break;
        case Change.Create: {
          const [storageCleared, createdInTx, storage] = previous as [boolean, boolean, Map<bigint, bigint>];
          record.storageCleared = storageCleared;
          record.createdInTx = createdInTx;
          record.storage = storage;
          break;
        }
        case Change.SelfDestruct:
          record.selfDestructed = false;
          break;
      }
    }
    journal.length = checkpoint.journalLength;
    this.refund = checkpoint.refund;
  }

  /** Ends the transaction: applies self-destructs and (when `deleteTouchedEmpty`) EIP-161 deletions. */
  finalize(deleteTouchedEmpty: boolean): AccountWrite[] {
    const writes: AccountWrite[] = [];
    for (const record of this.records.values()) {
      if (!record.dirty) continue;
      const deleted =
        record.selfDestructed ||
        !record.exists ||
        (deleteTouchedEmpty && record.touched && this.isEmpty(record));
      const storage = new Map<bigint, bigint>();
      if (!deleted) {
        for (const [slot, value] of record.storage) {
          const before = record.storageCleared ? 0n : (record.committed.get(slot) ?? 0n);
          if (value !== before || (record.storageCleared && value !== 0n)) storage.set(slot, value);
        }
      }
      writes.push({
        address: record.address,
        deleted,
        nonce: record.nonce,
        balance: record.balance,
        codeHash: record.codeHash,
        // Unchanged code stays out of the write set: copying a contract's code into every write set
        // cost real time when write sets cross threads.
        code: record.codeChanged ? record.code : undefined,
        storageCleared: deleted || record.storageCleared,
        storage,
      });
    }
    this.journal.length = 0;
    return writes;
  }
}
