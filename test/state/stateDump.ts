import { bytesToHex, equalBytes } from "../../src/primitives/hex.js";
import { KECCAK256_EMPTY, keccak256 } from "../../src/primitives/keccak.js";
import type { LmdbState } from "../../src/state/lmdb/lmdbState.js";
import type { MemoryState } from "../../src/state/memoryState.js";

/*
 * Whole states as sorted text lines, one per account (fields, has-storage flag, code checked against its
 * hash) and one per non-zero slot, so two backends compare with one toEqual and a readable diff.
 */

function accountLine(
  address: Uint8Array,
  nonce: bigint,
  balance: bigint,
  codeHash: Uint8Array,
  hasStorage: boolean,
  code: Uint8Array,
): string {
  const codeOk = equalBytes(codeHash, KECCAK256_EMPTY)
    ? code.length === 0
    : equalBytes(keccak256(code), codeHash);
  return `${bytesToHex(address)} nonce=${nonce} balance=${balance} code=${bytesToHex(codeHash)}${codeOk ? "" : " (code missing)"} hasStorage=${hasStorage}`;
}

function slotLine(address: Uint8Array, slot: bigint, value: bigint): string {
  return `${bytesToHex(address)}[0x${slot.toString(16)}]=0x${value.toString(16)}`;
}

/** Every account and slot of a data dir, plus its head. */
export function dumpLmdbState(state: LmdbState): string[] {
  const lines: string[] = [];
  for (const [address, info] of state.accounts()) {
    lines.push(
      accountLine(
        address,
        info.nonce,
        info.balance,
        info.codeHash,
        info.hasStorage === true,
        state.code(info.codeHash),
      ),
    );
    for (const [slot, value] of state.slots(address)) lines.push(slotLine(address, slot, value));
  }
  const head = state.head();
  lines.push(
    head === undefined
      ? "head none"
      : `head ${head.number} ${bytesToHex(head.hash)} ${head.stateRoot ? bytesToHex(head.stateRoot) : "no root"}`,
  );
  return lines;
}

/** Every account and non-zero slot of a MemoryState (no head line). */
export function dumpMemoryState(state: MemoryState): string[] {
  const lines: string[] = [];
  const accounts = [...state.entries()].sort(([a], [b]) => Buffer.compare(a, b));
  for (const [address, account] of accounts) {
    const slots = [...account.storage]
      .filter(([, value]) => value !== 0n)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    lines.push(
      accountLine(address, account.nonce, account.balance, account.codeHash, slots.length > 0, account.code),
    );
    for (const [slot, value] of slots) lines.push(slotLine(address, slot, value));
  }
  return lines;
}

/** dumpLmdbState without its head line. */
export function lmdbAccountsAndSlots(state: LmdbState): string[] {
  return dumpLmdbState(state).slice(0, -1);
}
