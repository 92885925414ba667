import { addressKey } from "../../primitives/address.js";
import { bytesToHex, equalBytes, hexToBytes, parseQuantity } from "../../primitives/hex.js";
import type { MemoryAccount, MemoryState } from "../../state/memoryState.js";

function hexQuantity(value: bigint): string {
  return `0x${value.toString(16)}`;
}

function shortHex(bytes: Uint8Array): string {
  const hex = bytesToHex(bytes);
  return hex.length > 42 ? `${hex.slice(0, 42)}…(${bytes.length} bytes)` : hex;
}

function accountDiffs(address: string, actual: MemoryAccount, expected: Record<string, unknown>): string[] {
  const diffs: string[] = [];
  const nonce = parseQuantity(expected.nonce as string, "nonce");
  if (actual.nonce !== nonce)
    diffs.push(`${address} nonce ${hexQuantity(actual.nonce)}, expected ${hexQuantity(nonce)}`);
  const balance = parseQuantity(expected.balance as string, "balance");
  if (actual.balance !== balance) {
    diffs.push(`${address} balance ${hexQuantity(actual.balance)}, expected ${hexQuantity(balance)}`);
  }
  const code = hexToBytes(expected.code as string, "code");
  if (!equalBytes(actual.code, code))
    diffs.push(`${address} code ${shortHex(actual.code)}, expected ${shortHex(code)}`);
  const expectedStorage = new Map<bigint, bigint>();
  for (const [slot, value] of Object.entries((expected.storage ?? {}) as Record<string, string>)) {
    const v = parseQuantity(value, "storage value");
    if (v !== 0n) expectedStorage.set(parseQuantity(slot, "storage slot"), v);
  }
  const slots = new Set([...actual.storage.keys(), ...expectedStorage.keys()]);
  for (const slot of [...slots].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const got = actual.storage.get(slot) ?? 0n;
    const want = expectedStorage.get(slot) ?? 0n;
    if (got !== want) {
      diffs.push(
        `${address} storage[${hexQuantity(slot)}] ${hexQuantity(got)}, expected ${hexQuantity(want)}`,
      );
    }
  }
  return diffs;
}

/**
 * Explains a state-root mismatch by comparing the post-state with EEST's full expected `state`
 * (`{address: {nonce, balance, code, storage}}`): at most `limit` differences, then a count of the
 * rest. Returns undefined when there is no expected state to compare with or it is unreadable.
 */
export function describeStateDiff(
  actual: MemoryState,
  expectedState: unknown,
  limit = 4,
): string | undefined {
  if (typeof expectedState !== "object" || expectedState === null) return undefined;
  try {
    const diffs: string[] = [];
    const expectedKeys = new Set<string>();
    for (const [addressHex, account] of Object.entries(
      expectedState as Record<string, Record<string, unknown>>,
    )) {
      const address = hexToBytes(addressHex, "address");
      const address0x = bytesToHex(address);
      expectedKeys.add(addressKey(address));
      const got = actual.getAccount(address);
      if (got === undefined) diffs.push(`${address0x} missing`);
      else diffs.push(...accountDiffs(address0x, got, account));
    }
    for (const [address, account] of actual.entries()) {
      if (!expectedKeys.has(addressKey(address))) {
        diffs.push(
          `${bytesToHex(address)} should not exist (nonce ${hexQuantity(account.nonce)}, balance ${hexQuantity(account.balance)})`,
        );
      }
    }
    if (diffs.length === 0) return "accounts match the expected state (the state-root computation differs)";
    const shown = diffs.slice(0, limit).join("; ");
    return diffs.length > limit ? `${shown}; and ${diffs.length - limit} more` : shown;
  } catch {
    return undefined;
  }
}
