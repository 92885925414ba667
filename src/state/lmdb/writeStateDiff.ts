import { writeBigUint } from "../../primitives/bigintBytes.js";
import type { StateDiff } from "../stateDiff.js";
import { ACCOUNT_BYTES, STORAGE_KEY_BYTES } from "./lmdbLayout.js";
import { decodeAccount, encodeAccount, encodeSlotValue, storageKey, storageRange } from "./lmdbRecords.js";
import { readValue } from "./loadLmdb.js";
import type { LmdbTables } from "./openLmdbTables.js";

function hasAnySlot(db: LmdbTables, address: Uint8Array): boolean {
  for (const _ of db.tables.storage.getKeys({ ...storageRange(address), limit: 1 })) return true;
  return false;
}

function deleteStorage(db: LmdbTables, address: Uint8Array): void {
  // Keys are copied before deleting: the cursor's key buffer is reused and deleting under it moves it.
  const keys: Uint8Array[] = [];
  for (const key of db.tables.storage.getKeys(storageRange(address))) keys.push(new Uint8Array(key));
  for (const key of keys) db.tables.storage.removeSync(key);
}

/**
 * Applies `diff` to the accounts, storage and code tables, inside the caller's write transaction, with
 * applyStateDiff's semantics: a deleted account goes with its storage; `storageCleared` wipes every slot
 * not listed; zero slots are removed; new code is stored under its hash. The has-storage flag of each
 * account written is kept exact. `afterAccount` (a test hook) runs after each account is written.
 */
export function writeStateDiff(
  db: LmdbTables,
  diff: StateDiff,
  afterAccount?: (accountsWritten: number) => void,
): void {
  const { accounts, storage, code } = db.tables;
  const key = new Uint8Array(STORAGE_KEY_BYTES);
  const slotKey = new Uint8Array(32);
  const scratch = new Uint8Array(32);
  const record = new Uint8Array(ACCOUNT_BYTES);
  let written = 0;
  for (const change of diff) {
    const { address, after } = change;
    if (after === undefined) {
      accounts.removeSync(address);
      deleteStorage(db, address);
    } else {
      const existingValue = readValue(accounts, address);
      const existing = existingValue === undefined ? undefined : decodeAccount(existingValue);
      if (change.storageCleared) deleteStorage(db, address);
      let hasStorage = !change.storageCleared && existing?.hasStorage === true;
      let wroteValue = false;
      let removed = false;
      for (const { slot, after: value } of change.storage) {
        writeBigUint(slotKey, 0, 32, slot);
        storageKey(key, address, slotKey);
        if (value === 0n) {
          storage.removeSync(key);
          removed = true;
        } else {
          storage.putSync(key, encodeSlotValue(value, scratch));
          wroteValue = true;
        }
      }
      // Only deletions can empty an account's storage; then look whether any slot is left.
      if (wroteValue) hasStorage = true;
      else if (removed && hasStorage) hasStorage = hasAnySlot(db, address);
      if (change.code !== undefined && change.code.length > 0) code.putSync(after.codeHash, change.code);
      accounts.putSync(
        address,
        encodeAccount(record, after.nonce, after.balance, after.codeHash, hasStorage),
      );
    }
    written++;
    afterAccount?.(written);
  }
}
