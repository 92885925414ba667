import { describe, expect, it } from "vitest";
import { bytesToHex } from "../primitives/hex.js";
import { KECCAK256_EMPTY, keccak256 } from "../primitives/keccak.js";
import type { AccountWrite } from "./accountWrite.js";
import { applyStateDiff } from "./applyStateDiff.js";
import { BlockState } from "./blockState.js";
import { MemoryState } from "./memoryState.js";

const A = new Uint8Array(20).fill(0xaa);
const B = new Uint8Array(20).fill(0xbb);
const CODE = Uint8Array.of(0x60, 0x00);

function write(address: Uint8Array, fields: Partial<AccountWrite> = {}): AccountWrite {
  return {
    address,
    deleted: false,
    nonce: 1n,
    balance: 10n,
    codeHash: KECCAK256_EMPTY,
    code: undefined,
    storageCleared: false,
    storage: new Map(),
    ...fields,
  };
}

function base(): MemoryState {
  const state = new MemoryState();
  state.setAccount(A, {
    nonce: 1n,
    balance: 100n,
    code: CODE,
    storage: new Map([
      [1n, 11n],
      [2n, 22n],
    ]),
  });
  return state;
}

describe("BlockState", () => {
  it("reads the base until a write set shadows it", () => {
    const state = new BlockState(base());
    expect(state.storage(A, 1n)).toBe(11n);
    state.apply([
      write(A, {
        codeHash: keccak256(CODE),
        storage: new Map([
          [1n, 0n],
          [3n, 33n],
        ]),
      }),
    ]);
    expect([state.storage(A, 1n), state.storage(A, 2n), state.storage(A, 3n)]).toEqual([0n, 22n, 33n]);
    expect(state.account(A)).toMatchObject({ nonce: 1n, balance: 10n, hasStorage: true });
    expect(state.code(keccak256(CODE))).toEqual(CODE);
  });

  it("a deleted account reads as absent with no storage, and a re-created one starts empty", () => {
    const state = new BlockState(base());
    state.apply([write(A, { deleted: true, storageCleared: true })]);
    expect(state.account(A)).toBeUndefined();
    expect(state.storage(A, 2n)).toBe(0n);
    // Recreated later in the block by a plain transfer: the old storage must stay gone.
    state.apply([write(A, { nonce: 0n, balance: 5n })]);
    expect(state.account(A)).toMatchObject({ balance: 5n, hasStorage: false });
    expect(state.storage(A, 2n)).toBe(0n);
  });

  it("storageCleared drops the base's slots (contract re-created at the same address)", () => {
    const state = new BlockState(base());
    state.apply([write(A, { storageCleared: true, storage: new Map([[9n, 99n]]) })]);
    expect([state.storage(A, 1n), state.storage(A, 9n)]).toEqual([0n, 99n]);
    expect(state.account(A)?.hasStorage).toBe(true);
  });

  it("diff() reports the net change against the base, sorted, and applies back onto it", () => {
    const memory = base();
    const state = new BlockState(memory);
    state.apply([
      write(B, { nonce: 0n, balance: 7n }),
      write(A, { nonce: 1n, balance: 100n, codeHash: keccak256(CODE), storage: new Map([[1n, 12n]]) }),
    ]);
    state.apply([
      write(A, { nonce: 1n, balance: 100n, codeHash: keccak256(CODE), storage: new Map([[2n, 22n]]) }),
    ]);
    const diff = state.diff();
    expect(diff.map((d) => bytesToHex(d.address))).toEqual([bytesToHex(A), bytesToHex(B)]);
    // A: balance and nonce unchanged; slot 1 changed, slot 2 written with its old value (no change).
    expect(diff[0].storage).toEqual([{ slot: 1n, before: 11n, after: 12n }]);
    expect(diff[1]).toMatchObject({ before: undefined, after: { nonce: 0n, balance: 7n } });

    applyStateDiff(memory, diff);
    expect(memory.storage(A, 1n)).toBe(12n);
    expect(memory.getAccount(B)?.balance).toBe(7n);
  });

  it("diff() of a wiped storage lists every slot written after the wipe, even one rewritten with its old value", () => {
    const memory = base();
    const state = new BlockState(memory);
    // A contract destroyed and re-created in the block (pre-Cancun), writing slot 1's old value again.
    state.apply([
      write(A, { storageCleared: true, codeHash: keccak256(CODE), storage: new Map([[1n, 11n]]) }),
    ]);
    const [diff] = state.diff();
    expect(diff.storageCleared).toBe(true);
    expect(diff.storage).toEqual([{ slot: 1n, before: 11n, after: 11n }]);
    applyStateDiff(memory, [diff]);
    expect([...memory.getAccount(A)!.storage]).toEqual([[1n, 11n]]);
  });

  it("diffOf() describes a write set against the current state without applying it", () => {
    const state = new BlockState(base());
    const writes = [write(A, { balance: 50n, codeHash: keccak256(CODE), storage: new Map([[2n, 0n]]) })];
    const diff = state.diffOf(writes);
    expect(diff[0].before?.balance).toBe(100n);
    expect(diff[0].after?.balance).toBe(50n);
    expect(diff[0].storage).toEqual([{ slot: 2n, before: 22n, after: 0n }]);
    expect(state.account(A)?.balance).toBe(100n);
  });
});
