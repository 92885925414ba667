import { addressKey } from "../../primitives/address.js";
import type { AccountInfo, StateReader } from "../../state/stateReader.js";

/**
 * A StateReader that passes every read through to `inner` and remembers what one transaction read:
 * account fields (nonce, balance, code hash, existence) by address, and storage slots. Code is read
 * by hash, which the account read already covers; block hashes no transaction writes.
 */
export class RecordingStateReader implements StateReader {
  private readonly inner: StateReader;
  /** Address keys (see addressKey) of accounts read since the last reset. */
  readonly accounts = new Set<string>();
  /** Storage read since the last reset: address key → slots. */
  readonly slots = new Map<string, Set<bigint>>();

  constructor(inner: StateReader) {
    this.inner = inner;
  }

  /** Forgets what was read: call between transactions. */
  reset(): void {
    this.accounts.clear();
    this.slots.clear();
  }

  account(address: Uint8Array): AccountInfo | undefined {
    this.accounts.add(addressKey(address));
    return this.inner.account(address);
  }

  code(codeHash: Uint8Array): Uint8Array {
    return this.inner.code(codeHash);
  }

  storage(address: Uint8Array, slot: bigint): bigint {
    const key = addressKey(address);
    let slots = this.slots.get(key);
    if (slots === undefined) {
      slots = new Set();
      this.slots.set(key, slots);
    }
    slots.add(slot);
    return this.inner.storage(address, slot);
  }

  blockHash(number: bigint): Uint8Array {
    return this.inner.blockHash(number);
  }
}
