import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from "node:worker_threads";
import type { Fork } from "../../evm/fork.js";
import { PevmError } from "../../primitives/errors.js";
import { errorSummary } from "./runStateTestCase.js";
import type { CaseResult } from "./runStateTestFile.js";
import { defaultStateTestWorkerEntry, startStateTestWorker } from "./startStateTestWorker.js";
import type { CaseKey, RunFileMessage, WorkerMessage } from "./stateTestPoolProtocol.js";

/** Default per-file watchdog: the slowest passing fixture (vmPerformance/loopMul) takes ~100 s on one core. */
export const DEFAULT_TIMEOUT_PER_FILE_SECONDS = 180;

/** How runStateTestPool runs. */
export interface StateTestPoolOptions {
  /** Run only the cases of this fork. */
  fork?: Fork;
  /** Worker threads at once (capped at the number of files); default os.availableParallelism(). */
  jobs?: number;
  /**
   * Seconds one file may run; past that its worker is terminated and replaced, and every case of
   * the file not yet reported fails with reason `timed out after <s>s`. Default 180.
   */
  timeoutPerFileSeconds?: number;
  /** Each case result as it arrives (files interleave); for progress displays. */
  onResult?: (result: CaseResult) => void;
  /** Each file once all its cases are reported, whether it finished, timed out or crashed. */
  onFileDone?: (file: string) => void;
  /** The worker entry module; default defaultStateTestWorkerEntry(). Tests substitute stubs. */
  workerEntry?: URL;
}

/** A worker that died before it took its first file: its entry cannot run, so neither can the rest. */
export class StateTestWorkerStartError extends PevmError {
  override name = "StateTestWorkerStartError";
  constructor(entry: URL, cause: unknown) {
    super("WORKER_START_FAILED", `State-test worker failed to start from ${entry.href}`, {
      details: errorSummary(cause),
      cause,
    });
  }
}

/** One fixture file's progress: its planned cases (once the worker sent them) and results so far. */
interface FileRun {
  file: string;
  cases: CaseKey[] | undefined;
  results: CaseResult[];
}

/** One pool slot: a worker, the port it reports on, and the file it is running. */
interface Slot {
  worker: Worker;
  port: MessagePort;
  /** Set once the pool stops the worker: its later messages and its exit are expected. */
  retired: boolean;
  /** Set while the pool drains the port after a timeout or crash: no new file is sent meanwhile. */
  draining: boolean;
  /** The file it is running, if any. */
  fileId: number | undefined;
  /** Files sent to it so far. */
  filesSent: number;
  watchdog: NodeJS.Timeout | undefined;
}

/**
 * Runs every case of `files` across a pool of worker threads and resolves to all results in file
 * order (within a file, in plan order): timeouts and crashes aside, the same list in the same order
 * as running the files one after another with runStateTestFile. Files go to whichever worker is free next. A file that
 * outlives `timeoutPerFileSeconds`, or whose worker crashes, fails its unreported cases and gets a
 * fresh worker for the files after it. Every worker is terminated before the promise settles, on
 * success and on error (a worker that cannot start, or a callback that throws, rejects the run).
 */
