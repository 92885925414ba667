import type { Fork } from "../fork.js";

/**
 * Outcome of a precompile call. On failure (bad input or not enough gas) `ok` is false and all gas
 * passed in is consumed by the caller, so `gasUsed` is ignored.
 */
export interface PrecompileResult {
  ok: boolean;
  gasUsed: number;
  output: Uint8Array;
}

/** A precompiled contract: pure function of its input, the gas it may use and the fork. */
export type Precompile = (input: Uint8Array, gasLimit: number, fork: Fork) => PrecompileResult;

export const EMPTY_OUTPUT = new Uint8Array(0);

/** The failure result: consumes all gas given. */
export function precompileFailure(): PrecompileResult {
  return { ok: false, gasUsed: 0, output: EMPTY_OUTPUT };
}
