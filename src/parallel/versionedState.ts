import type { LazyCredit } from "../chain/executeTransaction.js";
import { addressKey } from "../primitives/address.js";
import { readBigUint, writeBigUint } from "../primitives/bigintBytes.js";
import { equalBytes } from "../primitives/hex.js";
import { KECCAK256_EMPTY } from "../primitives/keccak.js";
import type { AccountWrite } from "../state/accountWrite.js";
import type { AccountInfo, StateReader } from "../state/stateReader.js";
import type { LocationTable } from "./locationTable.js";
import { type MvMemory, READ_BASE } from "./mvMemory.js";
import type { PreBlockReader } from "./preBlockReader.js";
import type { SharedCode } from "./sharedCode.js";
import { ENTRY_DELTA, LocationKind, READ_WORDS, VALUE_BYTES } from "./sharedLayout.js";
import { codeHashAt } from "./stateSnapshot.js";

/** Thrown (the one non-local exit) when a read hits an ESTIMATE: the incarnation is suspended on `blockingTx`. */
export class ReadEstimateError extends Error {
  override name = "ReadEstimateError";
  readonly blockingTx: number;
  constructor(blockingTx: number) {
    super(`read depends on transaction ${blockingTx}`);
    this.blockingTx = blockingTx;
  }
}

const ACCOUNT_EXISTS = 1;
const ACCOUNT_HAS_STORAGE = 2;
/**
 * Byte of an account entry holding its wipe epoch (int32, little-endian, -1 = none): the latest
 * transaction up to this write that wiped the account's existing storage (pre-Cancun SELFDESTRUCT, or a
 * re-creation over storage). Every account write carries it forward, so a reader of the account learns
 * the last wipe before it; slots last written before that wipe read as zero.
 */
const WIPE_EPOCH = 73;

function readEpoch(value: Uint8Array): number {
  return (
    value[WIPE_EPOCH] |
    (value[WIPE_EPOCH + 1] << 8) |
    (value[WIPE_EPOCH + 2] << 16) |
    (value[WIPE_EPOCH + 3] << 24)
  );
}

function writeEpoch(value: Uint8Array, epoch: number): void {
  value[WIPE_EPOCH] = epoch;
  value[WIPE_EPOCH + 1] = epoch >> 8;
  value[WIPE_EPOCH + 2] = epoch >> 16;
  value[WIPE_EPOCH + 3] = epoch >> 24;
}

/**
 * The StateReader one transaction incarnation executes against: each read resolves through the
 * multi-version memory (latest write by an earlier transaction) or falls back to the pre-transactions
 * state (the shared pre-block state plus the block's system-call writes),
 * and is recorded with its version for validation. The coinbase balance adds the deferred fees of
 * earlier transactions, so only transactions that really read it depend on them.
 */
export class VersionedState implements StateReader {
  private readonly mv: MvMemory;
  private readonly locations: LocationTable;
  private readonly base: StateReader;
  private readonly snapshot: PreBlockReader;
  private readonly codes: SharedCode;
  private readonly coinbaseKey: string;
  private readonly deleteEmptyCoinbase: boolean;
  /** Accounts the block's system calls wrote before the transactions: only these need `base`'s overlay. */
  private readonly preBlockAccounts: Uint8Array[];
  private readonly value = new Uint8Array(VALUE_BYTES);
  private readonly slotBytes = new Uint8Array(32);
  private tx = 0;
  /** Read set of the running incarnation, as (location, version tx, version incarnation) triples. */
  reads = new Int32Array(3 * 256);
  readWords = 0;
  /** What the incarnation saw of each account, to tell real account writes from storage-only ones. */
  private readonly seen = new Map<string, AccountInfo | undefined>();
  /** Wipe epochs of the accounts the incarnation read that have one; `anyWipe` keeps storage reads free otherwise. */
  private readonly wipeEpochs = new Map<string, number>();
  private anyWipe = false;

  constructor(
    mv: MvMemory,
    locations: LocationTable,
    base: StateReader,
    snapshot: PreBlockReader,
    codes: SharedCode,
    coinbase: Uint8Array,
    deleteEmptyCoinbase: boolean,
    preBlockAccounts: Uint8Array[],
  ) {
    this.preBlockAccounts = preBlockAccounts;
    this.mv = mv;
    this.locations = locations;
    this.base = base;
    this.snapshot = snapshot;
    this.codes = codes;
    this.coinbaseKey = addressKey(coinbase);
    this.deleteEmptyCoinbase = deleteEmptyCoinbase;
  }

