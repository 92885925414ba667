import { type LazyCredit, payCoinbase } from "../chain/executeTransaction.js";
import type { AccountWrite } from "../state/accountWrite.js";
import { JournaledState } from "../state/journaledState.js";
import type { StateReader } from "../state/stateReader.js";

/**
 * The write set of paying a deferred coinbase fee on top of `state` (which already holds the
 * transaction's own writes): the same credit-and-touch the sequential executor does at the end of a
 * transaction, including EIP-161 deletion of an empty coinbase.
 */
export function deferredFeeWrites(
  state: StateReader,
  coinbase: Uint8Array,
  fee: bigint,
  deleteTouchedEmpty: boolean,
): AccountWrite[] {
  const journal = new JournaledState(state);
  payCoinbase(journal, coinbase, fee);
  return journal.finalize(deleteTouchedEmpty);
}

/** The write set of a lazy credit (a plain transfer's recipient side): credit and touch, as the call would. */
export function lazyCreditWrites(state: StateReader, credit: LazyCredit): AccountWrite[] {
  const journal = new JournaledState(state);
  const record = journal.account(credit.address);
  journal.setBalance(record, record.balance + credit.amount);
  journal.touch(record);
  return journal.finalize(true);
}
