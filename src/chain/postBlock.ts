import { Fork } from "../evm/fork.js";
import { concatBytes, hexToBytes } from "../primitives/hex.js";
import type { AccountWrite } from "../state/accountWrite.js";
import { BlockState } from "../state/blockState.js";
import { JournaledState } from "../state/journaledState.js";
import type { StateReader } from "../state/stateReader.js";
import type { Block, Withdrawal } from "./block.js";
import type { BlockContext } from "./blockContext.js";
import { InvalidBlockError } from "./blockErrors.js";
import { applyBlockRewards } from "./blockRewards.js";
import type { Receipt } from "./receipt.js";
import {
  CONSOLIDATION_REQUEST_TYPE,
  DEPOSIT_REQUEST_TYPE,
  depositRequests,
  requestsHash,
  WITHDRAWAL_REQUEST_TYPE,
} from "./requests.js";
import { systemCall } from "./systemCall.js";

/** EIP-7002 withdrawal request predeploy (Prague). */
export const WITHDRAWAL_REQUEST_ADDRESS: Uint8Array = hexToBytes(
  "0x00000961ef480eb55e80d19ad83579a64c007002",
);
/** EIP-7251 consolidation request predeploy (Prague). */
export const CONSOLIDATION_REQUEST_ADDRESS: Uint8Array = hexToBytes(
  "0x0000bbddc7ce488642fb579f8b00f3a590007251",
);

const GWEI = 10n ** 9n;

/** What the post-transaction step produced. */
export interface PostBlockOutput {
  /** Write sets in order (rewards, withdrawals, request system calls); fold them in this order. */
  writeSets: AccountWrite[][];
  /** EIP-7685 typed requests (type byte ‖ data, empty ones left out); undefined before Prague. */
  requests: Uint8Array[] | undefined;
  /** sha256 commitment to `requests`; undefined before Prague. */
  requestsHash: Uint8Array | undefined;
}

/**
 * EIP-4895 withdrawals: each credits amount gwei × 10^9 wei and touches the account, so a zero-amount
 * withdrawal to an empty account clears it (EIP-161), as clients do.
 */
export function applyWithdrawals(reader: StateReader, withdrawals: readonly Withdrawal[]): AccountWrite[] {
  const state = new JournaledState(reader);
  for (const withdrawal of withdrawals) {
    const account = state.account(withdrawal.address);
    if (withdrawal.amount !== 0n) state.setBalance(account, account.balance + withdrawal.amount * GWEI);
    state.touch(account);
  }
  return state.finalize(true);
}

/**
 * The state changes after the last transaction, in order: pre-Merge block and uncle rewards,
 * withdrawals (Shanghai on), then (Prague on) deposit requests parsed from the receipts' logs and the
 * EIP-7002 and EIP-7251 request system calls, which must exist and succeed. Pure over `reader` (the
 * state after the last transaction) like applyPreBlock; shared by both executors.
 */
export function applyPostBlock(
  ctx: BlockContext,
  reader: StateReader,
  block: Block,
  receipts: readonly Receipt[],
): PostBlockOutput {
  const { fork, header, env, chain } = ctx;
  const writeSets: AccountWrite[][] = [];
  const state = new BlockState(reader);
  const step = (writes: AccountWrite[]) => {
    if (writes.length === 0) return;
    state.apply(writes);
    writeSets.push(writes);
  };
  step(applyBlockRewards(ctx, state, block));
  if (fork >= Fork.Shanghai) {
    if (block.withdrawals === undefined) {
      throw new InvalidBlockError(
        "INCORRECT_BLOCK_FORMAT",
        { blockNumber: header.number, field: "withdrawals" },
        "missing from a Shanghai block",
      );
    }
    step(applyWithdrawals(state, block.withdrawals));
  }
  if (fork < Fork.Prague) return { writeSets, requests: undefined, requestsHash: undefined };

  const requests: Uint8Array[] = [];
  const deposits = depositRequests(
    receipts.flatMap((receipt) => receipt.logs),
    chain.depositContractAddress,
    header.number,
  );
  if (deposits.length > 0) requests.push(concatBytes(Uint8Array.of(DEPOSIT_REQUEST_TYPE), deposits));
  for (const [type, address] of [
    [WITHDRAWAL_REQUEST_TYPE, WITHDRAWAL_REQUEST_ADDRESS],
    [CONSOLIDATION_REQUEST_TYPE, CONSOLIDATION_REQUEST_ADDRESS],
  ] as const) {
    const call = systemCall(state, env, fork, address, new Uint8Array(0));
    const location = { blockNumber: header.number };
    if (!call.hasCode) {
      throw new InvalidBlockError(
        "SYSTEM_CONTRACT_EMPTY",
        location,
        `request contract for type ${type} has no code`,
      );
    }
    if (!call.success) {
      throw new InvalidBlockError(
        "SYSTEM_CONTRACT_CALL_FAILED",
        location,
        `request contract for type ${type} failed`,
      );
    }
    step(call.writes);
    if (call.output.length > 0) requests.push(concatBytes(Uint8Array.of(type), call.output));
  }
  return { writeSets, requests, requestsHash: requestsHash(requests) };
}
