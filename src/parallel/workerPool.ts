import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { BlockJob, BlockJobReport, RecoverJob } from "./blockJob.js";
import { PoolClosedError, PoolUnusableError } from "./parallelErrors.js";

/** The compiled worker script: beside this module in dist/, or dist/ when running from sources (tests). */
function workerScript(): URL {
  const beside = new URL("./blockWorker.js", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL("../../dist/src/parallel/blockWorker.js", import.meta.url);
}

interface PooledWorker {
  worker: Worker;
  results: MessagePort;
}

/**
 * A persistent pool of Block-STM worker threads, started once and reused for every block. Each worker
 * gets a 256 MiB stack (1024-deep EVM call recursion) and a private result port the main thread drains
 * synchronously with `receiveMessageOnPort`, so a block runs without returning to the event loop.
 */
export class WorkerPool {
  readonly size: number;
  private readonly workers: PooledWorker[];
  private closed = false;
  /** Why the pool refuses blocks, once it does (see markUnusable). */
  private unusable: string | undefined;

  private constructor(workers: PooledWorker[]) {
    this.workers = workers;
    this.size = workers.length;
    for (const { worker } of workers) {
      // A block dispatched to a dead worker would wait for the watchdog: refuse it instead. (These run
      // between blocks only: a block keeps the calling thread busy until it ends.) Listening to 'error'
      // also keeps a worker's crash from becoming the process's uncaught exception.
      worker.on("error", (error) => this.markUnusable(`a worker failed: ${error.message}`));
      worker.on("exit", (code) => {
        if (!this.closed) this.markUnusable(`a worker exited (code ${code})`);
      });
    }
  }

  /**
   * Starts `size` workers (default: one per core beside the calling thread, which joins every block).
   * Synchronous: a block job posted before a worker has loaded waits in its queue.
   */
  static start(size = Math.max(1, availableParallelism() - 1)): WorkerPool {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`Worker count must be a positive integer, got ${size}`);
    const script = workerScript();
    const workers = Array.from({ length: size }, () => {
      const channel = new MessageChannel();
      const worker = new Worker(script, {
        workerData: { resultPort: channel.port2 },
        transferList: [channel.port2],
        resourceLimits: { stackSizeMb: 256 },
      });
      // Idle pool workers must not keep the process alive.
      worker.unref();
      return { worker, results: channel.port1 };
    });
    return new WorkerPool(workers);
  }

  /** Whether the pool can take a block (neither closed nor refusing blocks). */
  get usable(): boolean {
    return !this.closed && this.unusable === undefined;
  }

  /** Throws PoolClosedError or PoolUnusableError when the pool cannot take a block. */
  checkUsable(): void {
    if (this.closed) throw new PoolClosedError();
    if (this.unusable !== undefined) throw new PoolUnusableError(this.unusable);
  }

  /**
   * Refuses every later block, for `reason` (the first one given is kept): a block that timed out may
   * still run on the workers and write into its shared memory, which the next block would reuse.
   */
  markUnusable(reason: string): void {
    this.unusable ??= reason;
  }

  /** Hands the same job to every worker. */
  dispatch(job: BlockJob | RecoverJob): void {
    this.checkUsable();
    for (const { worker } of this.workers) worker.postMessage(job);
  }

  /** Drains the reports the workers posted for `jobId` (call after they all signalled completion). */
  collect(jobId: number): BlockJobReport[] {
    const reports: BlockJobReport[] = [];
    for (const { results } of this.workers) {
      for (;;) {
        const received = receiveMessageOnPort(results);
        if (received === undefined) break;
        const report = received.message as BlockJobReport;
        if (report.jobId === jobId) reports.push(report);
      }
    }
    return reports;
  }

  /** Terminates every worker (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.workers.map(({ worker, results }) => {
        results.close();
        return worker.terminate();
      }),
    );
  }

  /** Terminates workers stuck in a block (watchdog); the pool is unusable afterwards. */
  async abandon(): Promise<void> {
    await this.close();
  }
}
