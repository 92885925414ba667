import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { dumpMemoryState, lmdbAccountsAndSlots } from "../../../test/state/stateDump.js";
import { PevmError } from "../../primitives/errors.js";
import { KECCAK256_EMPTY, keccak256 } from "../../primitives/keccak.js";
import { applyStateDiff } from "../applyStateDiff.js";
import { genesisDiff } from "../genesisDiff.js";
import { MemoryState } from "../memoryState.js";
import { pinSharedState } from "../pinSharedState.js";
import type { AccountDiff, StateDiff } from "../stateDiff.js";
import { LmdbState } from "./lmdbState.js";

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pevm-lmdb-"));
  dirs.push(dir);
  return join(dir, "data");
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const address = (n: number) => Uint8Array.from({ length: 20 }, (_, i) => (i === 19 ? n : 0xa0));
const MAX = (1n << 256n) - 1n;
const head = (n: bigint) => ({ number: n, hash: keccak256(Uint8Array.of(Number(n))), stateRoot: undefined });

function genesisState(): MemoryState {
  const state = new MemoryState();
  state.setAccount(address(1), { nonce: 3n, balance: MAX });
  state.setAccount(address(2), {
    code: Uint8Array.of(0x60, 0x01, 0x00),
    storage: new Map([
      [0n, 1n],
      [MAX, 0xdeadbeefcafebabe12345n],
    ]),
  });
  state.setAccount(address(3), {});
  return state;
}

/**
 * A random diff over `state` (accounts 1-6, five slots, half the writes zero so storage empties often):
 * what one block could do to it.
 */
function randomDiff(state: MemoryState, g: fc.GeneratorValue): StateDiff {
  const codes = [Uint8Array.of(0x00), Uint8Array.of(0x60, 0x02, 0x00), new Uint8Array(300).fill(0x5b)];
  const diff: StateDiff = [];
  for (let n = 1; n <= 6; n++) {
    if (!g(fc.boolean)) continue;
    const existing = state.getAccount(address(n));
    const deleted = existing !== undefined && g(() => fc.integer({ min: 0, max: 9 })) === 0;
    const newCode = g(() => fc.integer({ min: -4, max: codes.length - 1 }));
    const code = newCode >= 0 ? codes[newCode] : undefined;
    const slots = g(() => fc.uniqueArray(fc.constantFrom(0n, 1n, 2n, 1n << 255n, MAX), { maxLength: 3 }));
    const change: AccountDiff = {
      address: address(n),
      before: undefined,
      after: deleted
        ? undefined
        : {
            nonce: g(() => fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })),
            balance: g(() => fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: MAX }))),
            codeHash: code !== undefined ? keccak256(code) : (existing?.codeHash ?? KECCAK256_EMPTY),
          },
      code,
      storageCleared: code !== undefined || g(() => fc.integer({ min: 0, max: 7 })) === 0,
      storage: slots
        .sort((a, b) => (a < b ? -1 : 1))
        .map((slot) => ({
          slot,
          before: 0n,
          after: g(fc.boolean) ? 0n : g(() => fc.bigInt({ min: 1n, max: MAX })),
        })),
    };
    diff.push(change);
  }
  return diff;
}

