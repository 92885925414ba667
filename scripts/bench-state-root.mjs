#!/usr/bin/env node
// What the state root costs per block: one generated block (default: erc20, 100 Mgas) executed on its
// pre-state padded with funded accounts to each size (default 10k, 100k, 1M accounts). The pre-state
// trie is built once per size (untimed in the block, reported as buildMs), then the block runs `--runs`
// times (state left unmodified, so every run does the same work) and the medians are reported:
// transactionsMs (the transaction loop), stateRootMs (timings.stateRoot: the state diff plus the trie
// update), trieMs (the trie update alone, the diff already computed) and totalMs. An incremental root
// should cost about the same on every size: touched keys × depth, and depth grows by one nibble per 16x.
// Times on a shared machine vary with its load (and a 1M-account state is a ~1.5 GB heap whose garbage
// collection the trie update's allocations pay for), so the minimum is reported beside the median, and
// the work itself: nodesHashed and bytesHashed by one update, which do not depend on the machine.
// Usage: npm run build && node scripts/bench-state-root.mjs [--workload erc20] [--gas 100000000]
//          [--sizes 10000,100000,1000000] [--runs 5] [--workers 1]
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { BenchKeyring } from "../dist/src/bench/benchKeyring.js";
import { generateWorkload } from "../dist/src/bench/generateWorkload.js";
import { memoryStateFrom } from "../dist/src/bench/workload.js";
import { workloadBlock } from "../dist/src/bench/workloadBlock.js";
import { MAINNET } from "../dist/src/chain/mainnetChain.js";
import { closeDefaultPools, executeBlock } from "../dist/src/parallel/executeBlock.js";
import { keccak256 } from "../dist/src/primitives/keccak.js";

const { values } = parseArgs({
  options: {
    workload: { type: "string", default: "erc20" },
    gas: { type: "string", default: "100000000" },
    sizes: { type: "string", default: "10000,100000,1000000" },
    runs: { type: "string", default: "5" },
    workers: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
  },
});
const RUNS = Number(values.runs);
const WORKERS = Number(values.workers);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

const workload = generateWorkload(values.workload, {
  gas: BigInt(values.gas),
  seed: Number(values.seed),
  keyring: new BenchKeyring(`${values.workload}-seed${values.seed}`),
});
const block = workloadBlock(workload);

/** Filler account i: an address no workload uses, with a nonce and a balance (an ordinary EOA leaf). */
function fillerAddress(i) {
  const seed = new Uint8Array(8);
  new DataView(seed.buffer).setUint32(0, 0x5eed5eed);
  new DataView(seed.buffer).setUint32(4, i);
  return keccak256(seed).subarray(12);
}

const results = [];
let gasUsed = 0;
for (const size of values.sizes.split(",").map(Number)) {
  const state = memoryStateFrom(workload.preState, workload.blockHashes, { complete: true });
  for (let i = workload.preState.length; i < size; i++) {
    state.setAccount(fillerAddress(i), { nonce: 1n, balance: BigInt(i) * 10n ** 15n });
  }
  const buildStart = performance.now();
  const trie = state.worldStateTrie();
  const buildMs = performance.now() - buildStart;
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const result = executeBlock(MAINNET, state, block, { workers: WORKERS, trustSenders: true });
    const trieStart = performance.now();
    trie.apply(result.stateDiff);
    const trieMs = performance.now() - trieStart;
    let nodesHashed = 0;
    let bytesHashed = 0;
    trie.apply(result.stateDiff, (_hash, node) => {
      nodesHashed++;
      bytesHashed += node.length;
    });
    runs.push({ result, trieMs, nodesHashed, bytesHashed });
  }
  const diff = runs[0].result.stateDiff;
  gasUsed = Number(runs[0].result.gasUsed);
  results.push({
    accounts: size,
    buildMs: round(buildMs),
    transactionsMs: round(median(runs.map((r) => r.result.timings.transactions))),
    stateRootMs: round(median(runs.map((r) => r.result.timings.stateRoot))),
    stateRootMinMs: round(Math.min(...runs.map((r) => r.result.timings.stateRoot))),
    trieMs: round(median(runs.map((r) => r.trieMs))),
    trieMinMs: round(Math.min(...runs.map((r) => r.trieMs))),
    nodesHashed: runs[0].nodesHashed,
    bytesHashed: runs[0].bytesHashed,
    totalMs: round(median(runs.map((r) => r.result.timings.total))),
    touchedAccounts: diff.length,
    touchedSlots: diff.reduce((n, d) => n + d.storage.length, 0),
  });
  console.error(JSON.stringify(results.at(-1)));
}
await closeDefaultPools();
console.log(
  JSON.stringify(
    {
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      workload: {
        name: values.workload,
        gasUsed,
        txs: block.transactions.length,
      },
      runs: RUNS,
      workers: WORKERS,
      results,
    },
    null,
    2,
  ),
);
