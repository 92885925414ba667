import { Fork } from "../evm/fork.js";
import type { AccountWrite } from "../state/accountWrite.js";
import { JournaledState } from "../state/journaledState.js";
import type { StateReader } from "../state/stateReader.js";
import type { Block } from "./block.js";
import type { BlockContext } from "./blockContext.js";

const ETHER = 10n ** 18n;

/** The proof-of-work block reward: 5 ETH, 3 from Byzantium (EIP-649), 2 from Constantinople (EIP-1234), none from Paris. */
export function blockReward(fork: Fork): bigint {
  if (fork >= Fork.Paris) return 0n;
  if (fork >= Fork.Constantinople) return 2n * ETHER;
  if (fork >= Fork.Byzantium) return 3n * ETHER;
  return 5n * ETHER;
}

/**
 * Pre-Merge miner rewards: the coinbase gets the block reward plus 1/32 of it per uncle, and each
 * uncle's coinbase gets (uncle.number + 8 - number) / 8 of it. Uncle coinbases need the uncle
 * headers: a block that only lists uncle hashes (RPC JSON) credits the nephew reward but cannot
 * credit the uncles' miners, so its state diff lacks those (receipts and gas do not depend on them).
 * Returns no writes from Paris on.
 */
export function applyBlockRewards(ctx: BlockContext, reader: StateReader, block: Block): AccountWrite[] {
  const reward = blockReward(ctx.fork);
  if (reward === 0n) return [];
  const state = new JournaledState(reader);
  const credit = (address: Uint8Array, amount: bigint) => {
    const account = state.account(address);
    state.setBalance(account, account.balance + amount);
    state.touch(account);
  };
  const number = ctx.header.number;
  for (const uncle of block.uncles) credit(uncle.coinbase, ((uncle.number + 8n - number) * reward) / 8n);
  credit(ctx.header.coinbase, reward + (BigInt(block.uncleHashes.length) * reward) / 32n);
  return state.finalize(ctx.fork >= Fork.SpuriousDragon);
}
