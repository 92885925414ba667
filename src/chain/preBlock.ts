import { Fork } from "../evm/fork.js";
import { hexToBytes } from "../primitives/hex.js";
import type { AccountWrite } from "../state/accountWrite.js";
import { BlockState } from "../state/blockState.js";
import type { StateReader } from "../state/stateReader.js";
import type { BlockContext } from "./blockContext.js";
import { InvalidBlockError } from "./blockErrors.js";
import { applyDaoFork } from "./daoFork.js";
import { systemCall } from "./systemCall.js";

/** EIP-4788 beacon roots contract. */
export const BEACON_ROOTS_ADDRESS: Uint8Array = hexToBytes("0x000f3df6d732807ef1319fb7b8bb8522d0beac02");
/** EIP-2935 history storage contract (Prague). */
export const HISTORY_STORAGE_ADDRESS: Uint8Array = hexToBytes("0x0000f90827f1c53a10cb7a02335b175320002935");

/**
 * The state changes a block makes before its first transaction, in order: the DAO fork's irregular
 * state change (its block only), the EIP-4788 beacon-root system call (Cancun on) and the EIP-2935
 * parent-hash system call (Prague on). Pure over `reader`: it returns one write set per step, each
 * computed on top of the previous; the caller folds them into its state in order. The sequential and
 * parallel executors share this step.
 */
export function applyPreBlock(ctx: BlockContext, reader: StateReader): AccountWrite[][] {
  const { chain, header, fork, env } = ctx;
  const steps: AccountWrite[][] = [];
  const state = new BlockState(reader);
  const step = (writes: AccountWrite[]) => {
    if (writes.length === 0) return;
    state.apply(writes);
    steps.push(writes);
  };
  if (chain.daoForkBlock !== undefined && header.number === chain.daoForkBlock) step(applyDaoFork(state));
  if (fork >= Fork.Cancun) {
    if (header.parentBeaconBlockRoot === undefined) {
      throw new InvalidBlockError(
        "INCORRECT_BLOCK_FORMAT",
        { blockNumber: header.number, field: "parentBeaconBlockRoot" },
        "missing from a Cancun header",
      );
    }
    step(systemCall(state, env, fork, BEACON_ROOTS_ADDRESS, header.parentBeaconBlockRoot).writes);
  }
  if (fork >= Fork.Prague)
    step(systemCall(state, env, fork, HISTORY_STORAGE_ADDRESS, header.parentHash).writes);
  return steps;
}
