import { type MessagePort, parentPort, threadId, workerData } from "node:worker_threads";
import { BlockExecutor } from "./blockExecutor.js";
import type { BlockJob, BlockJobReport, RecoverJob } from "./blockJob.js";
import { recoverClaimedSenders } from "./recoverClaimedSenders.js";
import {
  AbortReason,
  attachSharedBlockMemory,
  CACHE_LINE_WORDS,
  Control,
  controlAdd,
} from "./sharedLayout.js";

const resultPort: MessagePort = workerData.resultPort;

/** This worker's share of a block, then its report; it always counts itself finished. */
function runBlock(job: BlockJob): void {
  const memory = attachSharedBlockMemory(job.capacities, job.buffers);
  let failure: string | undefined;
  try {
    if (job.testHooks?.workerStartFault !== undefined) throw new Error(job.testHooks.workerStartFault);
    const executor = new BlockExecutor(job);
    try {
      if (job.testHooks?.tasksOn !== "caller") executor.run();
      executor.reportTimes();
      failure = executor.failure;
    } finally {
      executor.release();
    }
  } catch (error) {
    // Outside a task (building the executor, opening the pre-block state of a persistent backend
    // committed to since the block began): the other threads would wait for this one's tasks until
    // the watchdog fires, so the block stops now and the caller resumes it sequentially.
    const abort = Control.Abort * CACHE_LINE_WORDS;
    if (Atomics.compareExchange(memory.control, abort, 0, AbortReason.WorkerError) === 0)
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const report: BlockJobReport = {
    jobId: job.jobId,
    failure: failure === undefined ? undefined : `pool worker ${threadId}: ${failure}`,
  };
  resultPort.postMessage(report);
  controlAdd(memory, Control.WorkersFinished, 1);
  Atomics.notify(memory.control, Control.WorkersFinished * CACHE_LINE_WORDS);
}

function recover(job: RecoverJob): void {
  try {
    recoverClaimedSenders(job);
  } catch {
    // The calling thread redoes every transaction not marked recovered; this worker must still count
    // itself finished, or the caller waits for the watchdog.
  }
  const progress = new Int32Array(job.progress);
  Atomics.add(progress, 1, 1);
  Atomics.notify(progress, 1);
}

// The pool terminates its workers itself (WorkerPool.close): block and recovery jobs are all they get.
parentPort!.on("message", (message: BlockJob | RecoverJob) => {
  if (message.type === "block") runBlock(message);
  else recover(message);
});
