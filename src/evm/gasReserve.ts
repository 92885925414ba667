import type { Frame } from "./interpreter.js";

/*
 * Gas beyond 2^53 - 1. Frames count gas in a double, exact only up to Number.MAX_SAFE_INTEGER, while a
 * transaction's gas limit is an unbounded integer (state tests use ~2^63). A frame given more than that
 * holds the excess as a BigInt reserve (`Frame.reserve`, `Message.gasReserve`, `FrameResult.gasReserve`):
 * its gas is counter + reserve, and whenever gas is split (frame entry, after a call or creation) the
 * counter is filled to MAX_COUNTER_GAS before anything goes to the reserve. Every place that reads or
 * moves a frame's whole gas — GAS, CALL/CREATE forwarding (EIP-150), gas a child frame or an unused call
 * allowance gives back, a creation's code deposit — works on the exact BigInt sum when a reserve is
 * involved. A frame without one (every real transaction) keeps the double path: one `reserve === 0n`
 * test per GAS, CALL or CREATE.
 *
 * Other opcodes charge the counter alone, so a frame with a reserve would halt early only after spending
 * 2^53 gas between two calls; memory is capped at 2^32 bytes (under 2^46 gas), and the costliest use of
 * it, a LOG of 4 GiB, costs 2^35, so that takes over 2^17 of them. Precompiles are handed the counter (at most 2^53 - 1 gas).
 */

/** The most gas a frame's double counter holds exactly. */
const MAX_COUNTER_GAS = Number.MAX_SAFE_INTEGER;
const MAX_COUNTER_GAS_BIG = BigInt(MAX_COUNTER_GAS);

/** The counter part of `total` gas: all of it up to MAX_COUNTER_GAS (the rest is the reserve). */
export function counterPart(total: bigint): number {
  return total > MAX_COUNTER_GAS_BIG ? MAX_COUNTER_GAS : Number(total);
}

/** A frame's whole gas, exactly. */
export function totalGas(frame: Frame): bigint {
  return BigInt(frame.gas) + frame.reserve;
}

/** Sets a frame's gas to `total` (negative when it ran out), split into counter and reserve. */
export function setTotalGas(frame: Frame, total: bigint): void {
  const counter = counterPart(total);
  frame.gas = counter;
  frame.reserve = total - BigInt(counter);
}

/** Gives `gas` + `reserve` back to `frame` (what a child frame left, or an allowance a call did not use). */
export function creditGas(frame: Frame, gas: number, reserve: bigint): void {
  const sum = frame.gas + gas;
  // Both addends are exact integers, so a double sum within the counter's range is the exact sum.
  if (sum <= MAX_COUNTER_GAS && reserve === 0n && frame.reserve === 0n) frame.gas = sum;
  else setTotalGas(frame, totalGas(frame) + BigInt(gas) + reserve);
}

/**
 * The gas a CALL-family opcode forwards, for a frame with a reserve (execution-specs
 * `calculate_message_call_gas`): charges `cost` (memory expansion and the call's extra gas) and the
 * forwarded gas, `requested` capped at all but one 64th of what is left after `cost` from Tangerine
 * Whistle. Returns -1n when the frame runs out of gas.
 */
export function chargeCallGas(frame: Frame, requested: bigint, cost: number, allButOne64th: boolean): bigint {
  const available = totalGas(frame) - BigInt(cost);
  if (available < 0n) return -1n;
  let forwarded = requested;
  if (allButOne64th) {
    const cap = available - available / 64n;
    if (forwarded > cap) forwarded = cap;
  }
  if (forwarded > available) return -1n;
  setTotalGas(frame, available - forwarded);
  return forwarded;
}

/** The gas CREATE/CREATE2 forwards from a frame with a reserve (charged costs already taken). */
export function chargeCreateGas(frame: Frame, allButOne64th: boolean): bigint {
  const available = totalGas(frame);
  const forwarded = allButOne64th ? available - available / 64n : available;
  setTotalGas(frame, available - forwarded);
  return forwarded;
}
