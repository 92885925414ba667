import { Account, Address } from "@ethereumjs/util";
import { describe, expect, it } from "vitest";
import { JournalStateManager } from "./journalStateManager.js";

const address = new Address(new Uint8Array(20).fill(0xaa));
const slot = new Uint8Array(32).fill(1);

describe("JournalStateManager", () => {
  it("revert restores accounts, storage and code written since the checkpoint", async () => {
    const sm = new JournalStateManager();
    await sm.putAccount(address, new Account(1n, 100n));
    await sm.putStorage(address, slot, Uint8Array.of(7));
    await sm.checkpoint();
    await sm.modifyAccountFields(address, { nonce: 2n, balance: 50n });
    await sm.putStorage(address, slot, Uint8Array.of(9));
    await sm.putCode(address, Uint8Array.of(0x60, 0x00));
    await sm.revert();
    const account = await sm.getAccount(address);
    expect([account?.nonce, account?.balance]).toEqual([1n, 100n]);
    expect(await sm.getStorage(address, slot)).toEqual(Uint8Array.of(7));
    expect(await sm.getCode(address)).toEqual(new Uint8Array(0));
  });

  it("an inner commit folds into the outer checkpoint, which can still revert it", async () => {
    const sm = new JournalStateManager();
    await sm.checkpoint();
    await sm.checkpoint();
    await sm.putAccount(address, new Account(5n, 5n));
    await sm.commit();
    expect((await sm.getAccount(address))?.nonce).toBe(5n);
    await sm.revert();
    expect(await sm.getAccount(address)).toBeUndefined();
  });

  it("hands out copies, so mutating a read account changes nothing until it is put back", async () => {
    const sm = new JournalStateManager();
    await sm.putAccount(address, new Account(1n, 1n));
    const read = await sm.getAccount(address);
    read!.balance = 999n;
    expect((await sm.getAccount(address))?.balance).toBe(1n);
  });
});

describe("JournalStateManager.deleteAccount", () => {
  it("removes code and storage with the account, as MerkleStateManager does (SELFDESTRUCT)", async () => {
    const sm = new JournalStateManager();
    await sm.putAccount(address, new Account(1n, 100n));
    await sm.putCode(address, Uint8Array.of(0x60, 0x00));
    await sm.putStorage(address, slot, Uint8Array.of(7));
    await sm.deleteAccount(address);
    expect(await sm.getAccount(address)).toBeUndefined();
    expect(await sm.getCode(address)).toEqual(new Uint8Array(0));
    expect(await sm.getStorage(address, slot)).toEqual(new Uint8Array(0));
  });

  it("a reverted delete brings back the account's code and storage", async () => {
    const sm = new JournalStateManager();
    await sm.putAccount(address, new Account(1n, 100n));
    await sm.putCode(address, Uint8Array.of(0x60, 0x00));
    await sm.putStorage(address, slot, Uint8Array.of(7));
    await sm.checkpoint();
    await sm.deleteAccount(address);
    await sm.revert();
    expect((await sm.getAccount(address))?.nonce).toBe(1n);
    expect(await sm.getCode(address)).toEqual(Uint8Array.of(0x60, 0x00));
    expect(await sm.getStorage(address, slot)).toEqual(Uint8Array.of(7));
  });
});
