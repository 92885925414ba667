/**
 * EVM micro-benchmark: our sequential executor against @ethereumjs/vm on the same workloads, in the
 * same process, on the same pre-state and signed transactions. Every run's per-transaction outcomes
 * (status, gasUsed, output, logs) and the warm-up's post-state must match before any timing counts:
 * a benchmark of a wrong result is an error (exit code 1, details in the JSON).
 *
 * Usage: npm run bench:evm -- [--transfers 2000] [--hash-txs 200] [--hash-rounds 32] [--swaps 1000]
 *        [--repeats 5] [--warmup 1] [--ejs-state journal|simple|merkle]
 * Prints one JSON object: {"machine":{...},"results":[{"workload","txs","gas","ours","ethereumjs","ratio"}]}.
 */
import { availableParallelism, cpus } from "node:os";
import { parseArgs } from "node:util";
import { buildAmmWorkload } from "./ammWorkload.js";
import { compareOutcomes, type OutcomeMismatch } from "./compareOutcomes.js";
import { comparePostState } from "./comparePostState.js";
import { buildErc20Workload } from "./erc20Workload.js";
import { buildHashStoreWorkload } from "./hashStoreWorkload.js";
import { type EthereumjsStateManagerKind, prepareEthereumjs, runEthereumjs } from "./runEthereumjs.js";
import { runOurExecutor } from "./runOurExecutor.js";
import { median, round } from "./stats.js";
import type { Workload } from "./workload.js";

/** Median wall time and throughput of one executor on one workload. */
interface Timing {
  ms: number;
  mgasPerSec: number;
}

/** One line of the report. */
interface WorkloadResult {
  workload: string;
  txs: number;
  gas: number;
  ours?: Timing;
  ethereumjs?: Timing & { stateManager: EthereumjsStateManagerKind };
  /** ours Mgas/s divided by ethereumjs Mgas/s. */
  ratio?: number;
  error?: { mismatches: OutcomeMismatch[]; postState: string[] };
}

function timing(gas: bigint, samples: number[]): Timing {
  const ms = median(samples);
  return { ms: round(ms, 2), mgasPerSec: round(Number(gas) / ms / 1000, 2) };
}

async function benchmark(
  workload: Workload,
  repeats: number,
  warmup: number,
  stateManager: EthereumjsStateManagerKind,
): Promise<WorkloadResult> {
  const prepared = prepareEthereumjs(workload, stateManager);
  const head = { workload: workload.name, txs: workload.txs.length };

  // First run of each side: the correctness oracle (outcomes and post-state), then JIT warm-up.
  const oursFirst = runOurExecutor(workload);
  const theirsFirst = await runEthereumjs(prepared);
  const gas = theirsFirst.outcomes.reduce((sum, o) => sum + o.gasUsed, 0n);
  const mismatches = compareOutcomes(oursFirst.outcomes, theirsFirst.outcomes);
  const postState = await comparePostState(oursFirst.state, theirsFirst.vm, workload.preState);
  if (mismatches.length > 0 || postState.length > 0) {
    return { ...head, gas: Number(gas), error: { mismatches: mismatches.slice(0, 10), postState } };
  }
  for (let i = 1; i < warmup; i++) {
    runOurExecutor(workload);
    await runEthereumjs(prepared);
  }

  // Alternate the two so drift in machine load (thermal, GC of the other side) hits both alike.
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const a = runOurExecutor(workload);
    const b = await runEthereumjs(prepared);
    // Cheap re-check every repeat: a run that is fast because it went wrong must not count.
    const again = compareOutcomes(a.outcomes, b.outcomes);
    if (again.length > 0)
      return { ...head, gas: Number(gas), error: { mismatches: again.slice(0, 10), postState: [] } };
    ours.push(a.ms);
    theirs.push(b.ms);
  }
  const oursTiming = timing(gas, ours);
  const theirsTiming = timing(gas, theirs);
  return {
    ...head,
    gas: Number(gas),
    ours: oursTiming,
    ethereumjs: { ...theirsTiming, stateManager },
    ratio: round(oursTiming.mgasPerSec / theirsTiming.mgasPerSec, 2),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      transfers: { type: "string", default: "2000" },
      "hash-txs": { type: "string", default: "200" },
      "hash-rounds": { type: "string", default: "32" },
      swaps: { type: "string", default: "1000" },
      repeats: { type: "string", default: "5" },
      warmup: { type: "string", default: "1" },
      "ejs-state": { type: "string", default: "journal" },
    },
  });
  const stateManager = values["ejs-state"];
  if (stateManager !== "journal" && stateManager !== "simple" && stateManager !== "merkle") {
    throw new Error(`--ejs-state must be journal, simple or merkle, got ${JSON.stringify(stateManager)}`);
  }
  const repeats = Number(values.repeats);
  const warmup = Math.max(1, Number(values.warmup));
  const workloads = [
    () => buildErc20Workload(Number(values.transfers)),
    () => buildHashStoreWorkload(Number(values["hash-txs"]), Number(values["hash-rounds"])),
    () => buildAmmWorkload(Number(values.swaps)),
  ];
  const results: WorkloadResult[] = [];
  for (const build of workloads) results.push(await benchmark(build(), repeats, warmup, stateManager));

  const report = {
    machine: { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? "unknown", node: process.version },
    results,
  };
  console.log(JSON.stringify(report));
  if (results.some((r) => r.error !== undefined)) process.exitCode = 1;
}

await main();
