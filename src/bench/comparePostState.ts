import { Address } from "@ethereumjs/util";
import type { VM } from "@ethereumjs/vm";
import { bigIntToBytes, bytesToBigInt, bytesToHex, equalBytes } from "../primitives/hex.js";
import { KECCAK256_EMPTY } from "../primitives/keccak.js";
import type { MemoryState } from "../state/memoryState.js";
import type { PreStateAccount } from "./workload.js";

/**
 * Differences between our post-state and ethereumjs' after the same transactions, one line each
 * (at most `limit`). Checks every account our state holds (nonce, balance, code hash) and every
 * storage slot that either our state holds or the pre-state held, so a slot one side cleared and
 * the other did not is caught too.
 */
export async function comparePostState(
  ours: MemoryState,
  vm: VM,
  preState: readonly PreStateAccount[],
  limit = 10,
): Promise<string[]> {
  const differences: string[] = [];
  const note = (line: string): boolean => {
    differences.push(line);
    return differences.length >= limit;
  };
  const sm = vm.stateManager;
  const slotsByAccount = new Map<string, Set<bigint>>();
  for (const account of preState)
    slotsByAccount.set(bytesToHex(account.address), new Set(account.storage.keys()));

  for (const [address, account] of ours.entries()) {
    const hex = bytesToHex(address);
    const theirs = await sm.getAccount(new Address(address));
    if (theirs === undefined) {
      if (
        note(
          `${hex}: exists in ours (nonce ${account.nonce}, balance ${account.balance}), absent in ethereumjs`,
        )
      )
        break;
      continue;
    }
    if (
      theirs.nonce !== account.nonce &&
      note(`${hex}: nonce ours ${account.nonce}, ethereumjs ${theirs.nonce}`)
    )
      break;
    if (
      theirs.balance !== account.balance &&
      note(`${hex}: balance ours ${account.balance}, ethereumjs ${theirs.balance}`)
    ) {
      break;
    }
    const codeHash = account.code.length === 0 ? KECCAK256_EMPTY : account.codeHash;
    if (!equalBytes(theirs.codeHash, codeHash) && note(`${hex}: code hash differs`)) break;
    const slots = slotsByAccount.get(hex) ?? new Set<bigint>();
    for (const slot of account.storage.keys()) slots.add(slot);
    for (const slot of slots) {
      const mine = account.storage.get(slot) ?? 0n;
      const their = bytesToBigInt(await sm.getStorage(new Address(address), bigIntToBytes(slot, 32)));
      if (mine !== their && note(`${hex} slot 0x${slot.toString(16)}: ours ${mine}, ethereumjs ${their}`))
        break;
    }
    if (differences.length >= limit) break;
  }
  return differences;
}