  /** Starts recording for transaction `tx`. */
  begin(tx: number): void {
    this.tx = tx;
    this.readWords = 0;
    this.seen.clear();
    this.wipeEpochs.clear();
    this.anyWipe = false;
  }

  private recordRead(location: number, writer: number): void {
    if (this.readWords + READ_WORDS > this.reads.length) {
      const grown = new Int32Array(this.reads.length * 2);
      grown.set(this.reads);
      this.reads = grown;
    }
    const sum = this.mv.deltaSum;
    const at = this.readWords;
    this.reads[at] = location;
    this.reads[at + 1] = writer;
    this.reads[at + 2] = writer === READ_BASE ? 0 : this.mv.lastIncarnation;
    if (sum === 0n) {
      // Almost every read: no lazy credits, no BigInt arithmetic.
      this.reads[at + 3] = 0;
      this.reads[at + 4] = 0;
      this.reads[at + 5] = 0;
    } else {
      this.reads[at + 3] = Number(sum & 0xffffffffn);
      this.reads[at + 4] = Number((sum >> 32n) & 0xffffffffn);
      this.reads[at + 5] = Number(sum >> 64n);
    }
    this.readWords = at + READ_WORDS;
  }

  /** Resolves a location for the running transaction; the value lands in `this.value`. */
  private resolve(location: number): number {
    const writer = this.mv.read(location, this.tx, this.value);
    if (writer === -2) throw new ReadEstimateError(this.mv.blockingTx);
    this.recordRead(location, writer);
    return writer;
  }

  account(address: Uint8Array): AccountInfo | undefined {
    this.locations.setKey(LocationKind.Account, address, undefined);
    const writer = this.resolve(this.locations.intern());
    const key = addressKey(address);
    let info: AccountInfo | undefined;
    if (writer !== READ_BASE) {
      const epoch = readEpoch(this.value);
      if (epoch >= 0) {
        this.wipeEpochs.set(key, epoch);
        this.anyWipe = true;
      }
    }
    if (writer === READ_BASE) {
      info = this.writtenBeforeBlock(address) ? this.base.account(address) : this.snapshot.account(address);
    } else if (this.value[0] & ACCOUNT_EXISTS) {
      info = {
        nonce: readBigUint(this.value, 1, 8),
        balance: readBigUint(this.value, 9, 32),
        codeHash: codeHashAt(this.value, 41),
        hasStorage: (this.value[0] & ACCOUNT_HAS_STORAGE) !== 0,
      };
    }
    const credits = this.mv.deltaSum;
    if (credits !== 0n) {
      info =
        info === undefined
          ? { nonce: 0n, balance: credits, codeHash: KECCAK256_EMPTY, hasStorage: false }
          : { ...info, balance: info.balance + credits };
    }
    if (key === this.coinbaseKey) info = this.withDeferredFees(info, writer);
    this.seen.set(key, info);
    return info;
  }

  /**
   * The coinbase as sequential execution would see it: the version read (written by `writer`, or the
   * pre-block one) plus the deferred fees of `writer` through tx - 1. Each of those transactions paid
   * and touched the coinbase after that version, so before Spurious Dragon a missing coinbase exists
   * again, and from it (EIP-161) an empty one is gone, even one that existed before the block. A
   * writer that deleted the coinbase destroyed it (SELFDESTRUCT, its fee burned with it: deferred as
   * 0): only the transactions after it touched it.
   */
  private withDeferredFees(info: AccountInfo | undefined, writer: number): AccountInfo | undefined {
    const from = writer === READ_BASE ? 0 : writer;
    let fees = 0n;
    for (let k = from; k < this.tx; k++) {
      if (this.resolve(k) !== READ_BASE) fees += readBigUint(this.value, 0, 32);
    }
    if (info === undefined) {
      // From Spurious Dragon only a fee brings it into existence; before, any touch after the version does.
      const exists = this.deleteEmptyCoinbase
        ? fees !== 0n
        : (writer === READ_BASE ? 0 : writer + 1) < this.tx;
      return exists ? { nonce: 0n, balance: fees, codeHash: KECCAK256_EMPTY, hasStorage: false } : undefined;
    }
    const balance = info.balance + fees;
    if (
      this.deleteEmptyCoinbase &&
      from < this.tx &&
      balance === 0n &&
      info.nonce === 0n &&
      equalBytes(info.codeHash, KECCAK256_EMPTY)
    ) {
      return undefined;
    }
    return { ...info, balance };
  }

