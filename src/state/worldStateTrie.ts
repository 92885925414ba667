import { writeBigUint } from "../primitives/bigintBytes.js";
import { InvalidInputError } from "../primitives/errors.js";
import { keccak256 } from "../primitives/keccak.js";
import { MerkleTrie } from "../primitives/merkleTrie.js";
import { decodeRlp, rlpHeaderLength, writeRlpHeader } from "../primitives/rlp.js";
import type { TrieNodeSink, TrieNodeStore } from "../primitives/trieNodeStore.js";
import type { TrieOp } from "../primitives/trieUpdate.js";
import type { AccountSnapshot, StateDiff } from "./stateDiff.js";
import { buildStorageTrie, updateStorageTrie } from "./storageTrie.js";

const NO_VALUE = new Uint8Array(0);

/** An account as the world-state trie needs it to build its leaf. */
export interface TrieAccount {
  nonce: bigint;
  balance: bigint;
  codeHash: Uint8Array;
  /** Slot → value; zero values are skipped. */
  storage: ReadonlyMap<bigint, bigint>;
}

/** A scratch word for the account's integers (one allocation per account value, see storageTrie.ts). */
const word = new Uint8Array(32);

/** Bytes of `value` as an RLP string of its minimal big-endian bytes; leaves it in `word`. */
function integerLength(value: bigint): number {
  if (value < 0x80n) return 1;
  writeBigUint(word, 0, 32, value);
  let start = 0;
  while (word[start] === 0) start++;
  return 33 - start;
}

function writeInteger(out: Uint8Array, pos: number, value: bigint, length: number): number {
  if (length === 1) {
    out[pos] = value === 0n ? 0x80 : Number(value);
    return pos + 1;
  }
  writeBigUint(word, 0, 32, value);
  out[pos++] = 0x80 + length - 1;
  for (let i = 33 - length; i < 32; i++) out[pos++] = word[i];
  return pos;
}

/** The account trie's value: rlp([nonce, balance, storageRoot, codeHash]), written in one buffer. */
function accountValue(account: AccountSnapshot, storageRoot: Uint8Array): Uint8Array {
  const nonceLength = integerLength(account.nonce);
  const balanceLength = integerLength(account.balance);
  const payload = nonceLength + balanceLength + 66;
  const out = new Uint8Array(rlpHeaderLength(payload) + payload);
  let pos = writeRlpHeader(out, 0, payload, 0xc0);
  pos = writeInteger(out, pos, account.nonce, nonceLength);
  pos = writeInteger(out, pos, account.balance, balanceLength);
  out[pos++] = 0xa0;
  out.set(storageRoot, pos);
  out[pos + 32] = 0xa0;
  out.set(account.codeHash, pos + 33);
  return out;
}

/**
 * One version of the world state as tries: the account trie (keccak256(address) → rlp([nonce, balance,
 * storageRoot, codeHash])) whose leaves carry their account's storage trie (keccak256(slot) →
 * rlp(value)). Immutable like MerkleTrie: `apply` returns the next version and this one stays usable,
 * sharing every account and storage subtree a block did not touch.
 */
export class WorldStateTrie {
  private constructor(
    readonly accounts: MerkleTrie,
    /** The root of the version `apply` made this one from (undefined for a built or opened trie). */
    readonly parentRoot?: Uint8Array,
  ) {}

  /** The empty world state; nodes reached by hash are loaded from `store`. */
  static empty(store?: TrieNodeStore): WorldStateTrie {
    return new WorldStateTrie(MerkleTrie.empty(store));
  }

  /** The world state whose root is `stateRoot`, loaded from `store` as blocks reach its nodes. */
  static fromRootHash(stateRoot: Uint8Array, store: TrieNodeStore): WorldStateTrie {
    return new WorldStateTrie(MerkleTrie.fromRootHash(stateRoot, store));
  }

  /** The tries of a whole state, built from scratch (every node goes to `sink`). */
  static build(
    accounts: Iterable<[address: Uint8Array, account: TrieAccount]>,
    sink?: TrieNodeSink,
  ): WorldStateTrie {
    const empty = MerkleTrie.empty();
    const ops: TrieOp[] = [];
    for (const [address, account] of accounts) {
      const storage = account.storage.size === 0 ? empty : buildStorageTrie(account.storage, empty, sink);
      ops.push({
        key: keccak256(address),
        value: accountValue(account, storage.rootHash()),
        subtrie: storage,
      });
    }
    return new WorldStateTrie(empty.update(ops, sink));
  }

  /** The state root: the account trie's root hash. */
  rootHash(): Uint8Array {
    return this.accounts.rootHash();
  }

  /** The storage trie of the account whose address hashes to `addressHash` (empty when it has none). */
  private storageTrie(addressHash: Uint8Array): MerkleTrie {
    const kept = this.accounts.subtrie(addressHash);
    if (kept !== undefined) return kept;
    const store = this.accounts.store;
    const value = this.accounts.get(addressHash);
    if (value === undefined || store === undefined) return MerkleTrie.empty(store);
    // A leaf loaded from the store: open its storage trie from the root inside the account.
    const fields = decodeRlp(value);
    const root = Array.isArray(fields) ? fields[2] : undefined;
    if (!(root instanceof Uint8Array) || root.length !== 32) {
      throw new InvalidInputError("Invalid account in the state trie: no 32-byte storage root");
    }
    return MerkleTrie.fromRootHash(root, store);
  }

  /**
   * The world state after a block's (or transaction's) `diff`: deleted accounts leave the account trie,
   * a wiped storage (`storageCleared`) starts from an empty trie, slots changed to zero leave their
   * storage trie. Every new node, of every trie, goes to `sink`.
   */
  apply(diff: StateDiff, sink?: TrieNodeSink): WorldStateTrie {
    const empty = MerkleTrie.empty(this.accounts.store);
    const ops: TrieOp[] = new Array(diff.length);
    for (let i = 0; i < diff.length; i++) {
      const change = diff[i];
      const key = keccak256(change.address);
      if (change.after === undefined) {
        ops[i] = { key, value: NO_VALUE };
        continue;
      }
      let storage = change.storageCleared || change.before === undefined ? empty : this.storageTrie(key);
      if (change.storage.length > 0) storage = updateStorageTrie(storage, change.storage, sink);
      ops[i] = { key, value: accountValue(change.after, storage.rootHash()), subtrie: storage };
    }
    return new WorldStateTrie(this.accounts.update(ops, sink), this.rootHash());
  }
}
