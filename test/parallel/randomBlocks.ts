import fc from "fast-check";
import type { Block } from "../../src/chain/block.js";
import type { Transaction } from "../../src/chain/transaction.js";
import { hexToBytes } from "../../src/primitives/hex.js";
import { MemoryState } from "../../src/state/memoryState.js";
import { declaredSenderBlock, unsignedCall } from "./declaredSenderBlock.js";
import { address } from "./testValues.js";

/*
 * Random blocks for the Block-STM property tests: declared senders calling hand-assembled contracts that
 * create the conflicts Block-STM must resolve, and plain transfers (lazy credits, some to the coinbase).
 */

/** Hand-assembled contracts that create the conflicts Block-STM must resolve. */
export const CONTRACTS = {
  /** Stores BALANCE(COINBASE) in slot 0: depends on every earlier transaction's fee. */
  coinbaseReader: hexToBytes("0x41315f5500"),
  /** Always reverts. */
  reverter: hexToBytes("0x5f5ffd"),
  /** slot0 += 1: a hot storage slot. */
  counter: hexToBytes("0x5f546001015f5500"),
  /** CREATE of an empty contract: a hot factory nonce. */
  factory: hexToBytes("0x6000600060006000f05000"),
  /** CREATE of a contract whose init code self-destructs (EIP-6780: deleted in the same transaction). */
  selfDestructFactory: hexToBytes("0x6130ff5f526002601e5ff05000"),
  /** SELFDESTRUCT to the caller; it has storage, so before Cancun this wipes an existing contract. */
  destroyer: hexToBytes("0x33ff"),
  /** CREATE2 (salt 0) of METAMORPHIC_INIT, copied from its own code: always the same address. */
  metamorphicFactory: hexToBytes(
    `0x6021600e5f395f60215f5ff55000${"5f546001015f5571"}3415600f57600154600101600155005b33ff5f52` +
      "6012600ef3",
  ),
  /**
   * Conditional writes chained through its own slots, entry chosen by the caller's last address byte
   * mod 4 (not by value: a value transfer would make every call conflict on the contract's balance):
   * 0 slot1 := value + 1; 1 if slot1 == 0 then slot0 := value + 7; 2 slot2 := slot0 + 1; 3 slot3 := slot2.
   * An incarnation may write a slot its re-execution no longer writes, and later entries read it.
   */
  conditionalChain: hexToBytes(
    "0x336003168015601d5780600114602657600214603557" + // dispatch on CALLER & 3
      "60025460035500" + // 3
      "5b3460010160015500" + // 0
      "5b600154603357346007015f555b00" + // 1
      "5b5f5460010160025500", // 2
  ),
};

/**
 * What the factory deploys (33 bytes): slot 0 := SLOAD(0) + 1, then runtime code that, called with
 * value, does slot 1 := SLOAD(1) + 1 and, called without, SELFDESTRUCTs to the caller. Destroyed and
 * re-created in one block, the new contract's slot 1 must start from zero, not from its predecessor's.
 */
export const METAMORPHIC_INIT = hexToBytes(
  "0x5f546001015f55713415600f57600154600101600155005b33ff5f526012600ef3",
);

export const COINBASE = hexToBytes(`0x${"c0".repeat(20)}`);
export const ACCOUNTS = 12;

export const senders = Array.from({ length: ACCOUNTS }, (_, i) => address(0xaa, i));
export const contracts = Object.values(CONTRACTS).map((_, i) => address(0xcc, i));

export function preState(): MemoryState {
  const state = new MemoryState();
  for (const sender of senders) state.setAccount(sender, { balance: 10n ** 20n });
  Object.values(CONTRACTS).forEach((code, i) => {
    state.setAccount(contracts[i], { code, nonce: 1n, storage: new Map([[0n, 1n]]) });
  });
  return state;
}

/** One generated transaction: who sends it, what it calls, with how much value and gas. */
export interface TxSpec {
  sender: number;
  target: number;
  value: number;
  lowGas: boolean;
}

export function buildBlock(specs: TxSpec[]): Block {
  const nonces = new Map<number, bigint>();
  const transactions: Transaction[] = [];
  const blockSenders: Uint8Array[] = [];
  for (const spec of specs) {
    const nonce = nonces.get(spec.sender) ?? 0n;
    nonces.set(spec.sender, nonce + 1n);
    // Targets: contracts first, then plain accounts (raw transfers, some to the coinbase).
    const to =
      spec.target < contracts.length
        ? contracts[spec.target]
        : spec.target === contracts.length
          ? COINBASE
          : senders[spec.target % ACCOUNTS];
    transactions.push(
      unsignedCall({ nonce, to, value: BigInt(spec.value), gasLimit: spec.lowGas ? 21_100n : 200_000n }),
    );
    blockSenders.push(senders[spec.sender]);
  }
  return declaredSenderBlock(COINBASE, 1_000_000_000n, transactions, blockSenders);
}

/** One random transaction of a block built by buildBlock. */
export const txSpec = fc.record({
  sender: fc.integer({ min: 0, max: ACCOUNTS - 1 }),
  target: fc.integer({ min: 0, max: contracts.length + ACCOUNTS }),
  value: fc.integer({ min: 0, max: 1000 }),
  lowGas: fc.boolean(),
});
