#!/usr/bin/env node
// Generates the keccak256 WebAssembly module (keccak-f[1600] written out by the code below rather than by
// hand), compiles it with wabt (the npm `wabt` devDependency, so the runtime never needs it) and writes the
// module as a base64 constant, with the memory layout it assumes, to src/primitives/keccakWasm.ts.
// Usage: npm run compile:keccak                   (regenerate)
//        node scripts/compile-keccak.mjs --check   (exit 1 if keccakWasm.ts is stale; used by the tests)
//        node scripts/compile-keccak.mjs --wat     (print the generated WAT text and exit)
//
// Shape of the permutation, chosen by measurement (Node 20, V8 TurboFan, x86-64; scripts/bench-keccak.mjs):
// - The state is 25 i64 locals; a round is one loop iteration with its round constant loaded from memory.
//   Unrolling all 24 rounds (18 KB of code) was ~40% slower per permutation, 2 rounds per iteration 10-20%.
// - Within a round, theta's column parities come first, then each output row of chi is made from its five
//   rho-pi lanes (five temporaries instead of 25), then the new lanes are copied back.
// - Lane complementing (Bertoni et al., "Keccak implementation overview", 2.2): six lanes are kept
//   complemented, so that chi's 25 and-not operations need 5 NOTs per round instead of 25; ~7% faster.
import { join } from "node:path";
import { root, WABT_VERSION, writeWasmArtifact } from "./wasmArtifact.mjs";

/** keccak256's rate: bytes absorbed per permutation (1600-bit state minus 2 x 256 bits of capacity). */
const RATE = 136;
const RATE_LANES = RATE / 8;

// Memory layout: one 64 KiB page that never grows; the caller absorbs longer inputs in chunks.
const PAGE = 65536;
/** The 32-byte digest. */
const OUTPUT_OFFSET = 0;
/** The 25 lanes (200 bytes, complemented ones included) saved between the calls of a chunked hash. */
const STATE_OFFSET = 32;
/** The 24 round constants (192 bytes). */
const ROUND_CONSTANTS_OFFSET = 256;
/** The input; the module pads it in place, so the bytes up to the end of its last block are scratch. */
const INPUT_OFFSET = 512;
/** Most input bytes per call, a whole number of blocks; a final call takes fewer (room to pad). */
const CHUNK_LENGTH = Math.floor((PAGE - INPUT_OFFSET) / RATE) * RATE;

// Flags of the exported `sponge` (`keccak256` is sponge with FINAL).
/** Start from the state saved at STATE_OFFSET instead of the all-zero state. */
const RESUME = 1;
/** Pad, absorb and write the digest at OUTPUT_OFFSET; without it, absorb whole blocks and save the state. */
const FINAL = 2;