  code(codeHash: Uint8Array): Uint8Array {
    if (equalBytes(codeHash, KECCAK256_EMPTY)) return new Uint8Array(0);
    return this.codes.get(codeHash) ?? this.snapshot.knownCode(codeHash) ?? this.base.code(codeHash);
  }

  storage(address: Uint8Array, slot: bigint): bigint {
    writeBigUint(this.slotBytes, 0, 32, slot);
    this.locations.setKey(LocationKind.Storage, address, this.slotBytes);
    const writer = this.resolve(this.locations.intern());
    if (this.anyWipe) {
      // The account was read first (JournaledState loads it before its storage), so its epoch is known.
      const epoch = this.wipeEpochs.get(addressKey(address));
      if (epoch !== undefined && (writer === READ_BASE || writer < epoch)) return 0n;
    }
    if (writer !== READ_BASE) return readBigUint(this.value, 0, 32);
    // Straight to the snapshot with the key bytes already built, unless a system call wrote the account.
    return this.writtenBeforeBlock(address)
      ? this.base.storage(address, slot)
      : this.snapshot.storageAt(address, this.slotBytes);
  }

  private writtenBeforeBlock(address: Uint8Array): boolean {
    for (const written of this.preBlockAccounts) if (equalBytes(written, address)) return true;
    return false;
  }

  blockHash(number: bigint): Uint8Array {
    return this.base.blockHash(number);
  }

  /**
   * Publishes an incarnation's writes to the multi-version memory: account fields only when they
   * changed, every changed slot, and the deferred coinbase fee. Returns the written location ids.
   */
  publish(
    incarnation: number,
    writes: AccountWrite[],
    coinbaseFee: bigint,
    credit: LazyCredit | undefined,
    out: Int32Array,
  ): number {
    let count = 0;
    const value = this.value;
    if (credit !== undefined) {
      this.locations.setKey(LocationKind.Account, credit.address, undefined);
      const location = this.locations.intern();
      value.fill(0);
      writeBigUint(value, 0, 32, credit.amount);
      this.mv.write(location, this.tx, incarnation, value, ENTRY_DELTA);
      out[count++] = location;
    }
    for (const write of writes) {
      const key = addressKey(write.address);
      const before = this.seen.get(key);
      // Storage that existed (a contract's, or slots written earlier) wiped: later readers must see zeros.
      const wipes =
        write.storageCleared &&
        before !== undefined &&
        (before.hasStorage || !equalBytes(before.codeHash, KECCAK256_EMPTY));
      const epoch = wipes ? this.tx : (this.wipeEpochs.get(key) ?? -1);
      const exists = !write.deleted;
      const changed =
        wipes ||
        exists !== (before !== undefined) ||
        (exists &&
          (before!.nonce !== write.nonce ||
            before!.balance !== write.balance ||
            !equalBytes(before!.codeHash, write.codeHash)));
      if (changed) {
        value.fill(0);
        writeEpoch(value, epoch);
        if (exists) {
          const hasStorage = write.storage.size > 0 || (!write.storageCleared && before?.hasStorage);
          value[0] = ACCOUNT_EXISTS | (hasStorage ? ACCOUNT_HAS_STORAGE : 0);
          writeBigUint(value, 1, 8, write.nonce);
          writeBigUint(value, 9, 32, write.balance);
          value.set(write.codeHash, 41);
          if (write.code !== undefined && write.code.length > 0) this.codes.put(write.codeHash, write.code);
        }
        this.locations.setKey(LocationKind.Account, write.address, undefined);
        const location = this.locations.intern();
        this.mv.write(location, this.tx, incarnation, value);
        out[count++] = location;
      }
      for (const [slot, slotValue] of write.storage) {
        writeBigUint(this.slotBytes, 0, 32, slot);
        this.locations.setKey(LocationKind.Storage, write.address, this.slotBytes);
        const location = this.locations.intern();
        value.fill(0);
        writeBigUint(value, 0, 32, slotValue);
        this.mv.write(location, this.tx, incarnation, value);
        out[count++] = location;
      }
    }
    // Transaction k's fee location id is k (reserved ids, see LocationKind).
    const feeLocation = this.tx;
    value.fill(0);
    writeBigUint(value, 0, 32, coinbaseFee);
    this.mv.write(feeLocation, this.tx, incarnation, value);
    out[count++] = feeLocation;
    return count;
  }
}
