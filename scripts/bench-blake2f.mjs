// Micro-benchmark of the EIP-152 BLAKE2f precompile: nanoseconds per round of the F function.
// Run after `npm run build`: `npm run bench:blake2f` (or `node scripts/bench-blake2f.mjs [rounds]`).
import { Fork } from "../dist/src/evm/fork.js";
import { blake2f } from "../dist/src/evm/precompiles/blake2f.js";

/** A 213-byte precompile input with the given round count, a fixed pseudo-random state and the final flag. */
function blake2fInput(rounds) {
  const input = new Uint8Array(213).map((_, i) => (i * 131 + 7) & 0xff);
  new DataView(input.buffer).setUint32(0, rounds, false);
  input[212] = 1;
  return input;
}

const rounds = Number(process.argv[2] ?? 20_000_000);
const input = blake2fInput(rounds);
// Warm up (lets the JIT tier up a JS implementation), then take the best of five timed calls.
for (let i = 0; i < 10; i++) blake2f(blake2fInput(100_000), 100_000, Fork.Istanbul);
let best = Number.POSITIVE_INFINITY;
for (let run = 0; run < 5; run++) {
  const start = process.hrtime.bigint();
  const result = blake2f(input, rounds, Fork.Istanbul);
  const elapsed = Number(process.hrtime.bigint() - start);
  if (!result.ok) throw new Error("blake2f failed");
  best = Math.min(best, elapsed);
}
console.log(
  `blake2f: ${rounds} rounds, best of 5: ${(best / 1e6).toFixed(1)} ms, ${(best / rounds).toFixed(2)} ns/round`,
);