/** Rotation offsets r[x + 5y] and round constants of keccak-f[1600] (FIPS 202, 3.2.2 and 3.2.5). */
function keccakConstants() {
  const rotation = new Array(25).fill(0);
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    rotation[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  const roundConstants = [];
  let lfsr = 1;
  for (let round = 0; round < 24; round++) {
    let rc = 0n;
    for (let j = 0; j < 7; j++) {
      if (lfsr & 1) rc |= 1n << BigInt((1 << j) - 1);
      lfsr = lfsr & 0x80 ? ((lfsr << 1) ^ 0x71) & 0xff : lfsr << 1;
    }
    roundConstants.push(rc);
  }
  return { rotation, roundConstants };
}

/** The lanes kept complemented between rounds (the lane-complementing pattern of the Keccak team). */
const COMPLEMENTED = new Set([1, 2, 8, 12, 17, 20]);
const mask = (lane) => (COMPLEMENTED.has(lane) ? 1 : 0);

/**
 * How to compute one output row of chi, e[x] = b[x] ^ (~b[x+1] & b[x+2]), when b[i] is held as b[i] ^ bMask[i]
 * and e[x] must come out as e[x] ^ eMask[x] (masks 0 or 1: all-zero or all-one words). Each output is
 * S0 ^ (S1 and|or S2), optionally negated, where Sk is an input or its negation; a negated input is
 * computed once for the row. Brute force over which inputs to negate, checked on the truth table, fewest
 * NOTs first: with the pattern above that is one NOT per row.
 */
function chiRow(bMask, eMask) {
  let best;
  for (let negated = 0; negated < 32; negated++) {
    const canNegate = (i) => (negated >> i) & 1;
    let nots = [0, 1, 2, 3, 4].filter(canNegate).length;
    const forms = [];
    for (let x = 0; x < 5 && nots !== Infinity; x++) {
      const inputs = [x, (x + 1) % 5, (x + 2) % 5];
      let form;
      for (const notOutput of [0, 1])
        for (const op of ["and", "or"])
          for (let choice = 0; choice < 8 && !form; choice++) {
            const neg = inputs.map((_, k) => (choice >> k) & 1);
            if (inputs.some((i, k) => neg[k] && !canNegate(i))) continue;
            let correct = true;
            for (let bits = 0; bits < 8; bits++) {
              const b = [bits & 1, (bits >> 1) & 1, (bits >> 2) & 1];
              const s = b.map((v, k) => v ^ bMask[inputs[k]] ^ neg[k]);
              const value = s[0] ^ (op === "and" ? s[1] & s[2] : s[1] | s[2]) ^ notOutput;
              if (value !== (b[0] ^ ((1 ^ b[1]) & b[2]) ^ eMask[x])) correct = false;
            }
            if (correct) form = { inputs, neg, op, notOutput };
          }
      if (form) {
        forms.push(form);
        nots += form.notOutput;
      } else nots = Infinity;
    }
    if (!best || nots < best.nots) best = { nots, negated, forms };
  }
  return best;
}

const NOT = ["i64.const -1", "i64.xor"];

/** One round, $a0..$a24 (lane x + 5y) to $e0..$e24 and back, with the round constant at $round in memory. */
function round(rotation) {
  const out = [];
  // theta: column parities c[x], then d[x] = c[x-1] ^ rotl(c[x+1], 1)
  for (let x = 0; x < 5; x++) {
    out.push(`local.get $a${x}`);
    for (let y = 1; y < 5; y++) out.push(`local.get $a${x + 5 * y}`, "i64.xor");
    out.push(`local.set $c${x}`);
  }
  for (let x = 0; x < 5; x++) {
    out.push(
      `local.get $c${(x + 4) % 5}`,
      `local.get $c${(x + 1) % 5}`,
      "i64.const 1",
      "i64.rotl",
      "i64.xor",
    );
    out.push(`local.set $d${x}`);
  }
  const columnMask = [0, 1, 2, 3, 4].map((x) => [0, 5, 10, 15, 20].reduce((m, y) => m ^ mask(x + y), 0));
  const dMask = [0, 1, 2, 3, 4].map((x) => columnMask[(x + 4) % 5] ^ columnMask[(x + 1) % 5]);
  for (let y = 0; y < 5; y++) {
    // rho and pi: b[x] of output row y is rotl(a[x', x] ^ d[x'], r) with (2x' + 3x) mod 5 = y
    const bMask = [];
    for (let x = 0; x < 5; x++) {
      const sourceX = (((3 * (y - 3 * x)) % 5) + 5) % 5;
      const source = sourceX + 5 * x;
      out.push(`local.get $a${source}`, `local.get $d${sourceX}`, "i64.xor");
      if (rotation[source] !== 0) out.push(`i64.const ${rotation[source]}`, "i64.rotl");
      out.push(`local.set $b${x}`);
      bMask.push(mask(source) ^ dMask[sourceX]);
    }
    // chi, and iota on lane 0
    const { negated, forms } = chiRow(
      bMask,
      [0, 1, 2, 3, 4].map((x) => mask(x + 5 * y)),
    );
    for (let i = 0; i < 5; i++)
      if ((negated >> i) & 1) out.push(`local.get $b${i}`, ...NOT, `local.set $nb${i}`);
    forms.forEach(({ inputs, neg, op, notOutput }, x) => {
      out.push(...inputs.map((i, k) => `local.get ${neg[k] ? "$nb" : "$b"}${i}`), `i64.${op}`, "i64.xor");
      if (notOutput) out.push(...NOT);
      if (x === 0 && y === 0)
        out.push("local.get $round", `i64.load offset=${ROUND_CONSTANTS_OFFSET}`, "i64.xor");
      out.push(`local.set $e${x + 5 * y}`);
    });
  }
  for (let i = 0; i < 25; i++) out.push(`local.get $e${i}`, `local.set $a${i}`);
  return out;
}

function lanes(name, count) {
  return Array.from({ length: count }, (_, i) => `$${name}${i}`);
}

/** A data-segment string of little-endian 64-bit words. */
function dataString(words) {
  let s = "";
  for (const word of words)
    for (let i = 0n; i < 64n; i += 8n) s += `\\${((word >> i) & 0xffn).toString(16).padStart(2, "0")}`;
  return s;
}

function generateWat() {
  const { rotation, roundConstants } = keccakConstants();
  const laneIn = (a, i) =>
    COMPLEMENTED.has(i) ? `(i64.xor (local.get ${a}) (i64.const -1))` : `(local.get ${a})`;
  const locals = [
    ...lanes("a", 25),
    ...lanes("e", 25),
    ...lanes("b", 5),
    ...lanes("nb", 5),
    ...lanes("c", 5),
    ...lanes("d", 5),
  ];
  return [
    ";; Generated by scripts/compile-keccak.mjs: keccak256 (Keccak-f[1600], rate 136, pad 0x01..0x80).",
    "(module",
    '(memory (export "memory") 1 1)',
    `(data (i32.const ${ROUND_CONSTANTS_OFFSET}) "${dataString(roundConstants)}")`,
    `;; absorb len bytes at ptr; flags: ${RESUME} resume the saved state, ${FINAL} pad and squeeze (else save)`,
    '(func $sponge (export "sponge") (param $ptr i32) (param $len i32) (param $flags i32)',
    "(local $tail i32) (local $end i32) (local $round i32)",
    locals.map((name) => `(local ${name} i64)`).join(" "),
    `(if (i32.and (local.get $flags) (i32.const ${RESUME})) (then`,
    ...lanes("a", 25).map(
      (a, i) => `  (local.set ${a} (i64.load offset=${STATE_OFFSET + 8 * i} (i32.const 0)))`,
    ),
    ") (else ;; the all-zero state, in the complemented representation",
    ...[...COMPLEMENTED].map((i) => `  (local.set $a${i} (i64.const -1))`),
    "))",
    ";; FINAL: pad in place (0x01, zeros, 0x80 in the last byte of the block) to a whole number of blocks",
    `(if (i32.and (local.get $flags) (i32.const ${FINAL})) (then`,
    `  (local.set $tail (i32.rem_u (local.get $len) (i32.const ${RATE})))`,
    "  (local.set $end (i32.add (local.get $ptr) (local.get $len)))",
    `  (memory.fill (local.get $end) (i32.const 0) (i32.sub (i32.const ${RATE}) (local.get $tail)))`,
    "  (i32.store8 (local.get $end) (i32.const 0x01))",
    `  (local.set $end (i32.add (i32.sub (local.get $end) (local.get $tail)) (i32.const ${RATE - 1})))`,
    "  (i32.store8 (local.get $end) (i32.or (i32.load8_u (local.get $end)) (i32.const 0x80)))",
    `  (local.set $len (i32.add (i32.sub (local.get $len) (local.get $tail)) (i32.const ${RATE})))`,
    "))",
    ";; absorb: $len is a whole number of blocks",
    "(block $done (loop $absorb",
    "  (br_if $done (i32.eqz (local.get $len)))",
    ...Array.from(
      { length: RATE_LANES },
      (_, i) =>
        `  (local.set $a${i} (i64.xor (local.get $a${i}) (i64.load offset=${8 * i} (local.get $ptr))))`,
    ),
    "  (local.set $round (i32.const 0))",
    "  (loop $rounds",
    ...round(rotation).map((s) => `    ${s}`),
    `    (br_if $rounds (i32.ne (local.tee $round (i32.add (local.get $round) (i32.const 8))) (i32.const ${8 * 24})))`,
    "  )",
    `  (local.set $ptr (i32.add (local.get $ptr) (i32.const ${RATE})))`,
    `  (local.set $len (i32.sub (local.get $len) (i32.const ${RATE})))`,
    "  (br $absorb)",
    "))",
    ";; squeeze the 32-byte digest (the first four lanes), or save the state for the next chunk",
    `(if (i32.and (local.get $flags) (i32.const ${FINAL})) (then`,
    ...lanes("a", 4).map(
      (a, i) => `  (i64.store offset=${OUTPUT_OFFSET + 8 * i} (i32.const 0) ${laneIn(a, i)})`,
    ),
    ") (else",
    ...lanes("a", 25).map(
      (a, i) => `  (i64.store offset=${STATE_OFFSET + 8 * i} (i32.const 0) (local.get ${a}))`,
    ),
    "))",
    ")",
    `;; keccak256 of len bytes at ptr (len < ${CHUNK_LENGTH}), written at ${OUTPUT_OFFSET}`,
    '(func (export "keccak256") (param $ptr i32) (param $len i32)',
    `  (call $sponge (local.get $ptr) (local.get $len) (i32.const ${FINAL})))`,
    ")",
    "",
  ].join("\n");
}

const wat = generateWat();
if (process.argv.includes("--wat")) {
  process.stdout.write(wat);
  process.exit(0);
}

await writeWasmArtifact({
  wat,
  watName: "keccak.wat",
  outPath: join(root, "src", "primitives", "keccakWasm.ts"),
  script: "compile:keccak",
  render: (
    buffer,
    base64,
  ) => `// Generated by scripts/compile-keccak.mjs (npm run compile:keccak) with wabt ${WABT_VERSION}.
// Do not edit: change the generator and regenerate (\`node scripts/compile-keccak.mjs --wat\` prints the WAT).

/** keccak256's rate: bytes absorbed per keccak-f[1600] permutation. */
export const KECCAK_RATE = ${RATE};
/** Where the module writes the 32-byte digest. */
export const KECCAK_OUTPUT_OFFSET = ${OUTPUT_OFFSET};
/** Where the caller puts the input; the module pads it in place. */
export const KECCAK_INPUT_OFFSET = ${INPUT_OFFSET};
/** Most input bytes per \`sponge\` call (whole blocks); \`keccak256\` and a FINAL call take fewer. */
export const KECCAK_CHUNK_LENGTH = ${CHUNK_LENGTH};
/** \`sponge\` flag: continue from the state the previous call saved, not from the all-zero state. */
export const KECCAK_RESUME = ${RESUME};
/** \`sponge\` flag: pad, absorb and write the digest; without it, absorb whole blocks and save the state. */
export const KECCAK_FINAL = ${FINAL};

/** The keccak256 WebAssembly module (${buffer.length} bytes), base64-encoded. */
export const KECCAK_WASM_BASE64 =
  "${base64}";
`,
});
