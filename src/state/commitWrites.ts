import type { AccountWrite } from "./accountWrite.js";
import type { MemoryState } from "./memoryState.js";

/** Folds a transaction's write set into an in-memory state. */
export function commitWrites(state: MemoryState, writes: AccountWrite[]): void {
  for (const write of writes) {
    if (write.deleted) {
      state.deleteAccount(write.address);
      continue;
    }
    const existing = state.getAccount(write.address);
    const storage =
      write.storageCleared || existing === undefined ? new Map<bigint, bigint>() : existing.storage;
    for (const [slot, value] of write.storage) {
      if (value === 0n) storage.delete(slot);
      else storage.set(slot, value);
    }
    const code = write.code ?? (existing ? existing.code : new Uint8Array(0));
    state.setAccount(write.address, { nonce: write.nonce, balance: write.balance, code, storage });
  }
}