describe("LmdbState", () => {
  it("starts empty, holds a genesis as the MemoryState it came from, and keeps it across a reopen", async () => {
    const path = dataDir();
    const state = LmdbState.open(path);
    expect(state.generation).toBe(0n);
    expect(state.head()).toBeUndefined();
    expect(state.chain()).toBeUndefined();
    const memory = genesisState();
    memory.setBlockHash(0n, head(0n).hash);
    state.commitGenesis({ chain: "Cancun", diff: genesisDiff(memory), head: head(0n) });
    const check = (lmdb: LmdbState) => {
      expect(lmdbAccountsAndSlots(lmdb)).toEqual(dumpMemoryState(memory));
      for (const n of [1, 2, 3, 9]) expect(lmdb.account(address(n))).toEqual(memory.account(address(n)));
      expect(lmdb.storage(address(2), MAX)).toBe(0xdeadbeefcafebabe12345n);
      expect(lmdb.storage(address(2), 7n)).toBe(0n);
      expect(lmdb.code(memory.account(address(2))!.codeHash)).toEqual(Uint8Array.of(0x60, 0x01, 0x00));
      expect(lmdb.blockHash(0n)).toEqual(head(0n).hash);
      expect(lmdb.blockHash(1n)).toEqual(new Uint8Array(32));
      expect(lmdb.generation).toBe(1n);
      expect(lmdb.head()).toEqual(head(0n));
      expect(lmdb.chain()).toBe("Cancun");
    };
    check(state);
    await state.close();
    const reopened = LmdbState.open(path);
    check(reopened);
    await reopened.close();
  });

  it("applies random block diffs exactly as applyStateDiff applies them to a MemoryState, has-storage flags included", async () => {
    const path = dataDir();
    const state = LmdbState.open(path);
    let memory = genesisState();
    state.commitGenesis({ chain: "test", diff: genesisDiff(memory) });
    let number = 0n;
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const diff = randomDiff(memory, g);
        number++;
        // Applied to a copy first: a failing run must not leave `memory` ahead of the data dir.
        const next = new MemoryState();
        for (const [a, account] of memory.entries())
          next.setAccount(a, { ...account, storage: new Map(account.storage) });
        applyStateDiff(next, diff);
        state.commitBlock({ diff, head: head(number) });
        memory = next;
        expect(lmdbAccountsAndSlots(state)).toEqual(dumpMemoryState(memory));
        for (let n = 1; n <= 6; n++) expect(state.account(address(n))).toEqual(memory.account(address(n)));
      }),
      { numRuns: 60 },
    );
    expect(state.generation).toBe(1n + number);
    await state.close();
  });

  it("refuses a second genesis, a block before any genesis and a block that does not follow the head", async () => {
    const state = LmdbState.open(dataDir());
    const code = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(PevmError);
        return (error as PevmError).code;
      }
      return "no error";
    };
    expect(code(() => state.commitBlock({ diff: [], head: head(1n) }))).toBe("STATE_NO_GENESIS");
    state.commitGenesis({ chain: "test", diff: [], head: head(0n) });
    expect(code(() => state.commitGenesis({ chain: "test", diff: [] }))).toBe("STATE_NOT_EMPTY");
    expect(code(() => state.commitBlock({ diff: [], head: head(2n) }))).toBe("STATE_NOT_CONSECUTIVE");
    expect(state.generation).toBe(1n);
    await state.close();
  });

  it("leaves the previous state, head and generation when a commit fails midway, in memory and on disk", async () => {
    const path = dataDir();
    const state = LmdbState.open(path);
    state.commitGenesis({ chain: "test", diff: genesisDiff(genesisState()), head: head(0n) });
    const before = lmdbAccountsAndSlots(state);
    const diff: StateDiff = [1, 2, 3].map((n) => ({
      address: address(n),
      before: undefined,
      after: undefined,
      code: undefined,
      storageCleared: false,
      storage: [],
    }));
    expect(() =>
      state.commitBlock({
        diff,
        head: head(1n),
        trieNodes: [[keccak256(Uint8Array.of(1)), Uint8Array.of(1)]],
        duringCommit: (written) => {
          if (written === 2) throw new Error("interrupted");
        },
      }),
    ).toThrow("interrupted");
    const check = (lmdb: LmdbState) => {
      expect(lmdbAccountsAndSlots(lmdb)).toEqual(before);
      expect(lmdb.head()).toEqual(head(0n));
      expect(lmdb.generation).toBe(1n);
      expect(lmdb.blockHash(1n)).toEqual(new Uint8Array(32));
      expect(lmdb.trieNode(keccak256(Uint8Array.of(1)))).toBeUndefined();
    };
    check(state);
    await state.close();
    const reopened = LmdbState.open(path);
    check(reopened);
    await reopened.close();
  });

  it("stores a block's trie nodes and extra block hashes in its commit, readable by hash and number", async () => {
    const state = LmdbState.open(dataDir());
    state.commitGenesis({ chain: "test", diff: [] });
    const node = Uint8Array.of(0xc2, 0x01, 0x02);
    const root = keccak256(node);
    state.commitBlock({
      diff: [],
      head: { ...head(7n), stateRoot: root },
      blockHashes: [[6n, head(6n).hash]],
      trieNodes: [[root, node]],
    });
    expect(state.trieNode(root)).toEqual(node);
    expect(state.head()).toEqual({ ...head(7n), stateRoot: root });
    expect(state.blockHash(6n)).toEqual(head(6n).hash);
    expect(state.blockHash(7n)).toEqual(head(7n).hash);
    await state.close();
  });

  it("pins a commit for workers: a pinned reader keeps its snapshot across a later commit, a stale descriptor is refused", async () => {
    const state = LmdbState.open(dataDir());
    state.commitGenesis({ chain: "test", diff: genesisDiff(genesisState()), head: head(0n) });
    const descriptor = state.sharedState();
    expect(descriptor).toMatchObject({ kind: "lmdb", generation: 1n });
    const pinned = pinSharedState(descriptor);
    const slotKey = new Uint8Array(32);
    slotKey[31] = 0;
    state.commitBlock({
      diff: [
        {
          address: address(2),
          before: undefined,
          after: { nonce: 1n, balance: 5n, codeHash: keccak256(Uint8Array.of(0x60, 0x01, 0x00)) },
          code: undefined,
          storageCleared: false,
          storage: [{ slot: 0n, before: 1n, after: 9n }],
        },
      ],
      head: head(1n),
    });
    expect(state.storage(address(2), 0n)).toBe(9n);
    expect(pinned.storageAt(address(2), slotKey)).toBe(1n);
    expect(pinned.account(address(2))?.nonce).toBe(0n);
    expect(pinned.blockHash(1n)).toEqual(new Uint8Array(32));
    pinned.release();
    expect(() => pinSharedState(descriptor)).toThrow(/expected the state after commit 1, found commit 2/);
    const fresh = pinSharedState(state.sharedState());
    expect(fresh.storageAt(address(2), slotKey)).toBe(9n);
    fresh.release();
    await state.close();
  });
});
