import type { MemoryState } from "./memoryState.js";
import type { StateDiff } from "./stateDiff.js";

/**
 * The diff that builds `state` from nothing: every account created with its code and non-zero slots,
 * ascending by address (how a genesis allocation is written to a persistent backend).
 */
export function genesisDiff(state: MemoryState): StateDiff {
  const diff: StateDiff = [];
  for (const [address, account] of state.entries()) {
    diff.push({
      address,
      before: undefined,
      after: { nonce: account.nonce, balance: account.balance, codeHash: account.codeHash },
      code: account.code.length > 0 ? account.code : undefined,
      storageCleared: true,
      storage: [...account.storage]
        .filter(([, value]) => value !== 0n)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([slot, value]) => ({ slot, before: 0n, after: value })),
    });
  }
  return diff.sort((a, b) => Buffer.compare(a.address, b.address));
}
