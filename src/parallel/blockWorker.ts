import { type MessagePort, parentPort, workerData } from "node:worker_threads";
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

function runBlock(job: BlockJob): void {
  const memory = attachSharedBlockMemory(job.capacities, job.buffers);
  let failure: string | undefined;
  try {
    const executor = new BlockExecutor(job);
    try {
      executor.run();
      executor.reportTimes();
      failure = executor.failure;
    } finally {
      executor.release();
    }
  } catch (error) {
    // The pre-block state could not be opened (a persistent state committed to since the block began):
    // stop the block for every thread; the main thread finishes it sequentially with this reason.
    failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    Atomics.compareExchange(memory.control, Control.Abort * CACHE_LINE_WORDS, 0, AbortReason.WorkerError);
  }
  const report: BlockJobReport = { jobId: job.jobId, failure };
  resultPort.postMessage(report);
  controlAdd(memory, Control.WorkersFinished, 1);
  Atomics.notify(memory.control, Control.WorkersFinished * CACHE_LINE_WORDS);
}

function recover(job: RecoverJob): void {
  recoverClaimedSenders(job);
  const progress = new Int32Array(job.progress);
  Atomics.add(progress, 1, 1);
  Atomics.notify(progress, 1);
}

parentPort!.on("message", (message: BlockJob | RecoverJob | { type: "stop" }) => {
  if (message.type === "block") runBlock(message);
  else if (message.type === "recover") recover(message);
  else process.exit(0);
});
