import type { Block } from "../../src/chain/block.js";
import type { Transaction } from "../../src/chain/transaction.js";
import { addressKey } from "../../src/primitives/address.js";
import { declaredSenderBlock, unsignedCall } from "./declaredSenderBlock.js";

/** What a test says about one transaction: its recipient and whatever differs from `unsignedCall`'s. */
export type TransactionFields = Partial<Transaction> & { to: Uint8Array };

/**
 * The transactions of a declared-sender block written one at a time, each sender's nonces counted:
 * scenarios place a transaction at a known index without bookkeeping.
 */
export class TransactionList {
  readonly transactions: Transaction[] = [];
  readonly senders: Uint8Array[] = [];
  private readonly nonces = new Map<string, bigint>();
  /** Fields every transaction starts from (legacy pricing before London, for one). */
  private readonly defaults: Partial<Transaction>;

  constructor(defaults: Partial<Transaction> = {}) {
    this.defaults = defaults;
  }

  /** Appends a transaction from `sender` at its next nonce (gas limit 100,000 unless given); returns its index. */
  add(sender: Uint8Array, fields: TransactionFields): number {
    const key = addressKey(sender);
    const nonce = this.nonces.get(key) ?? 0n;
    this.nonces.set(key, nonce + 1n);
    const base = unsignedCall({ nonce, to: fields.to, value: 0n, gasLimit: 100_000n });
    this.transactions.push({ ...base, ...this.defaults, ...fields });
    this.senders.push(sender);
    return this.transactions.length - 1;
  }

  /** Index the next transaction will get. */
  get length(): number {
    return this.transactions.length;
  }

  /** The block (see declaredSenderBlock) holding these transactions. */
  block(coinbase: Uint8Array, gasLimit = 30_000_000n): Block {
    return declaredSenderBlock(coinbase, gasLimit, this.transactions, this.senders);
  }
}
