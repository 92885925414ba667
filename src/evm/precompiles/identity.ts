import type { Fork } from "../fork.js";
import { wordCount } from "./paddedInput.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

const IDENTITY_BASE_GAS = 15;
const IDENTITY_WORD_GAS = 3;

/** 0x04 IDENTITY (Frontier): returns its input; 15 gas + 3 per word. */
export function identity(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  const gasUsed = IDENTITY_BASE_GAS + IDENTITY_WORD_GAS * wordCount(input.length);
  if (gasUsed > gasLimit) return precompileFailure();
  // Copy: the caller's input usually aliases EVM memory that the callee's output must not track.
  return { ok: true, gasUsed, output: input.slice() };
}
