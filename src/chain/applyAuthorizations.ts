import { delegatedAddress, delegationCode } from "../evm/delegation.js";
import type { JournaledState } from "../state/journaledState.js";
import { recoverAuthority } from "./authorization.js";
import type { Transaction } from "./transaction.js";

const MAX_NONCE = 2n ** 64n - 1n;
/** EIP-7702: intrinsic gas charged 25000 per authorization; 12500 comes back when the authority already exists. */
const EXISTING_AUTHORITY_REFUND = 25000 - 12500;

function isZeroAddress(address: Uint8Array): boolean {
  for (let i = 0; i < address.length; i++) if (address[i] !== 0) return false;
  return true;
}

/**
 * Applies an EIP-7702 authorization list in order: each valid tuple sets the authority's code to a
 * delegation designator (or clears it for the zero address) and bumps its nonce. Invalid tuples are skipped.
 */
export function applyAuthorizations(state: JournaledState, tx: Transaction, chainId: bigint): void {
  for (const auth of tx.authorizationList) {
    if (auth.chainId !== 0n && auth.chainId !== chainId) continue;
    if (auth.nonce >= MAX_NONCE) continue;
    const authority = recoverAuthority(auth);
    if (authority === undefined) continue;
    const record = state.account(authority);
    state.warmAccount(record);
    const code = state.code(record);
    if (code.length > 0 && delegatedAddress(code) === undefined) continue;
    if (record.nonce !== auth.nonce) continue;
    if (record.exists) state.refund += EXISTING_AUTHORITY_REFUND;
    state.setCode(record, isZeroAddress(auth.address) ? new Uint8Array(0) : delegationCode(auth.address));
    state.setNonce(record, record.nonce + 1n);
  }
}
