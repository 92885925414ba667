import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { BlockExecutor } from "./blockExecutor.js";
import type { BlockJob, BlockJobReport, RecoverJob } from "./blockJob.js";
import { recoverClaimedSenders } from "./recoverClaimedSenders.js";
import { CACHE_LINE_WORDS, Control, controlAdd } from "./sharedLayout.js";

const resultPort: MessagePort = workerData.resultPort;

function runBlock(job: BlockJob): void {
  const executor = new BlockExecutor(job);
  executor.run();
  executor.reportTimes();
  const memory = executor.memory;
  const report: BlockJobReport = { jobId: job.jobId, failure: executor.failure };
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
