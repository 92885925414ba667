import { bytesToHex, equalBytes } from "../primitives/hex.js";

/** An account's trie fields at one point in time. */
export interface AccountSnapshot {
  nonce: bigint;
  balance: bigint;
  codeHash: Uint8Array;
}

/** One storage slot that changed. */
export interface SlotChange {
  slot: bigint;
  before: bigint;
  after: bigint;
}

/**
 * What a block (or one transaction) did to one account, as pevm reports it: the account before and
 * after (undefined = absent), and every slot written with its value before and after.
 */
export interface AccountDiff {
  address: Uint8Array;
  before: AccountSnapshot | undefined;
  after: AccountSnapshot | undefined;
  /** The new code, when the code changed (creation, EIP-7702 delegation). */
  code: Uint8Array | undefined;
  /** Every slot not listed in `storage` was wiped too (the account was destroyed or re-created). */
  storageCleared: boolean;
  /** Changed slots, ascending by slot; unchanged ones are left out. */
  storage: SlotChange[];
}

/** Account diffs ascending by address, so two executors' diffs compare entry by entry. */
export type StateDiff = AccountDiff[];

function sameSnapshot(a: AccountSnapshot | undefined, b: AccountSnapshot | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  // Byte compare, not hex: every account of a block's diff passes here, and the state root waits on it.
  return a.nonce === b.nonce && a.balance === b.balance && equalBytes(a.codeHash, b.codeHash);
}

/** True when the diff changes nothing (an account touched but left as it was). */
export function isNoopDiff(diff: AccountDiff): boolean {
  return sameSnapshot(diff.before, diff.after) && diff.storage.length === 0 && !diff.storageCleared;
}

function describeSnapshot(s: AccountSnapshot | undefined): string {
  if (s === undefined) return "absent";
  return `nonce ${s.nonce} balance ${s.balance} codeHash ${bytesToHex(s.codeHash)}`;
}

/**
 * Differences between two state diffs, one line each (empty when equal): the parallel executor's
 * oracle check against the sequential one.
 */
export function compareStateDiffs(actual: StateDiff, expected: StateDiff, limit = 20): string[] {
  const out: string[] = [];
  const byAddress = (diff: StateDiff) => new Map(diff.map((d) => [bytesToHex(d.address), d]));
  const a = byAddress(actual);
  const e = byAddress(expected);
  for (const address of [...new Set([...a.keys(), ...e.keys()])].sort()) {
    if (out.length >= limit) break;
    const x = a.get(address);
    const y = e.get(address);
    if (x === undefined || y === undefined) {
      out.push(
        `${address}: ${x === undefined ? "missing" : "unexpected"} (${describeSnapshot((x ?? y)!.after)})`,
      );
      continue;
    }
    if (!sameSnapshot(x.after, y.after)) {
      out.push(`${address}: after ${describeSnapshot(x.after)}, expected ${describeSnapshot(y.after)}`);
    }
    if (!sameSnapshot(x.before, y.before)) {
      out.push(`${address}: before ${describeSnapshot(x.before)}, expected ${describeSnapshot(y.before)}`);
    }
    if (x.storageCleared !== y.storageCleared) out.push(`${address}: storageCleared ${x.storageCleared}`);
    const slots = new Map(y.storage.map((s) => [s.slot, s]));
    for (const s of x.storage) {
      const t = slots.get(s.slot);
      if (t === undefined || t.after !== s.after || t.before !== s.before) {
        out.push(
          `${address}[0x${s.slot.toString(16)}]: ${s.before} → ${s.after}, expected ${t ? `${t.before} → ${t.after}` : "unchanged"}`,
        );
      }
      slots.delete(s.slot);
    }
    for (const t of slots.values()) {
      out.push(`${address}[0x${t.slot.toString(16)}]: unchanged, expected ${t.before} → ${t.after}`);
    }
  }
  return out;
}
