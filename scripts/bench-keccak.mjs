#!/usr/bin/env node
// keccak256 per call: ours (src/primitives/keccak.ts, WebAssembly from scripts/compile-keccak.mjs) against
// hash-wasm's createKeccak(256) (what keccak.ts used before) and @noble/hashes' pure-JS keccak_256, on the
// input sizes an EVM hashes: addresses (20), words (32), mapping slots (64), one block (136), a transaction
// (450), contract code (4096). Median ns/call of several alternating runs, in CPU time (process.cpuUsage), which
// time spent descheduled on a busy machine does not inflate.
// Usage: npm run bench:keccak [-- --runs 15]
import { parseArgs } from "node:util";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { createKeccak } from "hash-wasm";
import { keccak256 } from "../dist/src/primitives/keccak.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
const RUNS = Number(values.runs);
const SIZES = [20, 32, 64, 136, 450, 4096];

const hashWasm = await createKeccak(256);
const implementations = {
  ours: keccak256,
  "hash-wasm": (data) => {
    hashWasm.init();
    hashWasm.update(data);
    return hashWasm.digest("binary");
  },
  noble: keccak_256,
};

function cpuNs() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

/** CPU ns per call of `hash` over `inputs`, for about 20 ms. */
function time(hash, inputs) {
  const calls = Math.max(100, Math.round(2e6 / (inputs[0].length + 100)));
  let sink = 0;
  const start = cpuNs();
  for (let i = 0; i < calls; i++) sink ^= hash(inputs[i & 15])[0];
  const ns = (cpuNs() - start) / calls;
  if (sink === 256) console.log("unreachable");
  return ns;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const rows = [];
for (const size of SIZES) {
  const inputs = Array.from({ length: 16 }, (_, k) => Uint8Array.from({ length: size }, (_, i) => i * 7 + k));
  for (const [name, hash] of Object.entries(implementations)) {
    if (Buffer.compare(hash(inputs[3]), keccak_256(inputs[3])) !== 0) throw new Error(`${name} is wrong`);
    time(hash, inputs); // warm-up
  }
  const samples = Object.fromEntries(Object.keys(implementations).map((name) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, hash] of Object.entries(implementations)) samples[name].push(time(hash, inputs));
  }
  const row = { bytes: size };
  for (const name of Object.keys(implementations)) row[name] = Math.round(median(samples[name]));
  rows.push(row);
}
console.table(rows);
console.log(JSON.stringify(rows));
