import { type LazyCredit, payCoinbase } from "../chain/executeTransaction.js";
import { KECCAK256_EMPTY } from "../primitives/keccak.js";
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

/**
 * The write set of a lazy credit (a plain transfer's recipient side), as the call would have left it:
 * the balance raised and the account brought into existence (a non-zero credit is never EIP-161 empty).
 */
export function lazyCreditWrites(state: StateReader, credit: LazyCredit): AccountWrite[] {
  const info = state.account(credit.address);
  return [
    {
      address: credit.address,
      deleted: false,
      nonce: info?.nonce ?? 0n,
      balance: (info?.balance ?? 0n) + credit.amount,
      codeHash: info?.codeHash ?? KECCAK256_EMPTY,
      code: undefined,
      storageCleared: false,
      storage: new Map(),
    },
  ];
}
