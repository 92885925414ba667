import type { BlockEnv } from "../evm/blockEnv.js";
import { Evm } from "../evm/evm.js";
import type { Fork } from "../evm/fork.js";
import { FrameStatus } from "../evm/message.js";
import { executeCall } from "../evm/messageCall.js";
import { hexToBytes } from "../primitives/hex.js";
import type { AccountWrite } from "../state/accountWrite.js";
import { JournaledState } from "../state/journaledState.js";
import type { StateReader } from "../state/stateReader.js";

/** The caller of system calls (EIP-4788 and successors); it is never charged or bumped. */
export const SYSTEM_ADDRESS: Uint8Array = hexToBytes("0xfffffffffffffffffffffffffffffffffffffffe");
/** Gas given to a system call; not counted in the block's gas used. */
export const SYSTEM_CALL_GAS = 30_000_000;

/** What a system call produced. */
export interface SystemCallResult {
  /** The target has code (a call to an empty account is a no-op). */
  hasCode: boolean;
  /** The call ended normally (no revert, no exceptional halt). */
  success: boolean;
  output: Uint8Array;
  writes: AccountWrite[];
}

/**
 * Calls `target` from SYSTEM_ADDRESS with `data` and 30M gas, outside any transaction: no gas is
 * bought, no nonce bumped, no value moved, nothing warmed in advance. The target's own code runs (a
 * 7702 delegation is not followed). Touched empty accounts are cleared afterwards, as for a transaction.
 */
export function systemCall(
  reader: StateReader,
  env: BlockEnv,
  fork: Fork,
  target: Uint8Array,
  data: Uint8Array,
): SystemCallResult {
  const state = new JournaledState(reader);
  const code = state.code(state.account(target));
  const evm = new Evm(state, env, fork, { origin: SYSTEM_ADDRESS, gasPrice: env.baseFee, blobHashes: [] });
  const result = executeCall(
    evm,
    {
      caller: SYSTEM_ADDRESS,
      address: target,
      codeAddress: target,
      code,
      value: 0n,
      data,
      gas: SYSTEM_CALL_GAS,
      depth: 0,
      isStatic: false,
    },
    false,
    true,
  );
  return {
    hasCode: code.length > 0,
    success: result.status === FrameStatus.Success,
    output: result.output,
    writes: state.finalize(true),
  };
}
