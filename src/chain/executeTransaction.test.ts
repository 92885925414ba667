import { describe, expect, it } from "vitest";
import type { BlockEnv } from "../evm/blockEnv.js";
import { Fork } from "../evm/fork.js";
import { MemoryState } from "../state/memoryState.js";
import { applyTransaction } from "./applyTransaction.js";
import type { Transaction } from "./transaction.js";

// Gas above 2^53 - 1 must stay exact through GAS and EIP-150 forwarding (src/evm/gasReserve.ts).
// The expectations below are worked out by hand from the Cancun gas rules, in BigInt.

const SENDER = address(0xaa);
const CALLER = address(0xa0);
const CALLEE = address(0xb0);
const TX_GAS_LIMIT = 2n ** 60n + 1_234_567n;
const INTRINSIC_GAS = 21_000n;

// Cancun costs used below.
const BASE = 2n; // GAS, POP
const VERYLOW = 3n; // PUSHn, MSTORE
const COLD_SSTORE_SET = 22_100n; // SSTORE of a cold slot from 0 to non-zero (20,000 + 2,100)
const COLD_ACCOUNT_ACCESS = 2_600n;
const CREATE_GAS = 32_000n;
const INITCODE_WORD_GAS = 2n;
const MEMORY_ONE_WORD = 3n;

const PUSH1 = 0x60;
const PUSH5 = 0x64;
const PUSH20 = 0x73;
const GAS = 0x5a;
const SSTORE = 0x55;
const MSTORE = 0x52;
const CALL = 0xf1;
const CREATE = 0xf0;
const POP = 0x50;
const STOP = 0x00;

/** EIP-150, from execution-specs `max_message_call_gas`: all but one 64th. */
function allButOne64th(gas: bigint): bigint {
  return gas - gas / 64n;
}

