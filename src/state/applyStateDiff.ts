import { equalBytes } from "../primitives/hex.js";
import type { MemoryState } from "./memoryState.js";
import type { StateDiff } from "./stateDiff.js";
import type { WorldStateTrie } from "./worldStateTrie.js";

/**
 * Applies a block's state diff to the in-memory state it was computed against, making it the
 * post-block state (how a chain of blocks advances in blockchain tests). With the block's
 * `postStateTrie` (BlockExecutionResult), the state keeps that trie as its own when the trie it had
 * is the one the block's was derived from; otherwise its trie is rebuilt when next needed.
 */
export function applyStateDiff(state: MemoryState, diff: StateDiff, postStateTrie?: WorldStateTrie): void {
  const before = state.builtWorldStateTrie;
  for (const change of diff) {
    if (change.after === undefined) {
      state.deleteAccount(change.address);
      continue;
    }
    const existing = state.getAccount(change.address);
    const storage =
      change.storageCleared || existing === undefined ? new Map<bigint, bigint>() : existing.storage;
    for (const { slot, after } of change.storage) {
      if (after === 0n) storage.delete(slot);
      else storage.set(slot, after);
    }
    const code = change.code ?? existing?.code ?? state.code(change.after.codeHash);
    state.setAccount(change.address, {
      nonce: change.after.nonce,
      balance: change.after.balance,
      code,
      storage,
    });
  }
  if (
    postStateTrie?.parentRoot !== undefined &&
    before !== undefined &&
    equalBytes(before.rootHash(), postStateTrie.parentRoot)
  ) {
    state.setWorldStateTrie(postStateTrie);
  }
}
