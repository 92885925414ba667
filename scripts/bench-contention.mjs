// How much slower one thread runs our sequential executor while a second, unrelated thread is busy with
// the same kind of work (its own copy of the state, nothing shared): the machine's own cost of running
// two threads at once, which bounds any 2-thread speedup before Block-STM adds anything. Prints JSON.
//
//   npm run bench:contention [-- --workload erc20 --rounds 30]
import { parseArgs } from "node:util";
import { isMainThread, Worker, workerData } from "node:worker_threads";

const dist = new URL("../dist/src/", import.meta.url);
const { generateWorkload } = await import(new URL("bench/generateWorkload.js", dist));
const { BenchKeyring } = await import(new URL("bench/benchKeyring.js", dist));
const { memoryStateFrom } = await import(new URL("bench/workload.js", dist));
const { workloadBlock } = await import(new URL("bench/workloadBlock.js", dist));
const { singleForkChain } = await import(new URL("chain/chainConfig.js", dist));
const { executeBlock } = await import(new URL("parallel/executeBlock.js", dist));

function prepare(name) {
  const workload = generateWorkload(name, {
    gas: 100_000_000n,
    seed: 1,
    keyring: new BenchKeyring(`${name}-seed1`),
  });
  const state = memoryStateFrom(workload.preState, workload.blockHashes);
  const block = workloadBlock(workload);
  const chain = singleForkChain(workload.fork);
  return () => executeBlock(chain, state, block, { workers: 1, trustSenders: true });
}

// Control words: [0] stop, [1] 1 while the neighbour should be busy.
if (!isMainThread) {
  const control = new Int32Array(workerData.control);
  const run = prepare(workerData.workload);
  while (Atomics.load(control, 0) === 0) {
    if (Atomics.load(control, 1) === 1) run();
    else Atomics.wait(control, 1, 0, 50);
  }
} else {
  const { values } = parseArgs({
    options: { workload: { type: "string", default: "erc20" }, rounds: { type: "string", default: "30" } },
  });
  const rounds = Number(values.rounds);
  const control = new Int32Array(new SharedArrayBuffer(8));
  const neighbour = new Worker(new URL(import.meta.url), {
    workerData: { control: control.buffer, workload: values.workload },
    resourceLimits: { stackSizeMb: 256 },
  });
  const run = prepare(values.workload);
  const times = { alone: [], besideBusyThread: [] };
  for (let round = 0; round < rounds; round++) {
    const busy = round % 2 === 1;
    Atomics.store(control, 1, busy ? 1 : 0);
    Atomics.notify(control, 1);
    // Let the neighbour reach steady work (or finish its current block) before timing.
    await new Promise((resolve) => setTimeout(resolve, busy ? 200 : 150));
    const start = performance.now();
    run();
    const ms = performance.now() - start;
    if (round >= 4) (busy ? times.besideBusyThread : times.alone).push(ms);
  }
  Atomics.store(control, 0, 1);
  Atomics.store(control, 1, 0);
  Atomics.notify(control, 1);
  await neighbour.terminate();
  const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
  const alone = median(times.alone);
  const beside = median(times.besideBusyThread);
  console.log(
    JSON.stringify({
      workload: values.workload,
      rounds,
      aloneMs: Number(alone.toFixed(2)),
      besideBusyThreadMs: Number(beside.toFixed(2)),
      slowdown: Number((beside / alone).toFixed(2)),
    }),
  );
}
