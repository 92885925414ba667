import { Worker } from "node:worker_threads";
import type { WorkerInit } from "./stateTestPoolProtocol.js";

/**
 * Stack of each state-test worker: the interpreter recurses once per call frame and the EVM allows
 * 1024 nested frames, deeper than a thread's default stack (about 1 MiB) holds. bin/pevm.js gives
 * the CLI thread the same.
 */
export const STATE_TEST_WORKER_STACK_MB = 256;

/**
 * The state-test worker entry beside this module: `stateTestWorker.js` in a compiled build, and
 * `stateTestWorker.ts` when this module itself runs from TypeScript source (under vitest).
 */
export function defaultStateTestWorkerEntry(): URL {
  const extension = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./stateTestWorker${extension}`, import.meta.url);
}

/**
 * Starts one worker thread on `entry` with a 256 MiB stack, handing it `init` (its port is
 * transferred). A `.ts` entry is loaded through typescriptSourceHooks.mjs, registered inside the
 * new thread before the entry is imported, so the pool runs the same source vitest is testing.
 */
export function startStateTestWorker(entry: URL, init: WorkerInit): Worker {
  const options = {
    workerData: init,
    transferList: [init.port],
    resourceLimits: { stackSizeMb: STATE_TEST_WORKER_STACK_MB },
  };
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, options);
  const hooks = new URL("./typescriptSourceHooks.mjs", import.meta.url).href;
  // Evaluated as a CommonJS script in the new thread; a rejection here is an uncaught error there,
  // which the pool sees as the worker failing to start.
  const bootstrap = `import("node:module").then((m) => { m.register(${JSON.stringify(hooks)}); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
