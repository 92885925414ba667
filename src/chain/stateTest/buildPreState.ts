import { keccak256 } from "../../primitives/keccak.js";
import { MemoryState } from "../../state/memoryState.js";
import type { PreAccount } from "./stateTestModel.js";

const encoder = new TextEncoder();

/**
 * The block hashes BLOCKHASH can see from block `number` (the 256 before it), as the reference
 * state-test runners define them: keccak256 of the block number written in decimal (go-ethereum's
 * `vmTestBlockHash`). The filled `hash` of tests that use BLOCKHASH depends on this convention.
 */
export function stateTestBlockHashes(number: bigint): [bigint, Uint8Array][] {
  const hashes: [bigint, Uint8Array][] = [];
  const first = number > 256n ? number - 256n : 0n;
  for (let n = first; n < number; n++) hashes.push([n, keccak256(encoder.encode(n.toString()))]);
  return hashes;
}

/**
 * A fresh MemoryState holding the decoded pre-state. Called once per case because executing a case
 * mutates the state; storage maps are copied so the decoded pre-state stays pristine.
 */
export function buildPreState(
  pre: readonly PreAccount[],
  blockHashes: readonly [bigint, Uint8Array][],
): MemoryState {
  const state = new MemoryState();
  for (const account of pre) {
    state.setAccount(account.address, {
      nonce: account.nonce,
      balance: account.balance,
      code: account.code,
      storage: new Map(account.storage),
    });
  }
  for (const [number, hash] of blockHashes) state.setBlockHash(number, hash);
  return state;
}