describe("executeTransaction with a gas limit above 2^53", () => {
  it("GAS and CALL forwarding see the exact gas", () => {
    // CALLER: sstore(0, gas()); call(gas(), CALLEE, 0, 0, 0, 0, 0); sstore(1, gas())
    // biome-ignore format: opcodes grouped by statement
    const callerCode = Uint8Array.of(
      GAS, PUSH1, 0, SSTORE,
      PUSH1, 0, PUSH1, 0, PUSH1, 0, PUSH1, 0, PUSH1, 0, PUSH20, ...CALLEE, GAS, CALL, POP,
      GAS, PUSH1, 1, SSTORE, STOP,
    );
    // CALLEE: sstore(0, gas())
    const calleeCode = Uint8Array.of(GAS, PUSH1, 0, SSTORE, STOP);
    const state = preState();
    state.setAccount(CALLER, { code: callerCode });
    state.setAccount(CALLEE, { code: calleeCode });

    const outcome = applyTransaction(state, blockEnv(), transaction(CALLER), SENDER, Fork.Cancun);

    let gas = TX_GAS_LIMIT - INTRINSIC_GAS;
    const firstGas = gas - BASE;
    gas = firstGas - VERYLOW - COLD_SSTORE_SET;
    const requested = gas - 5n * VERYLOW - VERYLOW - BASE; // what the GAS before CALL pushes
    const available = requested - COLD_ACCOUNT_ACCESS;
    const forwarded = allButOne64th(available) < requested ? allButOne64th(available) : requested;
    const calleeGas = forwarded - BASE;
    const calleeUsed = BASE + VERYLOW + COLD_SSTORE_SET;
    gas = available - forwarded + (forwarded - calleeUsed);
    const afterCall = gas - BASE - BASE;
    const gasLeft = afterCall - VERYLOW - COLD_SSTORE_SET;

    // The forwarded gas is past 2^53, where doubles would round it.
    expect(forwarded > 2n ** 53n && BigInt(Number(forwarded)) !== forwarded).toBe(true);
    expect(state.getAccount(CALLER)?.storage.get(0n)).toBe(firstGas);
    expect(state.getAccount(CALLEE)?.storage.get(0n)).toBe(calleeGas);
    expect(state.getAccount(CALLER)?.storage.get(1n)).toBe(afterCall);
    expect(outcome.status).toBe(1);
    expect(outcome.gasUsed).toBe(TX_GAS_LIMIT - gasLeft);
  });

  it("CREATE forwards the exact gas", () => {
    // Init code: sstore(0, gas()), deploying no code.
    const initCode = [GAS, PUSH1, 0, SSTORE, STOP];
    // CALLER: mstore(0, initCode); create(0, 27, 5); sstore(0, gas())
    // biome-ignore format: opcodes grouped by statement
    const callerCode = Uint8Array.of(
      PUSH5, ...initCode, PUSH1, 0, MSTORE,
      PUSH1, 5, PUSH1, 27, PUSH1, 0, CREATE, POP,
      GAS, PUSH1, 0, SSTORE, STOP,
    );
    const state = preState();
    state.setAccount(CALLER, { nonce: 1n, code: callerCode });

    const outcome = applyTransaction(state, blockEnv(), transaction(CALLER), SENDER, Fork.Cancun);

    let gas = TX_GAS_LIMIT - INTRINSIC_GAS;
    gas -= VERYLOW + VERYLOW + VERYLOW + MEMORY_ONE_WORD; // PUSH5, PUSH1, MSTORE with one word of memory
    gas -= 3n * VERYLOW + CREATE_GAS + INITCODE_WORD_GAS; // three PUSH1, CREATE of one initcode word
    const forwarded = allButOne64th(gas);
    const childGas = forwarded - BASE;
    const childUsed = BASE + VERYLOW + COLD_SSTORE_SET;
    gas = gas - forwarded + (forwarded - childUsed);
    const afterCreate = gas - BASE - BASE;
    const gasLeft = afterCreate - VERYLOW - COLD_SSTORE_SET;

    expect(forwarded > 2n ** 53n && BigInt(Number(forwarded)) !== forwarded).toBe(true);
    const created = [...createdAccounts(state)];
    expect(created).toHaveLength(1);
    expect(created[0]).toBe(childGas);
    expect(state.getAccount(CALLER)?.storage.get(0n)).toBe(afterCreate);
    expect(outcome.status).toBe(1);
    expect(outcome.gasUsed).toBe(TX_GAS_LIMIT - gasLeft);
  });
});

function address(lastByte: number): Uint8Array {
  const bytes = new Uint8Array(20);
  bytes[19] = lastByte;
  return bytes;
}

function preState(): MemoryState {
  const state = new MemoryState();
  state.setAccount(SENDER, { balance: 2n ** 64n });
  return state;
}

/** Slot 0 of every account with storage other than CALLER (the one CREATE deployed). */
function* createdAccounts(state: MemoryState): Generator<bigint | undefined> {
  for (const [address, account] of state.entries()) {
    if (account.storage.size > 0 && address[19] !== CALLER[19]) yield account.storage.get(0n);
  }
}

function blockEnv(): BlockEnv {
  return {
    number: 1n,
    coinbase: address(0xcb),
    timestamp: 1000n,
    gasLimit: 2n ** 63n,
    baseFee: 1n,
    difficulty: 0n,
    prevRandao: new Uint8Array(32),
    excessBlobGas: 0n,
    chainId: 1n,
  };
}

function transaction(to: Uint8Array): Transaction {
  return {
    type: 0,
    chainId: 1n,
    nonce: 0n,
    gasPrice: 1n,
    maxPriorityFeePerGas: 1n,
    maxFeePerGas: 1n,
    gasLimit: TX_GAS_LIMIT,
    to,
    value: 0n,
    data: new Uint8Array(0),
    accessList: [],
    maxFeePerBlobGas: 0n,
    blobVersionedHashes: [],
    authorizationList: [],
    v: 0n,
    r: 0n,
    s: 0n,
  };
}
