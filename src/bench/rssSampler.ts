import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";

// Slot 0: peak RSS in KiB since the last reset (written by the sampler thread only).
// Slot 1: reset request (main thread sets 1, sampler clears it after restarting the peak).
const PEAK = 0;
const RESET = 1;

const SAMPLER_SOURCE = `
const { workerData } = require("node:worker_threads");
const cells = new Int32Array(workerData);
setInterval(() => {
  const kib = Math.round(process.memoryUsage.rss() / 1024);
  if (Atomics.load(cells, ${RESET}) === 1) {
    Atomics.store(cells, ${PEAK}, kib);
    Atomics.store(cells, ${RESET}, 0);
  } else if (kib > Atomics.load(cells, ${PEAK})) {
    Atomics.store(cells, ${PEAK}, kib);
  }
}, 5);
`;

/**
 * Peak resident set size of the whole process over a window. Why a thread: the benchmark's own
 * thread is busy in synchronous execution, so a timer there would never fire; a sampler thread
 * reads process RSS every 5 ms regardless (worker threads of the parallel executor included).
 */
export class RssSampler {
  private readonly cells = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(SAMPLER_SOURCE, { eval: true, workerData: this.cells.buffer });
    this.worker.unref();
  }

  /** Starts a new window: the peak restarts from the current RSS. */
  reset(): void {
    Atomics.store(this.cells, PEAK, Math.round(process.memoryUsage.rss() / 1024));
    Atomics.store(this.cells, RESET, 1);
  }

  /** Peak RSS in MiB since the last reset (including the RSS right now). */
  peakMB(): number {
    const now = Math.round(process.memoryUsage.rss() / 1024);
    return Math.max(now, Atomics.load(this.cells, PEAK)) / 1024;
  }

  /** Stops the sampler thread. */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

let gc: (() => void) | undefined;

/**
 * Runs a full garbage collection, so one workload's garbage does not count in the next one's peak.
 * Turns on --expose-gc at run time (the CLI's worker thread cannot be given the flag).
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}
