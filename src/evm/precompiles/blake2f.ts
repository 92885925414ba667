import type { Fork } from "../fork.js";
import { BLAKE2F_WASM_BASE64 } from "./blake2fWasm.js";
import { type PrecompileResult, precompileFailure } from "./precompile.js";

/** EIP-152 input: rounds (4) ‖ h (64) ‖ m (128) ‖ t (16) ‖ f (1). */
const BLAKE2F_INPUT_LENGTH = 213;

/** Where h, m and t (208 contiguous input bytes) go in the module's memory, h first; see blake2f.wat. */
const STATE_OFFSET = 0;
const STATE_LENGTH = 64;

/**
 * Most rounds per runRounds call. V8 replaces a function's baseline code with optimized code only between
 * calls (no on-stack replacement for wasm), so a long F runs as baseline code for the first chunk or few
 * only: ~10-20 ms each. Per chunk the call and the reload of v cost well under 0.1% of the chunk's ~1 ms.
 */
const ROUNDS_PER_CALL = 1 << 16;

/** The exports of blake2f.wat; F is initialize(f), runRounds(n) until all rounds are done, finalize(). */
interface Blake2fExports {
  memory: WebAssembly.Memory;
  initialize(last: number): void;
  runRounds(rounds: number): void;
  finalize(): void;
}

// BLAKE2b's F in WebAssembly: native i64 adds and rotates run a round in ~13 ns where the JS version on
// 32-bit halves it replaces took ~305 ns (scripts/bench-blake2f.mjs, Node 20, shared 2-core x86-64 machine),
// so the 2^32 - 1 rounds of stTimeConsuming/CALLBlake2f_MaxRounds take about a minute instead of ~22 minutes.
// The module is 1.5 KB: compiling and instantiating it synchronously at load is cheap. Its memory is reused
// by every call on this thread, which is safe because calls are synchronous and never re-entered.
const wasm = new WebAssembly.Instance(
  new WebAssembly.Module(Uint8Array.from(atob(BLAKE2F_WASM_BASE64), (c) => c.charCodeAt(0))),
).exports as unknown as Blake2fExports;
const memory = new Uint8Array(wasm.memory.buffer);

/**
 * 0x09 BLAKE2F (Istanbul, EIP-152): input exactly 213 bytes (rounds as 4-byte big-endian, then h, m, t
 * little-endian, then final flag 0 or 1); output the new 64-byte state. Gas: 1 per round.
 */
export function blake2f(input: Uint8Array, gasLimit: number, _fork: Fork): PrecompileResult {
  if (input.length !== BLAKE2F_INPUT_LENGTH) return precompileFailure();
  const rounds = ((input[0] << 24) | (input[1] << 16) | (input[2] << 8) | input[3]) >>> 0;
  if (rounds > gasLimit) return precompileFailure();
  const last = input[212];
  if (last !== 0 && last !== 1) return precompileFailure();
  memory.set(input.subarray(4, 212), STATE_OFFSET);
  wasm.initialize(last);
  for (let left = rounds; left > 0; left -= ROUNDS_PER_CALL) wasm.runRounds(Math.min(left, ROUNDS_PER_CALL));
  wasm.finalize();
  return { ok: true, gasUsed: rounds, output: memory.slice(STATE_OFFSET, STATE_OFFSET + STATE_LENGTH) };
}
