import { setWordBigInt, wordToBigInt } from "../primitives/u256.js";
import { Fork } from "./fork.js";
import type { Frame } from "./interpreter.js";

/** SLOAD: EIP-2929 warm/cold surcharge from Berlin (the static table charges the pre-Berlin cost). */
export function sloadOp(frame: Frame, top: number): void {
  const evm = frame.evm;
  const state = evm.state;
  const record = state.account(frame.msg.address);
  const slot = wordToBigInt(frame.stack, top);
  if (evm.fork >= Fork.Berlin) {
    frame.gas -= state.warmSlot(record, slot) ? evm.schedule.warmStorageRead : evm.schedule.coldSload;
    if (frame.gas < 0) return;
  }
  setWordBigInt(frame.stack, top, state.storage(record, slot));
}

/**
 * SSTORE gas and refunds: legacy (Frontier..Byzantium, Petersburg), EIP-1283 (Constantinople),
 * EIP-2200 (Istanbul), EIP-2929 cold surcharge (Berlin), EIP-3529 refunds (London).
 * Returns false on an exceptional halt.
 */
export function sstoreOp(frame: Frame, top: number): boolean {
  const evm = frame.evm;
  const fork = evm.fork;
  const schedule = evm.schedule;
  const state = evm.state;
  const stack = frame.stack;
  const record = state.account(frame.msg.address);
  const slot = wordToBigInt(stack, top);
  const value = wordToBigInt(stack, top - 8);
  const netMetered = fork === Fork.Constantinople || fork >= Fork.Istanbul;

  // EIP-2200: SSTORE needs more than the call stipend left.
  if (fork >= Fork.Istanbul && frame.gas <= 2300) return false;

  let cost = 0;
  if (fork >= Fork.Berlin && !state.warmSlot(record, slot)) cost += schedule.coldSload;
  const current = state.storage(record, slot);

  if (!netMetered) {
    if (current === 0n && value !== 0n) cost += 20000;
    else {
      cost += 5000;
      if (current !== 0n && value === 0n) state.refund += 15000;
    }
  } else {
    const sloadGas = fork >= Fork.Berlin ? schedule.warmStorageRead : fork >= Fork.Istanbul ? 800 : 200;
    const resetGas = fork >= Fork.Berlin ? 5000 - schedule.coldSload : 5000;
    const clearRefund = schedule.sstoreClearsRefund;
    const original = state.originalStorage(record, slot);
    if (current === value) {
      cost += sloadGas;
    } else if (original === current) {
      if (original === 0n) cost += 20000;
      else {
        cost += resetGas;
        if (value === 0n) state.refund += clearRefund;
      }
    } else {
      cost += sloadGas;
      if (original !== 0n) {
        if (current === 0n) state.refund -= clearRefund;
        else if (value === 0n) state.refund += clearRefund;
      }
      if (original === value) {
        state.refund += original === 0n ? 20000 - sloadGas : resetGas - sloadGas;
      }
    }
  }
  frame.gas -= cost;
  if (frame.gas < 0) return false;
  if (current !== value) state.setStorage(record, slot, value);
  return true;
}
