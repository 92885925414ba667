import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../primitives/hex.js";
import { KECCAK256_EMPTY, keccak256 } from "../primitives/keccak.js";
import { MemoryTrieNodeStore } from "../primitives/trieNodeStore.js";
import { applyStateDiff } from "./applyStateDiff.js";
import { MemoryState } from "./memoryState.js";
import type { AccountDiff, SlotChange, StateDiff } from "./stateDiff.js";
import { stateRoot } from "./stateRoot.js";
import { WorldStateTrie } from "./worldStateTrie.js";

const SEED = Number(process.env.PEVM_TRIE_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.PEVM_FUZZ_RUNS ?? 40);
console.log(`worldStateTrie properties: seed ${SEED} (PEVM_TRIE_SEED=${SEED} reproduces)`);

const address = (i: number) => Uint8Array.from({ length: 20 }, (_, b) => (b === 19 ? i : 0xaa));
const CODE = Uint8Array.of(0x60, 0x00);

/** One account's change in a block, as drawn: what happens to it and to some of its slots. */
interface AccountChange {
  account: number;
  kind: "set" | "delete" | "recreate";
  nonce: number;
  balance: bigint;
  code: boolean;
  slots: Array<[slot: number, value: number]>;
}

const accountChange: fc.Arbitrary<AccountChange> = fc.record({
  account: fc.integer({ min: 0, max: 24 }),
  kind: fc.constantFrom("set", "set", "set", "delete", "recreate"),
  nonce: fc.integer({ min: 0, max: 3 }),
  balance: fc.bigInt({ min: 0n, max: 2n ** 70n }),
  code: fc.boolean(),
  // Slot values of 0 delete; few slots so blocks revisit them.
  slots: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 })), {
    maxLength: 8,
  }),
});

/** The StateDiff a block of changes makes against `state` (as BlockState.diff reports it). */
function diffOf(state: MemoryState, changes: AccountChange[]): StateDiff {
  const byAccount = new Map<number, AccountChange>();
  for (const change of changes) byAccount.set(change.account, change);
  const diff: StateDiff = [];
  for (const change of [...byAccount.values()].sort((a, b) => a.account - b.account)) {
    const addr = address(change.account);
    const existing = state.getAccount(addr);
    const before = existing && {
      nonce: existing.nonce,
      balance: existing.balance,
      codeHash: existing.codeHash,
    };
    if (change.kind === "delete") {
      if (existing !== undefined)
        diff.push({
          address: addr,
          before,
          after: undefined,
          code: undefined,
          storageCleared: true,
          storage: [],
        });
      continue;
    }
    const cleared = change.kind === "recreate" && existing !== undefined && existing.storage.size > 0;
    const slots = new Map(change.slots.map(([slot, value]) => [BigInt(slot), BigInt(value)]));
    const storage: SlotChange[] = [];
    for (const [slot, after] of [...slots].sort((a, b) => Number(a[0] - b[0]))) {
      const old = existing === undefined ? 0n : (existing.storage.get(slot) ?? 0n);
      if (cleared || old !== after) storage.push({ slot, before: old, after });
    }
    const codeHash = change.code ? keccak256(CODE) : (existing?.codeHash ?? KECCAK256_EMPTY);
    const entry: AccountDiff = {
      address: addr,
      before,
      after: { nonce: BigInt(change.nonce), balance: change.balance, codeHash },
      code: change.code ? CODE : undefined,
      storageCleared: cleared,
      storage,
    };
    diff.push(entry);
  }
  return diff;
}

describe("WorldStateTrie", () => {
  it("property: over many blocks of account creations, updates, deletions, storage writes, zeroings and wipes, the root equals the from-scratch root, and older versions keep theirs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(accountChange, { maxLength: 10 }), { minLength: 1, maxLength: 20 }),
        (blocks) => {
          const state = new MemoryState({ complete: true });
          let trie = state.worldStateTrie()!;
          const versions: Array<[WorldStateTrie, string]> = [];
          for (const changes of blocks) {
            const diff = diffOf(state, changes);
            const next = trie.apply(diff);
            applyStateDiff(state, diff, next);
            expect(state.builtWorldStateTrie).toBe(next);
            const expected = bytesToHex(stateRoot(state));
            expect(bytesToHex(next.rootHash())).toBe(expected);
            // Rebuilt from the state's accounts: the same trie as the incremental one.
            expect(bytesToHex(WorldStateTrie.build(state.entries()).rootHash())).toBe(expected);
            versions.push([next, expected]);
            trie = next;
          }
          for (const [version, root] of versions) expect(bytesToHex(version.rootHash())).toBe(root);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("property: reopened from a node store by its root, it loads account and storage nodes lazily and updates the same", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(accountChange, { maxLength: 10 }), { minLength: 1, maxLength: 12 }),
        (blocks) => {
          const store = new MemoryTrieNodeStore();
          const sink = (hash: Uint8Array, node: Uint8Array) => store.put(hash, node);
          const state = new MemoryState({ complete: true });
          let root = WorldStateTrie.empty(store).rootHash();
          for (const changes of blocks) {
            const diff = diffOf(state, changes);
            const next = WorldStateTrie.fromRootHash(root, store).apply(diff, sink);
            applyStateDiff(state, diff);
            expect(bytesToHex(next.rootHash())).toBe(bytesToHex(stateRoot(state)));
            root = next.rootHash();
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("keeps a state's trie only when the diff applied was computed against it", () => {
    const state = new MemoryState({ complete: true });
    state.setAccount(address(1), { balance: 5n });
    const pre = state.worldStateTrie()!;
    const diff = diffOf(state, [
      { account: 2, kind: "set", nonce: 1, balance: 7n, code: false, slots: [[1, 1]] },
    ]);
    const post = pre.apply(diff);

    const other = new MemoryState({ complete: true });
    other.setAccount(address(3), { balance: 1n });
    other.worldStateTrie();
    applyStateDiff(other, diff, post);
    expect(other.builtWorldStateTrie).toBeUndefined();
    expect(bytesToHex(other.worldStateTrie()!.rootHash())).toBe(bytesToHex(stateRoot(other)));

    applyStateDiff(state, diff, post);
    expect(state.builtWorldStateTrie).toBe(post);
  });

  it("gives no trie for a partial state", () => {
    const partial = new MemoryState();
    partial.setAccount(address(1), { balance: 5n });
    expect(partial.worldStateTrie()).toBeUndefined();
  });
});