export async function runStateTestPool(
  files: readonly string[],
  options: StateTestPoolOptions = {},
): Promise<CaseResult[]> {
  const runs: FileRun[] = files.map((file) => ({ file, cases: undefined, results: [] }));
  const jobs = Math.min(Math.max(1, options.jobs ?? availableParallelism()), files.length);
  const timeoutSeconds = options.timeoutPerFileSeconds ?? DEFAULT_TIMEOUT_PER_FILE_SECONDS;
  const entry = options.workerEntry ?? defaultStateTestWorkerEntry();
  const slots = new Set<Slot>();
  let nextFile = 0;
  let filesLeft = files.length;

  try {
    await new Promise<void>((resolve, reject) => {
      if (filesLeft === 0) resolve();
      // Any throw on a callback path (ours or the caller's onResult) ends the run.
      const guarded =
        <A extends unknown[]>(f: (...args: A) => void) =>
        (...args: A) => {
          try {
            f(...args);
          } catch (error) {
            reject(error);
          }
        };

      const report = (run: FileRun, result: CaseResult) => {
        run.results.push(result);
        options.onResult?.(result);
      };

      const completeFile = (slot: Slot) => {
        const run = runs[slot.fileId!];
        clearTimeout(slot.watchdog);
        slot.fileId = undefined;
        slot.watchdog = undefined;
        options.onFileDone?.(run.file);
        if (--filesLeft === 0) resolve();
      };

      /** Fails what the current file of `slot` has not reported, then ends the file. */
      const abandonFile = (slot: Slot, reason: string) => {
        const run = runs[slot.fileId!];
        const unreported = run.cases?.slice(run.results.length) ?? [{ test: "", fork: "", index: null }];
        for (const key of unreported) report(run, { file: run.file, ...key, status: "failed", reason });
        completeFile(slot);
      };

      const handle = (slot: Slot, message: WorkerMessage) => {
        if (slot.retired) return;
        if (message.kind === "ready") {
          if (!slot.draining) dispatch(slot);
          return;
        }
        const run = runs[message.fileId];
        if (message.kind === "planned") run.cases = message.cases;
        else if (message.kind === "result") report(run, message.result);
        else {
          completeFile(slot);
          if (!slot.draining) dispatch(slot);
        }
      };

      /**
       * Handles, synchronously, every message the worker posted that the event loop has not
       * delivered yet, without sending it more work: it is about to be judged on what it said.
       */
      const drain = (slot: Slot) => {
        slot.draining = true;
        for (let m = receiveMessageOnPort(slot.port); m !== undefined; m = receiveMessageOnPort(slot.port)) {
          handle(slot, m.message as WorkerMessage);
        }
        slot.draining = false;
      };

      const dispatch = (slot: Slot) => {
        if (nextFile >= runs.length) {
          retire(slot);
          return;
        }
        const fileId = nextFile++;
        slot.fileId = fileId;
        slot.filesSent++;
        slot.watchdog = setTimeout(
          guarded(() => onTimeout(slot)),
          timeoutSeconds * 1000,
        );
        slot.worker.postMessage({ kind: "run", fileId, file: runs[fileId].file } satisfies RunFileMessage);
      };

      const onTimeout = (slot: Slot) => {
        drain(slot);
        if (slot.retired) return;
        // The drained messages may end with "finished": then the file made it after all.
        if (slot.fileId === undefined) dispatch(slot);
        else {
          abandonFile(slot, `timed out after ${timeoutSeconds}s`);
          replace(slot);
        }
      };

      const onCrash = (slot: Slot, error: unknown) => {
        if (slot.retired) return;
        drain(slot);
        if (slot.retired) return;
        // A worker that dies before it could take a file is broken, not unlucky: replacing it
        // would loop. (Ours dies only in a file, of a stack or heap limit the file drove it to.)
        if (slot.filesSent === 0) {
          reject(new StateTestWorkerStartError(entry, error));
          return;
        }
        if (slot.fileId !== undefined) abandonFile(slot, `worker crashed: ${errorSummary(error)}`);
        replace(slot);
      };

      const replace = (slot: Slot) => {
        retire(slot);
        if (nextFile < runs.length) start();
      };

      const start = () => {
        const { port1, port2 } = new MessageChannel();
        const worker = startStateTestWorker(entry, { port: port2, fork: options.fork });
        const slot: Slot = {
          worker,
          port: port1,
          retired: false,
          draining: false,
          fileId: undefined,
          filesSent: 0,
          watchdog: undefined,
        };
        slots.add(slot);
        port1.on(
          "message",
          guarded((message: WorkerMessage) => handle(slot, message)),
        );
        worker.on(
          "error",
          guarded((error: unknown) => onCrash(slot, error)),
        );
        worker.on(
          "exit",
          guarded((code: number) => onCrash(slot, new Error(`worker exited with code ${code}`))),
        );
      };

      for (let i = 0; i < jobs; i++) start();
    });
  } finally {
    await Promise.all([...slots].map(retire));
  }
  return runs.flatMap((run) => run.results);
}

/** Stops a slot's worker for good; resolves once the thread has exited. */
function retire(slot: Slot): Promise<number> {
  slot.retired = true;
  clearTimeout(slot.watchdog);
  slot.port.close();
  return slot.worker.terminate();
}
